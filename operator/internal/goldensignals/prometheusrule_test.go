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
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"

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
		LatencyThresholdMs: 300, LatencyPercentile: 90, ErrorRatePercent: "0.25", TrafficAnomalyEnabled: ptr.To(false), For: "10m",
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
