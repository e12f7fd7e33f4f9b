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

// Package controller reconciles ObservabilityStack resources.
package controller

import (
	"context"
	"sync/atomic"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/events"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/chartsource"
	"github.com/catalyst-dev/catalyst/operator/internal/helmrelease"
)

// FieldOwner is the server-side apply field manager of everything the controller applies.
const FieldOwner = client.FieldOwner("catalyst-operator")

// ObservabilityStackReconciler installs the Helm releases and PrometheusRules of an
// ObservabilityStack and reports their state in its status.
type ObservabilityStackReconciler struct {
	client.Client
	Scheme   *runtime.Scheme
	Recorder events.EventRecorder
	Releaser *helmrelease.Releaser
	// ChartSources is the operator's allowlist; a stack naming any other source is refused.
	ChartSources chartsource.Allowlist

	// rules watches PrometheusRules once their CRD is served; see watchRulesOnce.
	rules rulesWatch
}

// rulesWatch adds the PrometheusRule watch late when the CRD appears only after start-up
// (kube-prometheus-stack installs it with the first stack).
type rulesWatch struct {
	controller controller.Controller
	manager    ctrl.Manager
	watching   atomic.Bool
}

// The ClusterRole (config/rbac/role.yaml) is generated from the markers below; the operator's
// README explains each rule. The operator's own work:
// +kubebuilder:rbac:groups=platform.catalyst.dev,resources=observabilitystacks,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=platform.catalyst.dev,resources=observabilitystacks/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=platform.catalyst.dev,resources=observabilitystacks/finalizers,verbs=update
// +kubebuilder:rbac:groups=monitoring.coreos.com,resources=prometheusrules,verbs=get;list;watch;create;update;patch;delete
// +kubebuilder:rbac:groups="",resources=namespaces,verbs=get;list;watch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// What Helm creates for the allowed charts (kube-prometheus-stack with its admission webhooks
// off, victoria-logs-single with its Vector agent, opt-in Loki) with the values the operator
// computes. Helm reads an object before it patches it and finds its release records (Secrets)
// by label, hence get and list; it never watches.
// +kubebuilder:rbac:groups="",resources=secrets;configmaps;services;serviceaccounts,verbs=get;list;create;update;patch;delete
// +kubebuilder:rbac:groups=apps,resources=deployments;statefulsets;daemonsets,verbs=get;create;update;patch;delete
// +kubebuilder:rbac:groups=apiextensions.k8s.io,resources=customresourcedefinitions,verbs=get;list;watch;create
// +kubebuilder:rbac:groups=monitoring.coreos.com,resources=prometheuses;alertmanagers;servicemonitors;podmonitors,verbs=get;create;update;patch;delete

// kube-prometheus-stack gives prometheus-operator and Prometheus, and the Vector chart its
// agent, ClusterRoles and ClusterRoleBindings. Kubernetes lets a subject create a role only
// with permissions it holds itself, or with escalate, and bind one only likewise, or with
// bind. prometheus-operator's role includes every verb on every Secret and ConfigMap in the
// cluster, so the alternative to escalate and bind is the operator holding exactly that.
// The allowlist of chart sources and the operator-computed values decide what gets bound.
// +kubebuilder:rbac:groups=rbac.authorization.k8s.io,resources=clusterroles;clusterrolebindings;roles;rolebindings,verbs=get;create;update;patch;delete
// +kubebuilder:rbac:groups=rbac.authorization.k8s.io,resources=clusterroles;roles,verbs=bind;escalate

// Reconcile brings the releases and rules of one ObservabilityStack in line with its spec.
func (r *ObservabilityStackReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	stack := &platformv1alpha1.ObservabilityStack{}
	if err := r.Get(ctx, req.NamespacedName, stack); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !stack.DeletionTimestamp.IsZero() {
		return r.finalize(ctx, stack)
	}
	if !controllerutil.ContainsFinalizer(stack, platformv1alpha1.ObservabilityStackFinalizer) {
		patch := client.MergeFromWithOptions(stack.DeepCopy(), client.MergeFromWithOptimisticLock{})
		controllerutil.AddFinalizer(stack, platformv1alpha1.ObservabilityStackFinalizer)
		if err := r.Patch(ctx, stack, patch); err != nil {
			return requeueOnConflict(ctx, err, "adding the finalizer")
		}
	}

	run := &stackRun{stack: stack, stored: *stack.Status.DeepCopy()}
	err := r.reconcileStack(ctx, run)
	setOutcomeConditions(stack, err)
	stack.Status.ObservedGeneration = stack.Generation
	if err != nil {
		r.Recorder.Eventf(stack, nil, corev1.EventTypeWarning, failureReason(err), "Reconcile", "%s", err.Error())
	}
	if updateErr := r.storeStatus(ctx, run); updateErr != nil {
		if err == nil {
			return requeueOnConflict(ctx, updateErr, "writing the status")
		}
		logf.FromContext(ctx).Error(updateErr, "writing the status of a failed reconcile")
	}
	if failureReason(err) == ReasonChartSourceNotAllowed {
		// Retrying cannot help; a change of the spec starts a new reconcile.
		return ctrl.Result{}, reconcile.TerminalError(err)
	}
	return ctrl.Result{}, err
}

// stackRun is one reconcile of one stack: the object being worked on and the status the API
// server holds, which progress reports update mid-way.
type stackRun struct {
	stack  *platformv1alpha1.ObservabilityStack
	stored platformv1alpha1.ObservabilityStackStatus
}

// storeStatus writes the status unless the API server already holds exactly this status, so
// a reconcile that changes nothing writes nothing.
func (r *ObservabilityStackReconciler) storeStatus(ctx context.Context, run *stackRun) error {
	if equality.Semantic.DeepEqual(run.stored, run.stack.Status) {
		return nil
	}
	if err := r.Status().Update(ctx, run.stack); err != nil {
		return err
	}
	run.stored = *run.stack.Status.DeepCopy()
	return nil
}

// finalize uninstalls the releases and deletes the rules, then lets the resource go.
func (r *ObservabilityStackReconciler) finalize(ctx context.Context, stack *platformv1alpha1.ObservabilityStack) (ctrl.Result, error) {
	if !controllerutil.ContainsFinalizer(stack, platformv1alpha1.ObservabilityStackFinalizer) {
		return ctrl.Result{}, nil
	}
	run := &stackRun{stack: stack, stored: *stack.Status.DeepCopy()}
	if err := r.teardown(ctx, run); err != nil {
		setOutcomeConditions(stack, err)
		r.Recorder.Eventf(stack, nil, corev1.EventTypeWarning, failureReason(err), "Delete", "%s", err.Error())
		if updateErr := r.storeStatus(ctx, run); updateErr != nil {
			logf.FromContext(ctx).Error(updateErr, "writing the status of a failed deletion")
		}
		return ctrl.Result{}, err
	}
	patch := client.MergeFromWithOptions(stack.DeepCopy(), client.MergeFromWithOptimisticLock{})
	controllerutil.RemoveFinalizer(stack, platformv1alpha1.ObservabilityStackFinalizer)
	if err := r.Patch(ctx, stack, patch); err != nil {
		return requeueOnConflict(ctx, client.IgnoreNotFound(err), "removing the finalizer")
	}
	return ctrl.Result{}, nil
}

// requeueOnConflict turns a write that lost a race into a requeue: the next reconcile reads
// the newer object and starts over.
func requeueOnConflict(ctx context.Context, err error, what string) (ctrl.Result, error) {
	if err == nil {
		return ctrl.Result{}, nil
	}
	if apierrors.IsConflict(err) {
		logf.FromContext(ctx).V(1).Info("conflict, requeueing", "step", what)
		return ctrl.Result{RequeueAfter: conflictRequeueDelay}, nil
	}
	return ctrl.Result{}, err
}

// SetupWithManager registers the controller. The PrometheusRule watch is added now when the
// CRD is served, or by the first reconcile that finds it served.
func (r *ObservabilityStackReconciler) SetupWithManager(mgr ctrl.Manager) error {
	b := ctrl.NewControllerManagedBy(mgr).
		For(&platformv1alpha1.ObservabilityStack{}).
		Named("observabilitystack").
		Watches(&corev1.Namespace{},
			handler.EnqueueRequestsFromMapFunc(r.stacksSelectingNamespace),
			builder.WithPredicates(predicate.LabelChangedPredicate{}))
	if prometheusRuleServed(mgr.GetRESTMapper()) {
		b = b.Owns(newPrometheusRule())
		r.rules.watching.Store(true)
	}
	built, err := b.Build(r)
	if err != nil {
		return err
	}
	r.rules.controller = built
	r.rules.manager = mgr
	return nil
}
