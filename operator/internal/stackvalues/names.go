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

// Package stackvalues turns an ObservabilityStack spec into the Helm values of its releases
// and names the objects those values make the charts create.
package stackvalues

import (
	"fmt"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// The charts each release installs; a source holding another chart is refused.
const (
	KubePrometheusStackChart = "kube-prometheus-stack"
	VictoriaLogsChart        = "victoria-logs-single"
	LokiChart                = "loki"
)

// PrometheusReleaseName is the kube-prometheus-stack release of a stack.
func PrometheusReleaseName(stack *platformv1alpha1.ObservabilityStack) string {
	return stack.Name + "-prometheus"
}

// VictoriaLogsReleaseName is the victoria-logs-single release of a stack.
func VictoriaLogsReleaseName(stack *platformv1alpha1.ObservabilityStack) string {
	return stack.Name + "-logs"
}

// LokiReleaseName is the opt-in Loki release of a stack.
func LokiReleaseName(stack *platformv1alpha1.ObservabilityStack) string {
	return stack.Name + "-loki"
}

// The charts derive their object names from fullnameOverride; pinning it keeps the service
// names below predictable instead of depending on each chart's truncation rules.
func prometheusFullname(stack *platformv1alpha1.ObservabilityStack) string { return stack.Name }
func victoriaLogsFullname(stack *platformv1alpha1.ObservabilityStack) string {
	return stack.Name + "-logs"
}
func lokiFullname(stack *platformv1alpha1.ObservabilityStack) string { return stack.Name + "-loki" }

// Endpoints are the in-cluster URLs of the services the releases create.
func Endpoints(stack *platformv1alpha1.ObservabilityStack) platformv1alpha1.EndpointsStatus {
	svc := func(name string, port int) string {
		return fmt.Sprintf("http://%s.%s.svc:%d", name, stack.Namespace, port)
	}
	endpoints := platformv1alpha1.EndpointsStatus{
		Prometheus: svc(prometheusFullname(stack)+"-prometheus", 9090),
	}
	if AlertmanagerEnabled(stack) {
		endpoints.Alertmanager = svc(prometheusFullname(stack)+"-alertmanager", 9093)
	}
	if VictoriaLogsEnabled(stack) {
		endpoints.VictoriaLogs = svc(victoriaLogsFullname(stack), 9428)
	}
	if LokiEnabled(stack) {
		endpoints.Loki = svc(lokiFullname(stack), 3100)
	}
	return endpoints
}

// StackEnabled reports whether the stack should be installed at all.
func StackEnabled(stack *platformv1alpha1.ObservabilityStack) bool {
	return enabled(stack.Spec.Enabled)
}

// VictoriaLogsEnabled reports whether the victoria-logs-single release should exist.
func VictoriaLogsEnabled(stack *platformv1alpha1.ObservabilityStack) bool {
	return enabled(stack.Spec.VictoriaLogs.Enabled)
}

// LokiEnabled reports whether the opt-in Loki release should exist. Unlike the other switches
// it is off when unset.
func LokiEnabled(stack *platformv1alpha1.ObservabilityStack) bool {
	return stack.Spec.Loki.Enabled != nil && *stack.Spec.Loki.Enabled
}

// AlertmanagerEnabled reports whether kube-prometheus-stack should run Alertmanager.
func AlertmanagerEnabled(stack *platformv1alpha1.ObservabilityStack) bool {
	return enabled(stack.Spec.Alertmanager.Enabled)
}

// The API server defaults these switches to true; a nil only reaches us from objects built in
// Go that skipped defaulting, and we read it the same way.
func enabled(flag *bool) bool { return flag == nil || *flag }
