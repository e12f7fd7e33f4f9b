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
	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// prometheusOperatorResources bounds the operator pod, which the spec does not expose: its
// footprint barely depends on the stack's size.
func prometheusOperatorResources() map[string]any {
	return map[string]any{
		"requests": map[string]any{"cpu": "50m", "memory": "64Mi"},
		"limits":   map[string]any{"memory": "256Mi"},
	}
}

// KubePrometheusStack returns the values of the kube-prometheus-stack release: Prometheus and
// Alertmanager sized by the spec, and every optional component off unless the spec asks.
func KubePrometheusStack(stack *platformv1alpha1.ObservabilityStack) map[string]any {
	spec := stack.Spec.Prometheus
	components := spec.Components
	// A fresh map each time: Helm merges chart defaults into the values maps in place.
	controlPlane := func() map[string]any { return map[string]any{"enabled": components.ControlPlaneMonitors} }

	prometheusSpec := map[string]any{
		"replicas":       int64(spec.Replicas),
		"retention":      string(spec.Retention),
		"scrapeInterval": string(spec.ScrapeInterval),
		"resources":      resourcesValue(spec.Resources),
		// Workloads' ServiceMonitors and PodMonitors carry no release label: select them all.
		"serviceMonitorSelectorNilUsesHelmValues": false,
		"podMonitorSelectorNilUsesHelmValues":     false,
		// Rules are taken from the stack's namespace only, so two stacks never load each
		// other's golden-signal rules.
		"ruleNamespaceSelector": map[string]any{
			"matchLabels": map[string]any{"kubernetes.io/metadata.name": stack.Namespace},
		},
	}
	if spec.RetentionSize != "" {
		prometheusSpec["retentionSize"] = spec.RetentionSize
	}
	if storage := volumeClaimTemplateValue(spec.Storage); storage != nil {
		prometheusSpec["storageSpec"] = storage
	}

	return map[string]any{
		"fullnameOverride":      prometheusFullname(stack),
		"grafana":               map[string]any{"enabled": components.Grafana},
		"nodeExporter":          map[string]any{"enabled": components.NodeExporter},
		"kubeStateMetrics":      map[string]any{"enabled": components.KubeStateMetrics},
		"defaultRules":          map[string]any{"create": components.DefaultRules},
		"kubeApiServer":         controlPlane(),
		"kubeControllerManager": controlPlane(),
		"kubeScheduler":         controlPlane(),
		"kubeProxy":             controlPlane(),
		"kubeEtcd":              controlPlane(),
		"coreDns":               controlPlane(),
		// The saturation alerts read cAdvisor's container metrics through the kubelet
		// ServiceMonitor (the chart's default, stated so that it stays on).
		"kubelet": map[string]any{"enabled": true, "serviceMonitor": map[string]any{"cAdvisor": true}},
		"prometheusOperator": map[string]any{
			"resources": prometheusOperatorResources(),
			// The admission webhooks need webhook configurations, certificate Jobs and their
			// Secrets: rights the operator does not hold. The operator's TLS uses the same
			// certificates. Rules are validated by Prometheus when it loads them instead.
			"admissionWebhooks": map[string]any{"enabled": false},
			"tls":               map[string]any{"enabled": false},
			// One operator per stack: it must not reconcile other tenants' Prometheus objects.
			"namespaces": map[string]any{"releaseNamespace": true},
		},
		"prometheus":   map[string]any{"prometheusSpec": prometheusSpec},
		"alertmanager": alertmanagerValues(stack),
	}
}
