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
	"strconv"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// Alert names, stable so that silences and Catalyst's alert history keep matching.
const (
	HighLatencyAlert      = "CatalystHighLatency"
	HighErrorRateAlert    = "CatalystHighErrorRate"
	TrafficAnomalyAlert   = "CatalystTrafficAnomaly"
	CPUSaturationAlert    = "CatalystCPUSaturation"
	MemorySaturationAlert = "CatalystMemorySaturation"
)

// trafficAnomalyStddevs is how far from its one-day mean a request rate must move to be an
// anomaly; three standard deviations keep daily cycles quiet.
const trafficAnomalyStddevs = 3

// rateWindow covers at least four scrapes at the default 30s interval, so rate() stays stable.
const rateWindow = "5m"

// alertRules renders the rule list of one target namespace.
func alertRules(spec platformv1alpha1.GoldenSignalAlertsSpec, namespace string) ([]any, error) {
	errorRate, err := strconv.ParseFloat(spec.ErrorRatePercent, 64)
	if err != nil || errorRate <= 0 || errorRate > 100 {
		return nil, fmt.Errorf("errorRatePercent %q is not a percentage above 0 and at most 100", spec.ErrorRatePercent)
	}
	metrics := spec.Metrics
	scope := fmt.Sprintf("namespace=%q", namespace)
	requests := fmt.Sprintf("%s{%s}", metrics.RequestsTotal, scope)
	failures := fmt.Sprintf("%s{%s,%s=~\"5..\"}", metrics.RequestsTotal, scope, metrics.StatusCodeLabel)
	buckets := fmt.Sprintf("%s{%s}", metrics.RequestDurationBucket, scope)
	forDuration := string(spec.For)

	rules := []any{
		alert(HighLatencyAlert, forDuration, "warning",
			fmt.Sprintf("histogram_quantile(%s, sum by (namespace, job, le) (rate(%s[%s]))) * 1000 > %d",
				quantile(spec.LatencyPercentile), buckets, rateWindow, spec.LatencyThresholdMs),
			fmt.Sprintf("p%d latency of {{ $labels.job }} in {{ $labels.namespace }} is above %d ms", spec.LatencyPercentile, spec.LatencyThresholdMs),
			fmt.Sprintf("The %dth percentile request latency has been {{ $value | humanize }} ms for %s.", spec.LatencyPercentile, forDuration)),
		alert(HighErrorRateAlert, forDuration, "critical",
			fmt.Sprintf("100 * sum by (namespace, job) (rate(%s[%s])) / sum by (namespace, job) (rate(%s[%s])) > %s",
				failures, rateWindow, requests, rateWindow, strconv.FormatFloat(errorRate, 'f', -1, 64)),
			fmt.Sprintf("{{ $labels.job }} in {{ $labels.namespace }} answers more than %s%% of requests with 5xx", spec.ErrorRatePercent),
			"{{ $value | humanize }}% of requests failed over the last "+rateWindow+"."),
	}
	if enabledOrDefault(spec.TrafficAnomalyEnabled) {
		rate := requestRateRecord(metrics.RequestsTotal)
		scoped := fmt.Sprintf("%s{%s}", rate, scope)
		rules = append(rules,
			map[string]any{
				"record": rate,
				"expr":   fmt.Sprintf("sum by (namespace, job) (rate(%s[%s]))", requests, rateWindow),
			},
			alert(TrafficAnomalyAlert, forDuration, "warning",
				fmt.Sprintf("abs(%[1]s - avg_over_time(%[1]s[1d])) > %[2]d * stddev_over_time(%[1]s[1d])", scoped, trafficAnomalyStddevs),
				"Request rate of {{ $labels.job }} in {{ $labels.namespace }} is unusual",
				fmt.Sprintf("The request rate is {{ $value | humanize }} req/s away from its one-day mean, more than %d standard deviations.", trafficAnomalyStddevs)),
		)
	}
	if enabledOrDefault(spec.SaturationEnabled) {
		rules = append(rules, saturationRules(namespace, spec.SaturationPercent, forDuration)...)
	}
	return rules, nil
}

// saturationRules compare each container's usage with its limit, both from the kubelet's
// cAdvisor metrics: CPU cores used against quota/period, working-set memory against the
// memory limit. Containers without a limit have no quota series (or a zero limit) and are
// left out rather than divided by zero.
func saturationRules(namespace string, percent int32, forDuration string) []any {
	containers := fmt.Sprintf(`namespace=%q,container!="",container!="POD"`, namespace)
	byContainer := "sum by (namespace, pod, container) "
	cpuUsed := fmt.Sprintf("%s(rate(container_cpu_usage_seconds_total{%s}[%s]))", byContainer, containers, rateWindow)
	cpuLimit := fmt.Sprintf("%s((container_spec_cpu_quota{%[2]s} > 0) / container_spec_cpu_period{%[2]s})", byContainer, containers)
	memoryUsed := fmt.Sprintf("%s(container_memory_working_set_bytes{%s})", byContainer, containers)
	memoryLimit := fmt.Sprintf("%s(container_spec_memory_limit_bytes{%s} > 0)", byContainer, containers)
	return []any{
		alert(CPUSaturationAlert, forDuration, "warning",
			fmt.Sprintf("100 * %s / %s > %d", cpuUsed, cpuLimit, percent),
			fmt.Sprintf("{{ $labels.container }} in {{ $labels.namespace }}/{{ $labels.pod }} uses more than %d%% of its CPU limit", percent),
			"CPU use has been {{ $value | humanize }}% of the limit for "+forDuration+"; the container is being throttled."),
		alert(MemorySaturationAlert, forDuration, "warning",
			fmt.Sprintf("100 * %s / %s > %d", memoryUsed, memoryLimit, percent),
			fmt.Sprintf("{{ $labels.container }} in {{ $labels.namespace }}/{{ $labels.pod }} uses more than %d%% of its memory limit", percent),
			"Working-set memory has been {{ $value | humanize }}% of the limit for "+forDuration+"; the container is close to being OOM-killed."),
	}
}

// requestRateRecord follows Prometheus' level:metric:operations naming for recording rules.
func requestRateRecord(requestsTotal platformv1alpha1.MetricName) string {
	return fmt.Sprintf("namespace_job:%s:rate%s", requestsTotal, rateWindow)
}

func alert(name, forDuration, severity, expr, summary, description string) map[string]any {
	return map[string]any{
		"alert":  name,
		"expr":   expr,
		"for":    forDuration,
		"labels": map[string]any{"severity": severity},
		"annotations": map[string]any{
			"summary":     summary,
			"description": description,
		},
	}
}

// quantile turns a percentile such as 99 into histogram_quantile's 0.99.
func quantile(percentile int32) string {
	return strconv.FormatFloat(float64(percentile)/100, 'f', -1, 64)
}

func enabledOrDefault(flag *bool) bool { return flag == nil || *flag }
