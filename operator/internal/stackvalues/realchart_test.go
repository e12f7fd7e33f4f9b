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
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"sigs.k8s.io/yaml"
)

// realChart is the real kube-prometheus-stack chart, assembled from its sources by
// scripts/charts.sh (the Go module proxy serves the helm-charts repository); the test command
// sets CATALYST_KUBE_PROMETHEUS_STACK_CHART, a plain `go test` runs the script itself.
// victoria-logs-single has no such test: the proxy refuses github.com/VictoriaMetrics/helm-charts,
// so it is checked against the stand-in in test/charts/victoria-logs-single only.
func realChart(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("CATALYST_KUBE_PROMETHEUS_STACK_CHART"); dir != "" {
		return dir
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "..", "scripts", "charts.sh"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script, "kube-prometheus-stack").Output()
	if err != nil {
		t.Fatalf("scripts/charts.sh kube-prometheus-stack: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// renderRealChart renders the chart's templates with the values the operator computes, as
// `helm template` would for the stack's release.
func renderRealChart(t *testing.T) map[string][]map[string]any {
	t.Helper()
	s := stack()
	chart, err := loader.Load(realChart(t))
	if err != nil {
		t.Fatalf("loading the chart: %v", err)
	}
	install := action.NewInstall(&action.Configuration{Log: func(string, ...any) {}})
	install.DryRun = true
	install.ClientOnly = true
	install.ReleaseName = PrometheusReleaseName(s)
	install.Namespace = s.Namespace
	install.KubeVersion = &chartutil.KubeVersion{Version: "v1.33.0", Major: "1", Minor: "33"}
	release, err := install.Run(chart, KubePrometheusStack(s))
	if err != nil {
		t.Fatalf("rendering the chart with the operator's values: %v", err)
	}
	byKind := map[string][]map[string]any{}
	for _, document := range strings.Split(release.Manifest, "\n---\n") {
		object := map[string]any{}
		if err := yaml.Unmarshal([]byte(document), &object); err != nil {
			t.Fatalf("rendered manifest does not parse: %v\n%s", err, document)
		}
		if kind, ok := object["kind"].(string); ok {
			byKind[kind] = append(byKind[kind], object)
		}
	}
	return byKind
}

func name(object map[string]any) string {
	return object["metadata"].(map[string]any)["name"].(string)
}

func field(t *testing.T, object map[string]any, path ...string) any {
	t.Helper()
	return lookup(t, object, path...)
}

func TestTheRealChartRunsPrometheusAsTheSpecSizesIt(t *testing.T) {
	objects := renderRealChart(t)
	if len(objects["Prometheus"]) != 1 {
		t.Fatalf("rendered %d Prometheus objects, want 1", len(objects["Prometheus"]))
	}
	prometheus := objects["Prometheus"][0]
	for path, want := range map[string]any{
		"replicas":      float64(2),
		"retention":     "30d",
		"retentionSize": "45GB",
	} {
		if got := field(t, prometheus, "spec", path); got != want {
			t.Errorf("Prometheus spec.%s = %#v, want %#v", path, got, want)
		}
	}
	if got := field(t, prometheus, "spec", "resources", "requests", "cpu"); got != "500m" {
		t.Errorf("Prometheus cpu request = %v, want 500m", got)
	}
	if got := field(t, prometheus, "spec", "resources", "limits", "memory"); got != "4Gi" {
		t.Errorf("Prometheus memory limit = %v, want 4Gi", got)
	}
	claim := field(t, prometheus, "spec", "storage", "volumeClaimTemplate", "spec").(map[string]any)
	if claim["storageClassName"] != "ssd" {
		t.Errorf("Prometheus storage class = %v, want ssd", claim["storageClassName"])
	}
	selector := field(t, prometheus, "spec", "ruleNamespaceSelector", "matchLabels")
	if got := selector.(map[string]any)["kubernetes.io/metadata.name"]; got != "observability" {
		t.Errorf("rules are read from namespace %v, want the stack's own", got)
	}
}

func TestTheRealChartBoundsTheOperatorAndLeavesOffWhatTheSpecDoesNotAskFor(t *testing.T) {
	objects := renderRealChart(t)
	var operator map[string]any
	for _, deployment := range objects["Deployment"] {
		n := name(deployment)
		if strings.Contains(n, "grafana") || strings.Contains(n, "kube-state-metrics") {
			t.Errorf("Deployment %s is rendered although the spec leaves it off", n)
		}
		if strings.HasSuffix(n, "-operator") {
			operator = deployment
		}
	}
	if operator == nil {
		t.Fatalf("no prometheus-operator Deployment among %d Deployments", len(objects["Deployment"]))
	}
	containers := field(t, operator, "spec", "template", "spec", "containers").([]any)
	limits := containers[0].(map[string]any)["resources"].(map[string]any)["limits"].(map[string]any)
	if limits["memory"] != "256Mi" {
		t.Errorf("prometheus-operator memory limit = %v, want 256Mi", limits["memory"])
	}
	// The spec asks for node-exporter only.
	if len(objects["DaemonSet"]) != 1 || !strings.Contains(name(objects["DaemonSet"][0]), "node-exporter") {
		t.Errorf("DaemonSets = %v, want node-exporter alone", names(objects["DaemonSet"]))
	}
	for _, kind := range []string{"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "Job"} {
		if len(objects[kind]) != 0 {
			t.Errorf("%s objects %v rendered; the operator turns admission webhooks off", kind, names(objects[kind]))
		}
	}
	if len(objects["PrometheusRule"]) != 0 {
		t.Errorf("default rules %v rendered; the spec leaves them off", names(objects["PrometheusRule"]))
	}
}

func TestTheRealChartGivesAlertmanagerTheReceiversAndTheirSecrets(t *testing.T) {
	objects := renderRealChart(t)
	if len(objects["Alertmanager"]) != 1 {
		t.Fatalf("rendered %d Alertmanager objects, want 1", len(objects["Alertmanager"]))
	}
	alertmanager := objects["Alertmanager"][0]
	secrets := field(t, alertmanager, "spec", "secrets").([]any)
	if len(secrets) != 1 || secrets[0] != "slack" {
		t.Errorf("Alertmanager mounts secrets %v, want [slack] once", secrets)
	}
	var config string
	for _, secret := range objects["Secret"] {
		if strings.HasPrefix(name(secret), "alertmanager-") {
			data, _ := secret["data"].(map[string]any)
			encoded, _ := data["alertmanager.yaml"].(string)
			config = encoded
		}
	}
	if config == "" {
		t.Fatalf("no Alertmanager configuration Secret among %v", names(objects["Secret"]))
	}
	decoded := decodeBase64(t, config)
	for _, want := range []string{"a-slack", "b-slack", "/etc/alertmanager/secrets/slack/a", "severity"} {
		if !strings.Contains(decoded, want) {
			t.Errorf("the Alertmanager configuration lacks %q:\n%s", want, decoded)
		}
	}
}

func names(objects []map[string]any) []string {
	out := make([]string, 0, len(objects))
	for _, object := range objects {
		out = append(out, name(object))
	}
	return out
}

func decodeBase64(t *testing.T, encoded string) string {
	t.Helper()
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		t.Fatalf("the Alertmanager configuration is not base64: %v", err)
	}
	return string(decoded)
}
