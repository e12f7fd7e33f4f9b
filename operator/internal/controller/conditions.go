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
	"errors"
	"fmt"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/helmrelease"
	"github.com/catalyst-dev/catalyst/operator/internal/stackvalues"
)

// conflictRequeueDelay is short: a conflict only means another writer got there first.
const conflictRequeueDelay = time.Second

// maxConditionMessage keeps Helm's sometimes very long errors readable in kubectl output.
const maxConditionMessage = 2000

// Condition reasons set by the controller, besides the helmrelease.Reason* ones.
const (
	ReasonReconciled            = "Reconciled"
	ReasonDisabled              = "Disabled"
	ReasonInstalling            = "Installing"
	ReasonUpgrading             = "Upgrading"
	ReasonFailed                = "Failed"
	ReasonReconcileError        = "ReconcileError"
	ReasonNamespacesUnavailable = "NamespacesUnavailable"
	ReasonRulesCRDMissing       = "PrometheusRuleCRDMissing"
	ReasonRulesApplyFailed      = "PrometheusRuleApplyFailed"
	ReasonRulesDeleteFailed     = "PrometheusRuleDeleteFailed"
	// ReasonChartSourceNotAllowed: a chart source outside the operator's allowlist. Nothing is
	// installed and the stack is not retried until its spec changes.
	ReasonChartSourceNotAllowed = "ChartSourceNotAllowed"
)

// reasonedError is a failed reconcile step outside Helm, carrying its condition reason.
type reasonedError struct {
	reason string
	err    error
}

func (e *reasonedError) Error() string { return e.err.Error() }
func (e *reasonedError) Unwrap() error { return e.err }

func withReason(reason string, err error) error {
	return &reasonedError{reason: reason, err: err}
}

// failureReason is the condition reason for a failed reconcile.
func failureReason(err error) string {
	var step *helmrelease.StepError
	if errors.As(err, &step) {
		return step.Reason
	}
	var reasoned *reasonedError
	if errors.As(err, &reasoned) {
		return reasoned.reason
	}
	return ReasonReconcileError
}

// setOutcomeConditions sets Ready, Progressing and Degraded for the end of a reconcile.
func setOutcomeConditions(stack *platformv1alpha1.ObservabilityStack, err error) {
	set := func(conditionType string, status metav1.ConditionStatus, reason, message string) {
		meta.SetStatusCondition(&stack.Status.Conditions, metav1.Condition{
			Type:               conditionType,
			Status:             status,
			Reason:             reason,
			Message:            truncate(message),
			ObservedGeneration: stack.Generation,
		})
	}
	switch {
	case err != nil:
		reason := failureReason(err)
		set(platformv1alpha1.ConditionDegraded, metav1.ConditionTrue, reason, err.Error())
		set(platformv1alpha1.ConditionReady, metav1.ConditionFalse, reason, "the last reconcile failed: "+err.Error())
		set(platformv1alpha1.ConditionProgressing, metav1.ConditionFalse, ReasonFailed, "stopped at the failed step; retrying with backoff")
	case !stackvalues.StackEnabled(stack):
		const message = "spec.enabled is false: the releases and rules are removed"
		set(platformv1alpha1.ConditionReady, metav1.ConditionFalse, ReasonDisabled, message)
		set(platformv1alpha1.ConditionDegraded, metav1.ConditionFalse, ReasonDisabled, message)
		set(platformv1alpha1.ConditionProgressing, metav1.ConditionFalse, ReasonDisabled, message)
	default:
		summary := readySummary(stack.Status)
		set(platformv1alpha1.ConditionReady, metav1.ConditionTrue, ReasonReconciled, summary)
		set(platformv1alpha1.ConditionDegraded, metav1.ConditionFalse, ReasonReconciled, "the last reconcile succeeded")
		set(platformv1alpha1.ConditionProgressing, metav1.ConditionFalse, ReasonReconciled, "every release matches the spec")
	}
}

// setProgressing marks a Helm install or upgrade as under way.
func setProgressing(stack *platformv1alpha1.ObservabilityStack, reason, message string) {
	meta.SetStatusCondition(&stack.Status.Conditions, metav1.Condition{
		Type:               platformv1alpha1.ConditionProgressing,
		Status:             metav1.ConditionTrue,
		Reason:             reason,
		Message:            message,
		ObservedGeneration: stack.Generation,
	})
}

func readySummary(status platformv1alpha1.ObservabilityStackStatus) string {
	var parts []string
	for _, release := range []*platformv1alpha1.ReleaseStatus{status.Prometheus, status.VictoriaLogs, status.Loki} {
		if release != nil {
			parts = append(parts, fmt.Sprintf("%s %s (revision %d)", release.Chart, release.ChartVersion, release.Revision))
		}
	}
	rules := 0
	if status.GoldenSignalRules != nil {
		rules = len(status.GoldenSignalRules.PrometheusRules)
	}
	parts = append(parts, fmt.Sprintf("%d golden-signal PrometheusRules", rules))
	return strings.Join(parts, ", ")
}

func truncate(message string) string {
	if len(message) <= maxConditionMessage {
		return message
	}
	return message[:maxConditionMessage] + "…"
}
