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

package goldensignals

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/yaml"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

func stack(alerts platformv1alpha1.GoldenSignalAlertsSpec) *platformv1alpha1.ObservabilityStack {
	if alerts.Metrics == (platformv1alpha1.GoldenSignalMetrics{}) {
		alerts.Metrics = platformv1alpha1.GoldenSignalMetrics{
			RequestsTotal: "http_requests_total", RequestDurationBucket: "http_request_duration_seconds_bucket", StatusCodeLabel: "code",
		}
	}
	if alerts.For == "" {
		alerts.For = "5m"
	}
	return &platformv1alpha1.ObservabilityStack{
		ObjectMeta: metav1.ObjectMeta{Namespace: "observability", Name: "main"},
		Spec:       platformv1alpha1.ObservabilityStackSpec{GoldenSignalAlerts: alerts},
	}
}

// rules returns the rendered rules keyed by alert or record name.
func rules(t *testing.T, rule *unstructured.Unstructured) map[string]map[string]any {
	t.Helper()
	groups, _, err := unstructured.NestedSlice(rule.Object, "spec", "groups")
	if err != nil || len(groups) != 1 {
		t.Fatalf("groups = %#v (%v), want one group", groups, err)
	}
	byName := map[string]map[string]any{}
	for _, r := range groups[0].(map[string]any)["rules"].([]any) {
		fields := r.(map[string]any)
		name, _ := fields["alert"].(string)
		if name == "" {
			name = fields["record"].(string)
		}
		byName[name] = fields
	}
	return byName
}

func TestPrometheusRuleCarriesTheThresholds(t *testing.T) {
	rule, err := PrometheusRule(stack(platformv1alpha1.GoldenSignalAlertsSpec{
		LatencyThresholdMs: 300, LatencyPercentile: 90, ErrorRatePercent: "0.25", TrafficAnomalyEnabled: ptr.To(false), SaturationEnabled: ptr.To(false), For: "10m",
	}), "shop", "main-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	got := rules(t, rule)
	if len(got) != 2 {
		t.Fatalf("rules = %v, want latency and error alerts only", got)
	}
	latency := got[HighLatencyAlert]
	wantLatency := `histogram_quantile(0.9, sum by (namespace, job, le) (rate(http_request_duration_seconds_bucket{namespace="shop"}[5m]))) * 1000 > 300`
	if latency["expr"] != wantLatency {
		t.Errorf("latency expr = %s\nwant %s", latency["expr"], wantLatency)
	}
	errorsExpr := got[HighErrorRateAlert]["expr"].(string)
	wantErrors := `100 * sum by (namespace, job) (rate(http_requests_total{namespace="shop",code=~"5.."}[5m])) / sum by (namespace, job) (rate(http_requests_total{namespace="shop"}[5m])) > 0.25`
	if errorsExpr != wantErrors {
		t.Errorf("error expr = %s\nwant %s", errorsExpr, wantErrors)
	}
	if latency["for"] != "10m" || got[HighErrorRateAlert]["labels"].(map[string]any)["severity"] != "critical" {
		t.Errorf("for/severity wrong: %#v %#v", latency, got[HighErrorRateAlert])
	}
}

func TestPrometheusRuleAddsTheTrafficAnomalyAlertWithItsRecordingRule(t *testing.T) {
	rule, err := PrometheusRule(stack(platformv1alpha1.GoldenSignalAlertsSpec{
		LatencyThresholdMs: 500, LatencyPercentile: 99, ErrorRatePercent: "1",
		Metrics: platformv1alpha1.GoldenSignalMetrics{RequestsTotal: "requests_total", RequestDurationBucket: "latency_seconds_bucket", StatusCodeLabel: "status"},
	}), "shop", "main-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	got := rules(t, rule)
	record := got["namespace_job:requests_total:rate5m"]
	if record == nil || record["expr"] != `sum by (namespace, job) (rate(requests_total{namespace="shop"}[5m]))` {
		t.Fatalf("recording rule = %#v", record)
	}
	anomaly := got[TrafficAnomalyAlert]["expr"].(string)
	if !strings.Contains(anomaly, `abs(namespace_job:requests_total:rate5m{namespace="shop"} - avg_over_time(namespace_job:requests_total:rate5m{namespace="shop"}[1d])) > 3 * stddev_over_time(`) {
		t.Errorf("anomaly expr = %s", anomaly)
	}
	if !strings.Contains(got[HighErrorRateAlert]["expr"].(string), `status=~"5.."`) {
		t.Errorf("the status code label is not used: %s", got[HighErrorRateAlert]["expr"])
	}
}

func TestPrometheusRuleIsLabelledForItsPrometheusAndItsStack(t *testing.T) {
	rule, err := PrometheusRule(stack(platformv1alpha1.GoldenSignalAlertsSpec{LatencyThresholdMs: 1, LatencyPercentile: 50, ErrorRatePercent: "100"}), "shop", "main-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	if rule.GetName() != "main-golden-signals-shop" || rule.GetNamespace() != "observability" {
		t.Errorf("rule is %s/%s", rule.GetNamespace(), rule.GetName())
	}
	labels := rule.GetLabels()
	if labels["release"] != "main-prometheus" || labels[StackLabel] != "main" || labels[TargetNamespaceLabel] != "shop" {
		t.Errorf("labels = %v", labels)
	}
	if rule.GroupVersionKind() != PrometheusRuleGVK {
		t.Errorf("kind = %v", rule.GroupVersionKind())
	}
}

func TestPrometheusRuleRejectsAnErrorRateThatIsNoPercentage(t *testing.T) {
	for _, rate := range []string{"", "0", "-1", "100.5", "abc"} {
		_, err := PrometheusRule(stack(platformv1alpha1.GoldenSignalAlertsSpec{LatencyThresholdMs: 1, LatencyPercentile: 50, ErrorRatePercent: rate}), "shop", "r")
		if err == nil || !strings.Contains(err.Error(), "errorRatePercent") {
			t.Errorf("errorRatePercent %q: err = %v", rate, err)
		}
	}
}

// promtool is Prometheus' own rule checker and test runner, from Debian's prometheus
// package (../scripts/observability.sh install puts it on PATH).
func promtool(t *testing.T) string {
	t.Helper()
	if path := os.Getenv("PROMTOOL"); path != "" {
		return path
	}
	path, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatal("promtool is needed to evaluate the rules: run ../scripts/observability.sh install (or apt-get install prometheus), or set PROMTOOL")
	}
	return path
}

// TestSaturationAlertsFireForContainersNearTheirLimits evaluates the rendered rules with
// promtool on cAdvisor series: a container over its limits fires both alerts; one well
// below, one without limits and one in another namespace fire nothing.
func TestSaturationAlertsFireForContainersNearTheirLimits(t *testing.T) {
	rule, err := PrometheusRule(stack(platformv1alpha1.GoldenSignalAlertsSpec{
		LatencyThresholdMs: 500, LatencyPercentile: 99, ErrorRatePercent: "1",
		TrafficAnomalyEnabled: ptr.To(false), SaturationPercent: 90,
	}), "shop", "main-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	got := rules(t, rule)
	for _, name := range []string{CPUSaturationAlert, MemorySaturationAlert} {
		if got[name] == nil {
			t.Fatalf("no %s rule in %v", name, got)
		}
	}
	groups, _, _ := unstructured.NestedSlice(rule.Object, "spec", "groups")
	rulesFile, err := yaml.Marshal(map[string]any{"groups": groups})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), rulesFile, 0o600); err != nil {
		t.Fatal(err)
	}
	var input []any
	for _, s := range []struct{ namespace, pod, cpu, quota, memory, limit string }{
		// 1 core used of 0.5; 950 bytes of 1000.
		{"shop", "hot-0", "0+60x30", "50000x30", "950x30", "1000x30"},
		// 0.1 core of 1; 300 bytes of 1000.
		{"shop", "calm-0", "0+6x30", "100000x30", "300x30", "1000x30"},
		// 10 cores and a lot of memory, but no limits: cAdvisor reports quota -1, limit 0.
		{"shop", "unlimited-0", "0+600x30", "-1x30", "5000x30", "0x30"},
		// Over its limits, but not in the rule's namespace.
		{"elsewhere", "hot-0", "0+60x30", "50000x30", "950x30", "1000x30"},
	} {
		for metric, values := range map[string]string{
			"container_cpu_usage_seconds_total":  s.cpu,
			"container_spec_cpu_quota":           s.quota,
			"container_spec_cpu_period":          "100000x30",
			"container_memory_working_set_bytes": s.memory,
			"container_spec_memory_limit_bytes":  s.limit,
		} {
			input = append(input, map[string]any{
				"series": fmt.Sprintf(`%s{namespace=%q,pod=%q,container="app"}`, metric, s.namespace, s.pod),
				"values": values,
			})
		}
	}
	firing := func(alert, summary, description string) map[string]any {
		return map[string]any{
			"eval_time": "15m",
			"alertname": alert,
			"exp_alerts": []any{map[string]any{
				"exp_labels":      map[string]any{"severity": "warning", "namespace": "shop", "pod": "hot-0", "container": "app"},
				"exp_annotations": map[string]any{"summary": summary, "description": description},
			}},
		}
	}
	testFile, err := yaml.Marshal(map[string]any{
		"rule_files":          []any{"rules.yaml"},
		"evaluation_interval": "1m",
		"tests": []any{map[string]any{
			"interval":     "1m",
			"input_series": input,
			"alert_rule_test": []any{
				firing(CPUSaturationAlert, "app in shop/hot-0 uses more than 90% of its CPU limit",
					"CPU use has been 200% of the limit for 5m; the container is being throttled."),
				firing(MemorySaturationAlert, "app in shop/hot-0 uses more than 90% of its memory limit",
					"Working-set memory has been 95% of the limit for 5m; the container is close to being OOM-killed."),
			},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "test.yaml"), testFile, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(promtool(t), "test", "rules", filepath.Join(dir, "test.yaml")).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool test rules: %v\n%s\n--- test file:\n%s", err, out, testFile)
	}
}

func TestSaturationAlertsCanBeSwitchedOff(t *testing.T) {
	rule, err := PrometheusRule(stack(platformv1alpha1.GoldenSignalAlertsSpec{
		LatencyThresholdMs: 500, LatencyPercentile: 99, ErrorRatePercent: "1",
		TrafficAnomalyEnabled: ptr.To(false), SaturationEnabled: ptr.To(false), SaturationPercent: 90,
	}), "shop", "main-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	got := rules(t, rule)
	if got[CPUSaturationAlert] != nil || got[MemorySaturationAlert] != nil || len(got) != 2 {
		t.Errorf("rules = %v, want latency and error alerts only", got)
	}
}
