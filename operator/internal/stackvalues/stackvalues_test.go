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

package stackvalues

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/yaml"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

func stack() *platformv1alpha1.ObservabilityStack {
	size := resource.MustParse("50Gi")
	return &platformv1alpha1.ObservabilityStack{
		ObjectMeta: metav1.ObjectMeta{Namespace: "observability", Name: "main"},
		Spec: platformv1alpha1.ObservabilityStackSpec{
			Prometheus: platformv1alpha1.PrometheusSpec{
				Retention:      "30d",
				RetentionSize:  "45GB",
				ScrapeInterval: "15s",
				Replicas:       2,
				Resources: corev1.ResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m")},
					Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("4Gi")},
				},
				Storage:    platformv1alpha1.StorageSpec{Size: &size, StorageClassName: "ssd"},
				Components: platformv1alpha1.PrometheusComponents{NodeExporter: true},
			},
			Alertmanager: platformv1alpha1.AlertmanagerSpec{
				Replicas: 1,
				Receivers: []platformv1alpha1.AlertReceiver{
					{Name: "b-slack", Slack: &platformv1alpha1.SlackReceiver{Channel: "#b", APIURLSecret: platformv1alpha1.SecretKeyReference{Name: "slack", Key: "b"}}},
					{Name: "a-slack", Severities: []platformv1alpha1.Severity{"warning", "critical"}, Slack: &platformv1alpha1.SlackReceiver{Channel: "#a", APIURLSecret: platformv1alpha1.SecretKeyReference{Name: "slack", Key: "a"}}},
				},
			},
			VictoriaLogs: platformv1alpha1.VictoriaLogsSpec{
				Retention: "14d",
				Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("2Gi")}},
				Storage:   platformv1alpha1.StorageSpec{Size: &size, StorageClassName: "ssd"},
				Collector: platformv1alpha1.LogCollectorSpec{
					Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("300Mi")}},
				},
			},
			Loki: platformv1alpha1.LokiSpec{Retention: "14d", Replicas: 1},
		},
	}
}

// lookup walks nested value maps, failing the test when a key is missing.
func lookup(t *testing.T, values map[string]any, path ...string) any {
	t.Helper()
	var current any = values
	for _, key := range path {
		m, ok := current.(map[string]any)
		if !ok {
			t.Fatalf("%v: %q is not a map", path, key)
		}
		if current, ok = m[key]; !ok {
			t.Fatalf("%v: no key %q", path, key)
		}
	}
	return current
}

func TestKubePrometheusStackSizesPrometheusFromTheSpec(t *testing.T) {
	values := KubePrometheusStack(stack())
	for path, want := range map[string]any{
		"retention":      "30d",
		"retentionSize":  "45GB",
		"scrapeInterval": "15s",
		"replicas":       int64(2),
	} {
		if got := lookup(t, values, "prometheus", "prometheusSpec", path); got != want {
			t.Errorf("prometheusSpec.%s = %#v, want %#v", path, got, want)
		}
	}
	resources := lookup(t, values, "prometheus", "prometheusSpec", "resources")
	wantResources := map[string]any{"requests": map[string]any{"cpu": "500m"}, "limits": map[string]any{"memory": "4Gi"}}
	if !reflect.DeepEqual(resources, wantResources) {
		t.Errorf("resources = %#v, want %#v", resources, wantResources)
	}
	claim := lookup(t, values, "prometheus", "prometheusSpec", "storageSpec", "volumeClaimTemplate", "spec")
	wantClaim := map[string]any{
		"accessModes":      []any{"ReadWriteOnce"},
		"storageClassName": "ssd",
		"resources":        map[string]any{"requests": map[string]any{"storage": "50Gi"}},
	}
	if !reflect.DeepEqual(claim, wantClaim) {
		t.Errorf("volumeClaimTemplate.spec = %#v, want %#v", claim, wantClaim)
	}
}

func TestKubePrometheusStackSwitchesOnlyRequestedComponentsOn(t *testing.T) {
	values := KubePrometheusStack(stack())
	want := map[string]bool{
		"grafana.enabled": false, "nodeExporter.enabled": true, "kubeStateMetrics.enabled": false,
		"defaultRules.create": false, "kubeEtcd.enabled": false, "kubeScheduler.enabled": false,
		"kubelet.enabled": true,
	}
	for dotted, enabled := range want {
		component, key, _ := strings.Cut(dotted, ".")
		if got := lookup(t, values, component, key); got != enabled {
			t.Errorf("%s = %v, want %v", dotted, got, enabled)
		}
	}
}

func TestKubePrometheusStackNeedsNoAdmissionWebhooks(t *testing.T) {
	values := KubePrometheusStack(stack())
	for _, key := range []string{"admissionWebhooks", "tls"} {
		if got := lookup(t, values, "prometheusOperator", key, "enabled"); got != false {
			t.Errorf("prometheusOperator.%s.enabled = %v", key, got)
		}
	}
}

func TestKubePrometheusStackLeavesOutStorageWhenNoSizeIsGiven(t *testing.T) {
	s := stack()
	s.Spec.Prometheus.Storage = platformv1alpha1.StorageSpec{}
	spec := lookup(t, KubePrometheusStack(s), "prometheus", "prometheusSpec").(map[string]any)
	if _, found := spec["storageSpec"]; found {
		t.Errorf("storageSpec rendered without a size: %#v", spec["storageSpec"])
	}
}

func TestAlertmanagerRoutesBySeverityAndMountsEachSecretOnce(t *testing.T) {
	values := KubePrometheusStack(stack())
	routes := lookup(t, values, "alertmanager", "config", "route", "routes").([]any)
	if len(routes) != 2 {
		t.Fatalf("routes = %#v, want 2", routes)
	}
	if got := routes[1].(map[string]any)["matchers"]; !reflect.DeepEqual(got, []any{`severity=~"critical|warning"`}) {
		t.Errorf("a-slack matchers = %#v", got)
	}
	if _, found := routes[0].(map[string]any)["matchers"]; found {
		t.Errorf("a receiver without severities must get every alert: %#v", routes[0])
	}
	if got := lookup(t, values, "alertmanager", "alertmanagerSpec", "secrets"); !reflect.DeepEqual(got, []any{"slack"}) {
		t.Errorf("secrets = %#v, want [slack]", got)
	}
	receivers := lookup(t, values, "alertmanager", "config", "receivers").([]any)
	slack := receivers[2].(map[string]any)["slack_configs"].([]any)[0].(map[string]any)
	if slack["api_url_file"] != "/etc/alertmanager/secrets/slack/a" {
		t.Errorf("api_url_file = %v", slack["api_url_file"])
	}
}

func TestAlertmanagerCanBeSwitchedOff(t *testing.T) {
	s := stack()
	s.Spec.Alertmanager.Enabled = ptr.To(false)
	if got := lookup(t, KubePrometheusStack(s), "alertmanager"); !reflect.DeepEqual(got, map[string]any{"enabled": false}) {
		t.Errorf("alertmanager = %#v", got)
	}
	if endpoints := Endpoints(s); endpoints.Alertmanager != "" {
		t.Errorf("an Alertmanager endpoint for a disabled Alertmanager: %s", endpoints.Alertmanager)
	}
}

func TestOptInLokiRunsOneBinaryWithTheSpecsRetention(t *testing.T) {
	values := Loki(stack())
	if got := lookup(t, values, "deploymentMode"); got != "SingleBinary" {
		t.Errorf("deploymentMode = %v", got)
	}
	if got := lookup(t, values, "loki", "limits_config", "retention_period"); got != "14d" {
		t.Errorf("retention_period = %v", got)
	}
	if got := lookup(t, values, "singleBinary", "persistence", "enabled"); got != false {
		t.Errorf("persistence without a size = %v", got)
	}
	for _, component := range []string{"chunksCache", "resultsCache", "lokiCanary", "gateway", "minio"} {
		if got := lookup(t, values, component, "enabled"); got != false {
			t.Errorf("%s.enabled = %v", component, got)
		}
	}
}

func TestValuesDoNotShareMapsThatHelmCouldMergeInto(t *testing.T) {
	values := Loki(stack())
	values["gateway"].(map[string]any)["replicas"] = 9
	if _, polluted := values["lokiCanary"].(map[string]any)["replicas"]; polluted {
		t.Fatal("gateway and lokiCanary share one map")
	}
	kps := KubePrometheusStack(stack())
	kps["kubeEtcd"].(map[string]any)["service"] = "x"
	if _, polluted := kps["coreDns"].(map[string]any)["service"]; polluted {
		t.Fatal("kubeEtcd and coreDns share one map")
	}
}

func TestValuesAreDeterministic(t *testing.T) {
	first, _ := json.Marshal(KubePrometheusStack(stack()))
	for range 20 {
		again, _ := json.Marshal(KubePrometheusStack(stack()))
		if string(again) != string(first) {
			t.Fatalf("values differ between two renderings of the same spec:\n%s\n%s", first, again)
		}
	}
}

func TestEndpointsNameTheChartsServices(t *testing.T) {
	got := Endpoints(stack())
	want := platformv1alpha1.EndpointsStatus{
		Prometheus:   "http://main-prometheus.observability.svc:9090",
		Alertmanager: "http://main-alertmanager.observability.svc:9093",
		VictoriaLogs: "http://main-logs.observability.svc:9428",
	}
	if got != want {
		t.Errorf("Endpoints() = %#v, want %#v", got, want)
	}
	s := stack()
	s.Spec.Loki.Enabled = ptr.To(true)
	if got := Endpoints(s).Loki; got != "http://main-loki.observability.svc:3100" {
		t.Errorf("opt-in Loki endpoint = %q", got)
	}
}

func TestLokiIsOffUnlessAskedFor(t *testing.T) {
	s := stack()
	if LokiEnabled(s) {
		t.Error("Loki is on without spec.loki.enabled")
	}
	s.Spec.Loki.Enabled = ptr.To(true)
	if !LokiEnabled(s) {
		t.Error("spec.loki.enabled true leaves Loki off")
	}
}

func TestVictoriaLogsServerFollowsTheSpec(t *testing.T) {
	values := VictoriaLogs(stack())
	for path, want := range map[string]any{
		"fullnameOverride": "main-logs",
		"retentionPeriod":  "14d",
		"replicaCount":     int64(1),
	} {
		if got := lookup(t, values, "server", path); got != want {
			t.Errorf("server.%s = %#v, want %#v", path, got, want)
		}
	}
	if got := lookup(t, values, "server", "resources"); !reflect.DeepEqual(got, map[string]any{"limits": map[string]any{"memory": "2Gi"}}) {
		t.Errorf("server.resources = %#v", got)
	}
	wantVolume := map[string]any{"enabled": true, "size": "50Gi", "storageClassName": "ssd"}
	if got := lookup(t, values, "server", "persistentVolume"); !reflect.DeepEqual(got, wantVolume) {
		t.Errorf("server.persistentVolume = %#v, want %#v", got, wantVolume)
	}
	if got := lookup(t, values, "dashboards", "enabled"); got != false {
		t.Errorf("dashboards.enabled = %v", got)
	}
}

func TestTheCollectorShipsPodLogsWithKubernetesStreamFields(t *testing.T) {
	values := VictoriaLogs(stack())
	if got := lookup(t, values, "vector", "enabled"); got != true {
		t.Fatalf("vector.enabled = %v", got)
	}
	if got := lookup(t, values, "vector", "resources"); !reflect.DeepEqual(got, map[string]any{"limits": map[string]any{"memory": "300Mi"}}) {
		t.Errorf("vector.resources = %#v", got)
	}
	if got := lookup(t, values, "vector", "customConfig", "sources", "k8s", "type"); got != "kubernetes_logs" {
		t.Errorf("source type = %v", got)
	}
	headers := lookup(t, values, "vector", "customConfig", "sinks", "vlogs", "request", "headers").(map[string]any)
	if headers["VL-Stream-Fields"] != "namespace,pod,container,app" {
		t.Errorf("VL-Stream-Fields = %v", headers["VL-Stream-Fields"])
	}
	remap := lookup(t, values, "vector", "customConfig", "transforms", "parser", "source").(string)
	for _, assignment := range []string{
		".namespace = .kubernetes.pod_namespace", ".pod = .kubernetes.pod_name",
		".container = .kubernetes.container_name", `.app = .kubernetes.pod_labels."app.kubernetes.io/name"`,
	} {
		if !strings.Contains(remap, assignment) {
			t.Errorf("the remap transform does not set %q:\n%s", assignment, remap)
		}
	}
	s := stack()
	s.Spec.VictoriaLogs.Collector.Enabled = ptr.To(false)
	if got := lookup(t, VictoriaLogs(s), "vector"); !reflect.DeepEqual(got, map[string]any{"enabled": false}) {
		t.Errorf("vector with the collector off = %#v", got)
	}
}

func catalystStack() *platformv1alpha1.ObservabilityStack {
	s := stack()
	s.Spec.Alertmanager.Receivers = append(s.Spec.Alertmanager.Receivers,
		platformv1alpha1.AlertReceiver{Name: "catalyst", Catalyst: &platformv1alpha1.CatalystReceiver{
			URL:           "http://catalyst-backend.catalyst.svc:7007/",
			WebhookSecret: platformv1alpha1.SecretKeyReference{Name: "catalyst-alertmanager-webhook", Key: "token"},
		}},
		platformv1alpha1.AlertReceiver{Name: "hook", Webhook: &platformv1alpha1.WebhookReceiver{
			URL:               "https://hooks.example.com/alerts",
			BearerTokenSecret: &platformv1alpha1.SecretKeyReference{Name: "hook-token", Key: "bearer"},
		}})
	return s
}

func TestCatalystReceiverPostsToTheIntakeRouteWithTheMountedSecret(t *testing.T) {
	values := KubePrometheusStack(catalystStack())
	receivers := map[string]map[string]any{}
	for _, receiver := range lookup(t, values, "alertmanager", "config", "receivers").([]any) {
		receivers[receiver.(map[string]any)["name"].(string)] = receiver.(map[string]any)
	}
	catalyst := receivers["catalyst"]["webhook_configs"].([]any)[0].(map[string]any)
	want := map[string]any{
		"url":           "http://catalyst-backend.catalyst.svc:7007/api/observability/webhooks/alertmanager",
		"send_resolved": true,
		"http_config": map[string]any{"authorization": map[string]any{
			"type":             "Bearer",
			"credentials_file": "/etc/alertmanager/secrets/catalyst-alertmanager-webhook/token",
		}},
	}
	if !reflect.DeepEqual(catalyst, want) {
		t.Errorf("catalyst webhook = %#v\nwant %#v", catalyst, want)
	}
	hook := receivers["hook"]["webhook_configs"].([]any)[0].(map[string]any)
	if got := lookup(t, hook, "http_config", "authorization", "credentials_file"); got != "/etc/alertmanager/secrets/hook-token/bearer" {
		t.Errorf("webhook credentials_file = %v", got)
	}
	secrets := lookup(t, values, "alertmanager", "alertmanagerSpec", "secrets")
	if !reflect.DeepEqual(secrets, []any{"catalyst-alertmanager-webhook", "hook-token", "slack"}) {
		t.Errorf("secrets = %#v", secrets)
	}
}

// TestRenderedAlertmanagerConfigLoadsInAlertmanager checks the configuration with amtool,
// which parses it with Alertmanager's own loader (Debian's prometheus-alertmanager package;
// ../scripts/observability.sh install puts it on PATH).
func TestRenderedAlertmanagerConfigLoadsInAlertmanager(t *testing.T) {
	amtool := os.Getenv("AMTOOL")
	if amtool == "" {
		found, err := exec.LookPath("amtool")
		if err != nil {
			t.Fatal("amtool is needed: run ../scripts/observability.sh install (or apt-get install prometheus-alertmanager), or set AMTOOL")
		}
		amtool = found
	}
	config, err := yaml.Marshal(lookup(t, KubePrometheusStack(catalystStack()), "alertmanager", "config"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "alertmanager.yaml")
	if err := os.WriteFile(file, config, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(amtool, "check-config", file).CombinedOutput(); err != nil {
		t.Fatalf("amtool check-config: %v\n%s\n--- config:\n%s", err, out, config)
	}
}
