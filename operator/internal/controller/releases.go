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

	corev1 "k8s.io/api/core/v1"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/helmrelease"
	"github.com/catalyst-dev/catalyst/operator/internal/stackvalues"
)

// stackRelease is one Helm release of a stack: the spec field naming its chart, whether the
// spec wants it, and where its status goes.
type stackRelease struct {
	field     string
	enabled   bool
	release   helmrelease.Release
	setStatus func(*platformv1alpha1.ReleaseStatus)
}

// stackReleases lists the releases of a stack in install order.
func stackReleases(stack *platformv1alpha1.ObservabilityStack) []stackRelease {
	release := func(name, chartName string, chart platformv1alpha1.ChartSource, values map[string]any) helmrelease.Release {
		return helmrelease.Release{Namespace: stack.Namespace, Name: name, ChartName: chartName, Chart: chart, Values: values}
	}
	return []stackRelease{
		{
			field:   "spec.prometheus.chart",
			enabled: true,
			release: release(stackvalues.PrometheusReleaseName(stack), stackvalues.KubePrometheusStackChart,
				stack.Spec.Prometheus.Chart, stackvalues.KubePrometheusStack(stack)),
			setStatus: func(s *platformv1alpha1.ReleaseStatus) { stack.Status.Prometheus = s },
		},
		{
			field:   "spec.victoriaLogs.chart",
			enabled: stackvalues.VictoriaLogsEnabled(stack),
			release: release(stackvalues.VictoriaLogsReleaseName(stack), stackvalues.VictoriaLogsChart,
				stack.Spec.VictoriaLogs.Chart, stackvalues.VictoriaLogs(stack)),
			setStatus: func(s *platformv1alpha1.ReleaseStatus) { stack.Status.VictoriaLogs = s },
		},
		{
			field:   "spec.loki.chart",
			enabled: stackvalues.LokiEnabled(stack),
			release: release(stackvalues.LokiReleaseName(stack), stackvalues.LokiChart,
				stack.Spec.Loki.Chart, stackvalues.Loki(stack)),
			setStatus: func(s *platformv1alpha1.ReleaseStatus) { stack.Status.Loki = s },
		},
	}
}

// reconcileStack installs or upgrades the releases, applies the rules and records the result
// in the stack's status. A disabled stack is torn down instead. Every chart source is checked
// against the allowlist before anything is installed, so a refused stack installs nothing.
func (r *ObservabilityStackReconciler) reconcileStack(ctx context.Context, run *stackRun) error {
	stack := run.stack
	if !stackvalues.StackEnabled(stack) {
		return r.teardown(ctx, run)
	}
	releases := stackReleases(stack)
	for _, release := range releases {
		if !release.enabled {
			continue
		}
		if err := r.ChartSources.Check(release.field, release.release.Chart, release.release.ChartName); err != nil {
			return withReason(ReasonChartSourceNotAllowed, err)
		}
	}
	for _, release := range releases {
		if !release.enabled {
			if err := r.uninstall(stack, release.release.Name); err != nil {
				return err
			}
			release.setStatus(nil)
			continue
		}
		status, err := r.ensureRelease(ctx, run, release.release)
		if err != nil {
			return err
		}
		release.setStatus(&status)
	}

	if err := r.reconcileRules(ctx, stack); err != nil {
		return err
	}
	endpoints := stackvalues.Endpoints(stack)
	stack.Status.Endpoints = &endpoints
	return nil
}

// ensureRelease runs one Helm install or upgrade when needed, reporting Progressing while it
// runs and an Event when it changed something.
func (r *ObservabilityStackReconciler) ensureRelease(ctx context.Context, run *stackRun, want helmrelease.Release) (platformv1alpha1.ReleaseStatus, error) {
	result, err := r.Releaser.Ensure(ctx, want, func(action helmrelease.Action) {
		reason := ReasonInstalling
		if action == helmrelease.ActionUpgrade {
			reason = ReasonUpgrading
		}
		setProgressing(run.stack, reason, fmt.Sprintf("%s: %s chart %s", want.Name, reason, want.Chart.Version))
		// Best effort: the final status write will carry the outcome either way.
		if err := r.storeStatus(ctx, run); err != nil {
			logf.FromContext(ctx).V(1).Info("could not report progress", "error", err.Error())
		}
	})
	if err != nil {
		return platformv1alpha1.ReleaseStatus{}, err
	}
	switch result.Action {
	case helmrelease.ActionInstall:
		r.Recorder.Eventf(run.stack, nil, corev1.EventTypeNormal, "Installed", "Install",
			"installed release %s: chart %s %s, revision %d", want.Name, result.Status.Chart, result.Status.ChartVersion, result.Status.Revision)
	case helmrelease.ActionUpgrade:
		r.Recorder.Eventf(run.stack, nil, corev1.EventTypeNormal, "Upgraded", "Upgrade",
			"upgraded release %s: chart %s %s, revision %d", want.Name, result.Status.Chart, result.Status.ChartVersion, result.Status.Revision)
	}
	return result.Status, nil
}

// teardown removes the rules and every release and clears what the status said about them.
func (r *ObservabilityStackReconciler) teardown(ctx context.Context, run *stackRun) error {
	stack := run.stack
	if err := r.deleteRules(ctx, stack, nil); err != nil {
		return err
	}
	stack.Status.GoldenSignalRules = nil
	releases := stackReleases(stack)
	// Reverse install order: kube-prometheus-stack, which brings the CRDs, goes last.
	for i := len(releases) - 1; i >= 0; i-- {
		if err := r.uninstall(stack, releases[i].release.Name); err != nil {
			return err
		}
		releases[i].setStatus(nil)
	}
	stack.Status.Endpoints = nil
	return nil
}

func (r *ObservabilityStackReconciler) uninstall(stack *platformv1alpha1.ObservabilityStack, release string) error {
	removed, err := r.Releaser.Uninstall(stack.Namespace, release)
	if err != nil {
		return err
	}
	if removed {
		r.Recorder.Eventf(stack, nil, corev1.EventTypeNormal, "Uninstalled", "Uninstall", "uninstalled release %s", release)
	}
	return nil
}
