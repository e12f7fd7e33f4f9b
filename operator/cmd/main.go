/*
Copyright 2026 The Catalyst Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

// Command manager runs the Catalyst operator: the ObservabilityStack controller.
package main

import (
	"crypto/tls"
	"flag"
	"os"
	"path/filepath"
	"time"

	// Every client-go auth plugin (exec, OIDC, ...) for running outside the cluster.
	_ "k8s.io/client-go/plugin/pkg/client/auth"

	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	"sigs.k8s.io/controller-runtime/pkg/metrics/filters"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/chartsource"
	"github.com/catalyst-dev/catalyst/operator/internal/controller"
	"github.com/catalyst-dev/catalyst/operator/internal/helmrelease"
)

var (
	scheme   = runtime.NewScheme()
	setupLog = ctrl.Log.WithName("setup")
)

func init() {
	utilruntime.Must(clientgoscheme.AddToScheme(scheme))
	utilruntime.Must(platformv1alpha1.AddToScheme(scheme))
}

func main() {
	var (
		metricsAddr   string
		probeAddr     string
		secureMetrics bool
		enableHTTP2   bool
		leaderElect   bool
		helmCacheDir  string
		helmTimeout   time.Duration
	)
	chartSources := chartsource.Default()
	flag.StringVar(&metricsAddr, "metrics-bind-address", "0", "Address of the metrics endpoint, e.g. :8443 (HTTPS) or :8080 (HTTP); 0 turns it off.")
	flag.StringVar(&probeAddr, "health-probe-bind-address", ":8081", "Address of the health and readiness probes.")
	flag.BoolVar(&secureMetrics, "metrics-secure", true, "Serve metrics over HTTPS, to callers the API server authenticates and authorizes.")
	flag.BoolVar(&enableHTTP2, "enable-http2", false, "Serve metrics over HTTP/2 too (off because of the HTTP/2 rapid-reset and stream-cancellation CVEs).")
	flag.BoolVar(&leaderElect, "leader-elect", false, "Elect a leader so that only one replica reconciles.")
	flag.StringVar(&helmCacheDir, "helm-cache-dir", filepath.Join(os.TempDir(), "catalyst-helm"), "Directory for downloaded charts and registry credentials.")
	flag.DurationVar(&helmTimeout, "helm-timeout", 5*time.Minute, "Time limit of one Helm install, upgrade or uninstall, hooks included.")
	flag.Var(newListFlag(&chartSources.Repositories), "allowed-chart-repositories",
		"Comma-separated chart repository URLs an ObservabilityStack may install from (repeatable; the first use replaces the default).")
	flag.Var(newListFlag(&chartSources.OCI), "allowed-chart-oci-references",
		"Comma-separated OCI chart references, without tag, an ObservabilityStack may install (repeatable; the first use replaces the default).")
	flag.Var(newListFlag(&chartSources.PathRoots), "allowed-chart-paths",
		"Comma-separated absolute directories whose charts an ObservabilityStack may install by path (none by default).")
	opts := zap.Options{Development: false}
	opts.BindFlags(flag.CommandLine)
	flag.Parse()
	ctrl.SetLogger(zap.New(zap.UseFlagOptions(&opts)))

	var tlsOpts []func(*tls.Config)
	if !enableHTTP2 {
		tlsOpts = append(tlsOpts, func(c *tls.Config) { c.NextProtos = []string{"http/1.1"} })
	}
	metricsOptions := metricsserver.Options{BindAddress: metricsAddr, SecureServing: secureMetrics, TLSOpts: tlsOpts}
	if secureMetrics {
		metricsOptions.FilterProvider = filters.WithAuthenticationAndAuthorization
	}

	restConfig := ctrl.GetConfigOrDie()
	mgr, err := ctrl.NewManager(restConfig, ctrl.Options{
		Scheme:                 scheme,
		Metrics:                metricsOptions,
		HealthProbeBindAddress: probeAddr,
		LeaderElection:         leaderElect,
		LeaderElectionID:       "observabilitystack.platform.catalyst.dev",
	})
	if err != nil {
		setupLog.Error(err, "unable to create the manager")
		os.Exit(1)
	}

	releaser, err := helmrelease.NewReleaser(restConfig, helmCacheDir, helmTimeout, ctrl.Log.WithName("helm"))
	if err != nil {
		setupLog.Error(err, "unable to set up Helm")
		os.Exit(1)
	}
	if err := (&controller.ObservabilityStackReconciler{
		Client:       mgr.GetClient(),
		Scheme:       mgr.GetScheme(),
		Recorder:     mgr.GetEventRecorder("catalyst-operator"),
		Releaser:     releaser,
		ChartSources: chartSources,
	}).SetupWithManager(mgr); err != nil {
		setupLog.Error(err, "unable to create the controller", "controller", "ObservabilityStack")
		os.Exit(1)
	}

	if err := mgr.AddHealthzCheck("healthz", healthz.Ping); err != nil {
		setupLog.Error(err, "unable to set up the health check")
		os.Exit(1)
	}
	if err := mgr.AddReadyzCheck("readyz", healthz.Ping); err != nil {
		setupLog.Error(err, "unable to set up the ready check")
		os.Exit(1)
	}

	setupLog.Info("starting the manager", "allowedChartRepositories", chartSources.Repositories,
		"allowedChartOCIReferences", chartSources.OCI, "allowedChartPaths", chartSources.PathRoots)
	if err := mgr.Start(ctrl.SetupSignalHandler()); err != nil {
		setupLog.Error(err, "the manager stopped with an error")
		os.Exit(1)
	}
}
