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

// Package helmrelease installs, upgrades and uninstalls Helm releases through the Helm SDK,
// skipping the upgrade when neither the chart nor the values changed.
package helmrelease

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/go-logr/logr"
	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/cli"
	"helm.sh/helm/v3/pkg/registry"
	"helm.sh/helm/v3/pkg/release"
	"helm.sh/helm/v3/pkg/storage/driver"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// ValuesHashLabel is the Helm release label holding the fingerprint of the chart source and
// values a revision was made from.
const ValuesHashLabel = "platform.catalyst.dev/values-hash"

// maxHistory bounds the release Secrets kept per release; failed retries add revisions too.
const maxHistory = 5

// Action is what Ensure did to a release.
type Action string

// The actions Ensure reports.
const (
	ActionNone    Action = ""
	ActionInstall Action = "Install"
	ActionUpgrade Action = "Upgrade"
)

// Release is one wanted Helm release. ChartName is the chart the release must install,
// whatever the source: a source holding another chart is refused.
type Release struct {
	Namespace string
	Name      string
	ChartName string
	Chart     platformv1alpha1.ChartSource
	Values    map[string]any
}

// Result is the release after Ensure and what Ensure did to it.
type Result struct {
	Status platformv1alpha1.ReleaseStatus
	Action Action
}

// Releaser runs Helm actions against the cluster of one rest.Config.
type Releaser struct {
	config    *rest.Config
	discovery discovery.CachedDiscoveryInterface
	mapper    meta.ResettableRESTMapper
	settings  *cli.EnvSettings
	timeout   time.Duration
	log       logr.Logger

	registryOnce sync.Once
	registry     *registry.Client
	registryErr  error
}

// NewReleaser returns a Releaser for the cluster of config. Downloaded charts and registry
// credentials live under cacheDir; timeout bounds each Helm action (hooks included).
func NewReleaser(config *rest.Config, cacheDir string, timeout time.Duration, log logr.Logger) (*Releaser, error) {
	discoveryClient, err := discovery.NewDiscoveryClientForConfig(config)
	if err != nil {
		return nil, fmt.Errorf("creating the discovery client: %w", err)
	}
	cached := memory.NewMemCacheClient(discoveryClient)
	settings := cli.New()
	settings.RepositoryCache = filepath.Join(cacheDir, "repository")
	settings.RepositoryConfig = filepath.Join(cacheDir, "repositories.yaml")
	settings.RegistryConfig = filepath.Join(cacheDir, "registry", "config.json")
	return &Releaser{
		config:    config,
		discovery: cached,
		mapper:    restmapper.NewDeferredDiscoveryRESTMapper(cached),
		settings:  settings,
		timeout:   timeout,
		log:       log,
	}, nil
}

// Ensure makes the release match want: it installs a missing release, upgrades one whose chart
// or values changed or whose last revision failed, and leaves a matching one alone. before is
// called just before an install or upgrade starts.
func (r *Releaser) Ensure(ctx context.Context, want Release, before func(Action)) (Result, error) {
	hash, err := ValuesHash(want.Chart, want.Values)
	if err != nil {
		return Result{}, stepError(want.Name, ReasonChartUnavailable, err)
	}
	cfg, err := r.configuration(want.Namespace)
	if err != nil {
		return Result{}, stepError(want.Name, ReasonReleaseUnknown, err)
	}
	last, err := lastRevision(cfg, want.Name)
	if err != nil {
		return Result{}, stepError(want.Name, ReasonReleaseUnknown, err)
	}
	if last != nil && last.Info.Status == release.StatusDeployed && last.Labels[ValuesHashLabel] == hash {
		return Result{Status: StatusOf(last)}, nil
	}
	if last != nil && last.Info.Status.IsPending() {
		// Only an operator that stopped mid-operation leaves a pending revision behind, and
		// Helm refuses every later operation until it is settled.
		last.SetStatus(release.StatusFailed, "interrupted while "+last.Info.Status.String())
		if err := cfg.Releases.Update(last); err != nil {
			return Result{}, stepError(want.Name, ReasonReleaseUnknown, fmt.Errorf("settling interrupted revision %d: %w", last.Version, err))
		}
	}
	loaded, err := r.loadChart(want.Chart, want.ChartName)
	if err != nil {
		return Result{}, stepError(want.Name, ReasonChartUnavailable, err)
	}
	labels := map[string]string{ValuesHashLabel: hash}

	if last == nil {
		before(ActionInstall)
		install := action.NewInstall(cfg)
		install.ReleaseName = want.Name
		install.Namespace = want.Namespace
		install.Timeout = r.timeout
		install.Labels = labels
		installed, err := install.RunWithContext(ctx, loaded, want.Values)
		if err != nil {
			return Result{}, stepError(want.Name, ReasonInstallFailed, err)
		}
		return Result{Status: StatusOf(installed), Action: ActionInstall}, nil
	}

	before(ActionUpgrade)
	upgrade := action.NewUpgrade(cfg)
	upgrade.Namespace = want.Namespace
	upgrade.Timeout = r.timeout
	upgrade.Labels = labels
	upgrade.ResetValues = true
	upgrade.MaxHistory = maxHistory
	upgraded, err := upgrade.RunWithContext(ctx, want.Name, loaded, want.Values)
	if err != nil {
		return Result{}, stepError(want.Name, ReasonUpgradeFailed, err)
	}
	return Result{Status: StatusOf(upgraded), Action: ActionUpgrade}, nil
}

// Uninstall removes the release and the objects it created. It reports whether there was a
// release to remove.
func (r *Releaser) Uninstall(namespace, name string) (bool, error) {
	cfg, err := r.configuration(namespace)
	if err != nil {
		return false, stepError(name, ReasonUninstallFailed, err)
	}
	uninstall := action.NewUninstall(cfg)
	uninstall.IgnoreNotFound = true
	uninstall.Timeout = r.timeout
	response, err := uninstall.Run(name)
	if err != nil {
		return false, stepError(name, ReasonUninstallFailed, err)
	}
	return response != nil && response.Release != nil, nil
}

// Get returns the last revision of a release, or nil when there is none.
func (r *Releaser) Get(namespace, name string) (*release.Release, error) {
	cfg, err := r.configuration(namespace)
	if err != nil {
		return nil, err
	}
	return lastRevision(cfg, name)
}

// configuration is a Helm action configuration storing releases as Secrets in namespace.
func (r *Releaser) configuration(namespace string) (*action.Configuration, error) {
	getter := &restClientGetter{config: r.config, namespace: namespace, discovery: r.discovery, mapper: r.mapper}
	cfg := &action.Configuration{}
	debug := func(format string, args ...any) { r.log.V(1).Info(fmt.Sprintf(format, args...)) }
	if err := cfg.Init(getter, namespace, "secret", debug); err != nil {
		return nil, fmt.Errorf("initialising Helm for namespace %s: %w", namespace, err)
	}
	return cfg, nil
}

func lastRevision(cfg *action.Configuration, name string) (*release.Release, error) {
	history, err := cfg.Releases.History(name)
	if errors.Is(err, driver.ErrReleaseNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the history of release %s: %w", name, err)
	}
	var last *release.Release
	for _, revision := range history {
		if last == nil || revision.Version > last.Version {
			last = revision
		}
	}
	return last, nil
}

// ValuesHash fingerprints a chart source and values. It fits a label value (32 hex digits).
func ValuesHash(source platformv1alpha1.ChartSource, values map[string]any) (string, error) {
	// encoding/json sorts map keys, so equal values always give equal bytes.
	encoded, err := json.Marshal(struct {
		Chart  platformv1alpha1.ChartSource `json:"chart"`
		Values map[string]any               `json:"values"`
	}{source, values})
	if err != nil {
		return "", fmt.Errorf("encoding the values: %w", err)
	}
	sum := sha256.Sum256(encoded)
	return hex.EncodeToString(sum[:16]), nil
}

// StatusOf describes a release revision for the stack's status.
func StatusOf(rel *release.Release) platformv1alpha1.ReleaseStatus {
	status := platformv1alpha1.ReleaseStatus{
		ReleaseName: rel.Name,
		Revision:    int32(rel.Version),
		ValuesHash:  rel.Labels[ValuesHashLabel],
	}
	if rel.Info != nil {
		status.Status = rel.Info.Status.String()
	}
	if rel.Chart != nil && rel.Chart.Metadata != nil {
		status.Chart = rel.Chart.Metadata.Name
		status.ChartVersion = rel.Chart.Metadata.Version
		status.AppVersion = rel.Chart.Metadata.AppVersion
	}
	return status
}
