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

package controller

import (
	"context"
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/goldensignals"
	"github.com/catalyst-dev/catalyst/operator/internal/stackvalues"
)

// reconcileRules applies one golden-signal PrometheusRule per target namespace and deletes the
// stack's rules for namespaces it no longer targets.
func (r *ObservabilityStackReconciler) reconcileRules(ctx context.Context, stack *platformv1alpha1.ObservabilityStack) error {
	if !enabled(stack.Spec.GoldenSignalAlerts.Enabled) {
		if err := r.deleteRules(ctx, stack, nil); err != nil {
			return err
		}
		stack.Status.GoldenSignalRules = nil
		return nil
	}
	namespaces, err := r.targetNamespaces(ctx, stack)
	if err != nil {
		return withReason(ReasonNamespacesUnavailable, err)
	}
	release := stackvalues.PrometheusReleaseName(stack)
	keep := make(map[string]bool, len(namespaces))
	names := make([]string, 0, len(namespaces))
	for _, namespace := range namespaces {
		rule, err := goldensignals.PrometheusRule(stack, namespace, release)
		if err != nil {
			return withReason(ReasonRulesApplyFailed, err)
		}
		if err := controllerutil.SetControllerReference(stack, rule, r.Scheme); err != nil {
			return withReason(ReasonRulesApplyFailed, fmt.Errorf("owning PrometheusRule %s: %w", rule.GetName(), err))
		}
		if err := r.Apply(ctx, client.ApplyConfigurationFromUnstructured(rule), FieldOwner, client.ForceOwnership); err != nil {
			if meta.IsNoMatchError(err) {
				return withReason(ReasonRulesCRDMissing, fmt.Errorf("the PrometheusRule CRD (monitoring.coreos.com/v1) is not installed: %w", err))
			}
			return withReason(ReasonRulesApplyFailed, fmt.Errorf("applying PrometheusRule %s: %w", rule.GetName(), err))
		}
		keep[rule.GetName()] = true
		names = append(names, rule.GetName())
	}
	if err := r.watchRulesOnce(); err != nil {
		return withReason(ReasonRulesApplyFailed, fmt.Errorf("watching PrometheusRules: %w", err))
	}
	if err := r.deleteRules(ctx, stack, keep); err != nil {
		return err
	}
	stack.Status.GoldenSignalRules = &platformv1alpha1.RulesStatus{Namespaces: namespaces, PrometheusRules: names}
	return nil
}

// targetNamespaces lists the namespaces the rules cover, sorted: the named ones plus those the
// selector matches, or the stack's own namespace when neither is set.
func (r *ObservabilityStackReconciler) targetNamespaces(ctx context.Context, stack *platformv1alpha1.ObservabilityStack) ([]string, error) {
	spec := stack.Spec.GoldenSignalAlerts
	if len(spec.Namespaces) == 0 && spec.NamespaceSelector == nil {
		return []string{stack.Namespace}, nil
	}
	namespaces := make([]string, 0, len(spec.Namespaces))
	for _, namespace := range spec.Namespaces {
		namespaces = append(namespaces, string(namespace))
	}
	if spec.NamespaceSelector != nil {
		selector, err := metav1.LabelSelectorAsSelector(spec.NamespaceSelector)
		if err != nil {
			return nil, fmt.Errorf("goldenSignalAlerts.namespaceSelector: %w", err)
		}
		list := &corev1.NamespaceList{}
		if err := r.List(ctx, list, client.MatchingLabelsSelector{Selector: selector}); err != nil {
			return nil, fmt.Errorf("listing namespaces: %w", err)
		}
		for _, namespace := range list.Items {
			namespaces = append(namespaces, namespace.Name)
		}
	}
	slices.Sort(namespaces)
	return slices.Compact(namespaces), nil
}

// deleteRules deletes the stack's PrometheusRules whose names are not in keep (all of them
// when keep is nil). Without the CRD there is nothing to delete.
func (r *ObservabilityStackReconciler) deleteRules(ctx context.Context, stack *platformv1alpha1.ObservabilityStack, keep map[string]bool) error {
	list := goldensignals.NewPrometheusRuleList()
	err := r.List(ctx, list, client.InNamespace(stack.Namespace), client.MatchingLabels{goldensignals.StackLabel: stack.Name})
	if meta.IsNoMatchError(err) {
		return nil
	}
	if err != nil {
		return withReason(ReasonRulesDeleteFailed, fmt.Errorf("listing PrometheusRules: %w", err))
	}
	for i := range list.Items {
		rule := &list.Items[i]
		if keep[rule.GetName()] || !metav1.IsControlledBy(rule, stack) {
			continue
		}
		if err := r.Delete(ctx, rule); err != nil && !apierrors.IsNotFound(err) {
			return withReason(ReasonRulesDeleteFailed, fmt.Errorf("deleting PrometheusRule %s: %w", rule.GetName(), err))
		}
	}
	return nil
}

func newPrometheusRule() *unstructured.Unstructured {
	rule := &unstructured.Unstructured{}
	rule.SetGroupVersionKind(goldensignals.PrometheusRuleGVK)
	return rule
}

func prometheusRuleServed(mapper meta.RESTMapper) bool {
	_, err := mapper.RESTMapping(goldensignals.PrometheusRuleGVK.GroupKind(), goldensignals.PrometheusRuleGVK.Version)
	return err == nil
}

// watchRulesOnce starts watching PrometheusRules when SetupWithManager could not because the
// CRD was not served yet, so a rule edited or deleted by hand is put back.
func (r *ObservabilityStackReconciler) watchRulesOnce() error {
	if r.rules.controller == nil || !r.rules.watching.CompareAndSwap(false, true) {
		return nil
	}
	mgr := r.rules.manager
	src := source.Kind[client.Object](mgr.GetCache(), newPrometheusRule(),
		handler.EnqueueRequestForOwner(mgr.GetScheme(), mgr.GetRESTMapper(), &platformv1alpha1.ObservabilityStack{}, handler.OnlyControllerOwner()))
	if err := r.rules.controller.Watch(src); err != nil {
		r.rules.watching.Store(false)
		return err
	}
	return nil
}

// stacksSelectingNamespace maps a namespace event to the stacks whose selector matches the
// namespace or whose rules cover it (its labels may no longer match).
func (r *ObservabilityStackReconciler) stacksSelectingNamespace(ctx context.Context, namespace client.Object) []reconcile.Request {
	stacks := &platformv1alpha1.ObservabilityStackList{}
	if err := r.List(ctx, stacks); err != nil {
		return nil
	}
	var requests []reconcile.Request
	for _, stack := range stacks.Items {
		if selects(stack, namespace) || covers(stack, namespace.GetName()) {
			requests = append(requests, reconcile.Request{NamespacedName: types.NamespacedName{Namespace: stack.Namespace, Name: stack.Name}})
		}
	}
	return requests
}

func selects(stack platformv1alpha1.ObservabilityStack, namespace client.Object) bool {
	if stack.Spec.GoldenSignalAlerts.NamespaceSelector == nil {
		return false
	}
	selector, err := metav1.LabelSelectorAsSelector(stack.Spec.GoldenSignalAlerts.NamespaceSelector)
	return err == nil && selector.Matches(labels.Set(namespace.GetLabels()))
}

func covers(stack platformv1alpha1.ObservabilityStack, namespace string) bool {
	return stack.Status.GoldenSignalRules != nil && slices.Contains(stack.Status.GoldenSignalRules.Namespaces, namespace)
}

// The API server defaults these switches to true; nil reads the same way.
func enabled(flag *bool) bool { return flag == nil || *flag }
