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

// Package goldensignals renders the latency, error and traffic alerts of an ObservabilityStack
// as PrometheusRule objects, one per target namespace.
package goldensignals

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// PrometheusRuleGVK is prometheus-operator's rule kind. It is handled as unstructured so the
// operator needs neither prometheus-operator's Go module nor its CRDs at build time.
var PrometheusRuleGVK = schema.GroupVersionKind{Group: "monitoring.coreos.com", Version: "v1", Kind: "PrometheusRule"}

// Labels put on every rendered PrometheusRule.
const (
	// StackLabel names the ObservabilityStack that rendered the rule, for pruning.
	StackLabel = "platform.catalyst.dev/stack"
	// TargetNamespaceLabel names the namespace whose workloads the rule covers.
	TargetNamespaceLabel = "platform.catalyst.dev/target-namespace"
	// releaseLabel is what kube-prometheus-stack's default ruleSelector matches.
	releaseLabel = "release"
)

// RuleName is the name of the PrometheusRule covering one target namespace.
func RuleName(stack *platformv1alpha1.ObservabilityStack, targetNamespace string) string {
	return fmt.Sprintf("%s-golden-signals-%s", stack.Name, targetNamespace)
}

// NewPrometheusRuleList is an empty list to read PrometheusRules into.
func NewPrometheusRuleList() *unstructured.UnstructuredList {
	list := &unstructured.UnstructuredList{}
	list.SetGroupVersionKind(PrometheusRuleGVK.GroupVersion().WithKind(PrometheusRuleGVK.Kind + "List"))
	return list
}

// PrometheusRule renders the rule object covering targetNamespace. It lives in the stack's
// namespace, where the stack can own it and its Prometheus looks for rules; releaseName is
// the kube-prometheus-stack release that should load it.
func PrometheusRule(stack *platformv1alpha1.ObservabilityStack, targetNamespace, releaseName string) (*unstructured.Unstructured, error) {
	rules, err := alertRules(stack.Spec.GoldenSignalAlerts, targetNamespace)
	if err != nil {
		return nil, err
	}
	rule := &unstructured.Unstructured{Object: map[string]any{
		"spec": map[string]any{
			"groups": []any{map[string]any{
				"name":  "catalyst-golden-signals-" + targetNamespace,
				"rules": rules,
			}},
		},
	}}
	rule.SetGroupVersionKind(PrometheusRuleGVK)
	rule.SetName(RuleName(stack, targetNamespace))
	rule.SetNamespace(stack.Namespace)
	rule.SetLabels(map[string]string{
		"app.kubernetes.io/managed-by": "catalyst-operator",
		StackLabel:                     stack.Name,
		TargetNamespaceLabel:           targetNamespace,
		releaseLabel:                   releaseName,
	})
	return rule, nil
}
