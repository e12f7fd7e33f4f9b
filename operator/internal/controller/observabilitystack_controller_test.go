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
	"encoding/json"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	. "github.com/onsi/gomega/gstruct"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/goldensignals"
	"github.com/catalyst-dev/catalyst/operator/internal/helmrelease"
)

const (
	timeout  = 30 * time.Second
	interval = 100 * time.Millisecond
)

var _ = Describe("ObservabilityStack controller", func() {
	It("installs kube-prometheus-stack and VictoriaLogs with the values the spec implies", func() {
		namespace := newNamespace(nil)
		const webhookToken = "catalyst-webhook-token-never-rendered"
		Expect(k8sClient.Create(ctx, &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: "catalyst-alertmanager-webhook"},
			StringData: map[string]string{"token": webhookToken},
		})).To(Succeed())
		stack := newStack(namespace, "full")
		stack.Spec.Prometheus.Retention = "21d"
		stack.Spec.Prometheus.Replicas = 2
		stack.Spec.Prometheus.Resources = corev1.ResourceRequirements{
			Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("300m"), corev1.ResourceMemory: resource.MustParse("1536Mi")},
			Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("3Gi")},
		}
		stack.Spec.Prometheus.Storage = platformv1alpha1.StorageSpec{Size: quantity("5Gi"), StorageClassName: "fast"}
		stack.Spec.Alertmanager.Receivers = []platformv1alpha1.AlertReceiver{
			{
				Name:       "oncall",
				Severities: []platformv1alpha1.Severity{"critical"},
				Slack: &platformv1alpha1.SlackReceiver{
					Channel:      "#oncall",
					APIURLSecret: platformv1alpha1.SecretKeyReference{Name: "slack-webhook", Key: "url"},
				},
			},
			{Name: "team-mail", Email: &platformv1alpha1.EmailReceiver{To: "team@example.com", From: "alerts@example.com", Smarthost: "smtp.example.com:587"}},
			{Name: "catalyst", Catalyst: &platformv1alpha1.CatalystReceiver{
				URL:           "http://catalyst-backend.catalyst.svc:7007",
				WebhookSecret: platformv1alpha1.SecretKeyReference{Name: "catalyst-alertmanager-webhook", Key: "token"},
			}},
		}
		stack.Spec.VictoriaLogs.Retention = "3w"
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())

		ready := waitReady(stack)
		Expect(ready.Finalizers).To(ContainElement(platformv1alpha1.ObservabilityStackFinalizer))
		Expect(ready.Status.Prometheus).To(PointTo(MatchFields(IgnoreExtras, Fields{
			"ReleaseName":  Equal("full-prometheus"),
			"Chart":        Equal("kube-prometheus-stack"),
			"ChartVersion": Equal("1.0.0"),
			"AppVersion":   Equal("v3.5.0-fixture"),
			"Revision":     BeEquivalentTo(1),
			"Status":       Equal("deployed"),
			"ValuesHash":   HaveLen(32),
		})))
		Expect(ready.Status.VictoriaLogs).To(PointTo(MatchFields(IgnoreExtras, Fields{
			"ReleaseName": Equal("full-logs"), "Chart": Equal("victoria-logs-single"), "Revision": BeEquivalentTo(1), "Status": Equal("deployed"),
		})))
		Expect(ready.Status.Loki).To(BeNil(), "Loki is opt-in")
		last, err := releaser.Get(namespace, "full-loki")
		Expect(err).NotTo(HaveOccurred())
		Expect(last).To(BeNil())
		Expect(ready.Status.Endpoints).To(Equal(&platformv1alpha1.EndpointsStatus{
			Prometheus:   "http://full-prometheus." + namespace + ".svc:9090",
			Alertmanager: "http://full-alertmanager." + namespace + ".svc:9093",
			VictoriaLogs: "http://full-logs." + namespace + ".svc:9428",
		}))
		for _, service := range []string{"full-prometheus", "full-alertmanager", "full-logs"} {
			Expect(k8sClient.Get(ctx, key(namespace, service), &corev1.Service{})).To(Succeed(), "service %s behind an endpoint", service)
		}

		By("sizing Prometheus as the spec says")
		prometheus := &appsv1.StatefulSet{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-prometheus"), prometheus)).To(Succeed())
		Expect(*prometheus.Spec.Replicas).To(BeEquivalentTo(2))
		container := prometheus.Spec.Template.Spec.Containers[0]
		Expect(container.Args).To(ContainElement("--storage.tsdb.retention.time=21d"))
		Expect(container.Resources.Requests.Cpu().String()).To(Equal("300m"))
		Expect(container.Resources.Requests.Memory().String()).To(Equal("1536Mi"))
		Expect(container.Resources.Limits.Memory().String()).To(Equal("3Gi"))
		Expect(prometheus.Spec.VolumeClaimTemplates).To(HaveLen(1))
		claim := prometheus.Spec.VolumeClaimTemplates[0].Spec
		Expect(claim.Resources.Requests.Storage().String()).To(Equal("5Gi"))
		Expect(claim.StorageClassName).To(PointTo(Equal("fast")))

		prometheusSpec := map[string]any{}
		specConfigMap := &corev1.ConfigMap{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-prometheus-spec"), specConfigMap)).To(Succeed())
		Expect(json.Unmarshal([]byte(specConfigMap.Data["spec.json"]), &prometheusSpec)).To(Succeed())
		Expect(prometheusSpec).To(HaveKeyWithValue("scrapeInterval", "30s"))
		Expect(prometheusSpec).To(HaveKeyWithValue("serviceMonitorSelectorNilUsesHelmValues", false))
		Expect(prometheusSpec).To(HaveKeyWithValue("ruleNamespaceSelector",
			map[string]any{"matchLabels": map[string]any{"kubernetes.io/metadata.name": namespace}}))

		By("leaving the optional components off")
		components := &corev1.ConfigMap{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-components"), components)).To(Succeed())
		Expect(components.Data).To(HaveLen(12))
		for component, enabled := range components.Data {
			Expect(enabled).To(Equal("false"), "component %s", component)
		}
		operator := &appsv1.Deployment{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-operator"), operator)).To(Succeed())
		Expect(operator.Spec.Template.Spec.Containers[0].Args).To(Equal([]string{"--namespaces=" + namespace}))
		Expect(operator.Spec.Template.Spec.Containers[0].Resources.Limits.Memory().String()).To(Equal("256Mi"))

		By("configuring Alertmanager's receivers, Catalyst's with the intake route and the mounted token")
		alertmanagerConfig := &corev1.Secret{}
		Expect(k8sClient.Get(ctx, key(namespace, "alertmanager-full-alertmanager"), alertmanagerConfig)).To(Succeed())
		var config struct {
			Route struct {
				Receiver string
				Routes   []struct {
					Receiver string
					Matchers []string
					Continue bool
				}
			}
			Receivers []map[string]any
		}
		Expect(yaml.Unmarshal(alertmanagerConfig.Data["alertmanager.yaml"], &config)).To(Succeed())
		Expect(config.Route.Receiver).To(Equal("null"))
		Expect(config.Route.Routes).To(HaveLen(3))
		Expect(config.Route.Routes[0].Receiver).To(Equal("oncall"))
		Expect(config.Route.Routes[0].Matchers).To(Equal([]string{`severity=~"critical"`}))
		Expect(config.Route.Routes[1].Matchers).To(BeEmpty())
		Expect(config.Route.Routes[2].Continue).To(BeTrue())
		receivers := map[string]map[string]any{}
		for _, receiver := range config.Receivers {
			receivers[receiver["name"].(string)] = receiver
		}
		Expect(receivers).To(HaveKey("null"))
		Expect(receivers["oncall"]["slack_configs"]).To(ConsistOf(HaveKeyWithValue("api_url_file", "/etc/alertmanager/secrets/slack-webhook/url")))
		Expect(receivers["team-mail"]["email_configs"]).To(ConsistOf(And(
			HaveKeyWithValue("to", "team@example.com"), HaveKeyWithValue("smarthost", "smtp.example.com:587"), HaveKeyWithValue("require_tls", true))))
		Expect(receivers["catalyst"]["webhook_configs"]).To(ConsistOf(map[string]any{
			"url":           "http://catalyst-backend.catalyst.svc:7007/api/observability/webhooks/alertmanager",
			"send_resolved": true,
			"http_config": map[string]any{"authorization": map[string]any{
				"type":             "Bearer",
				"credentials_file": "/etc/alertmanager/secrets/catalyst-alertmanager-webhook/token",
			}},
		}))
		Expect(config.Route.Routes[2].Receiver).To(Equal("catalyst"))
		Expect(config.Route.Routes[2].Matchers).To(BeEmpty(), "Catalyst gets every alert")
		alertmanager := &appsv1.StatefulSet{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-alertmanager"), alertmanager)).To(Succeed())
		Expect(alertmanager.Spec.Template.Spec.Volumes).To(ConsistOf(
			HaveField("Secret.SecretName", "slack-webhook"), HaveField("Secret.SecretName", "catalyst-alertmanager-webhook")))
		Expect(alertmanager.Spec.Template.Spec.Containers[0].VolumeMounts).To(ContainElement(And(
			HaveField("Name", "secret-catalyst-alertmanager-webhook"),
			HaveField("MountPath", "/etc/alertmanager/secrets/catalyst-alertmanager-webhook"))))
		Expect(alertmanager.Spec.Template.Spec.Containers[0].Resources.Limits.Memory().String()).To(Equal("128Mi"))
		Expect(string(alertmanagerConfig.Data["alertmanager.yaml"])).NotTo(ContainSubstring(webhookToken))
		release, err := releaser.Get(namespace, "full-prometheus")
		Expect(err).NotTo(HaveOccurred())
		Expect(release.Manifest).NotTo(ContainSubstring(webhookToken))
		renderedValues, err := json.Marshal(release.Config)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(renderedValues)).NotTo(ContainSubstring(webhookToken))

		By("running one VictoriaLogs server with the spec's retention, limits and volume")
		logs := &appsv1.StatefulSet{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-logs"), logs)).To(Succeed())
		Expect(*logs.Spec.Replicas).To(BeEquivalentTo(1))
		server := logs.Spec.Template.Spec.Containers[0]
		Expect(server.Args).To(ContainElement("--retentionPeriod=3w"))
		Expect(server.Resources.Requests.Cpu().String()).To(Equal("100m"))
		Expect(server.Resources.Limits.Memory().String()).To(Equal("1Gi"))
		Expect(logs.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests.Storage().String()).To(Equal("10Gi"))
		logComponents := &corev1.ConfigMap{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-logs-components"), logComponents)).To(Succeed())
		Expect(logComponents.Data).To(Equal(map[string]string{
			"vector": "true", "dashboards": "false", "ingress": "false",
			"serviceMonitor": "false", "podDisruptionBudget": "false", "networkPolicy": "false",
		}))

		By("shipping pod logs with namespace, pod, container and app as stream fields")
		collector := &appsv1.DaemonSet{}
		Expect(k8sClient.Get(ctx, key(namespace, "full-logs-vector"), collector)).To(Succeed())
		Expect(collector.Spec.Template.Spec.Containers[0].Resources.Limits.Memory().String()).To(Equal("256Mi"))
		vectorConfig := &corev1.ConfigMap{}
		Expect(k8sClient.Get(ctx, key(namespace, "vector-vl-config"), vectorConfig)).To(Succeed())
		var pipeline struct {
			Sources    map[string]struct{ Type string }
			Transforms map[string]struct {
				Inputs []string
				Source string
			}
			Sinks map[string]struct {
				Type      string
				Inputs    []string
				Endpoints []string
				Request   struct{ Headers map[string]string }
			}
		}
		Expect(yaml.Unmarshal([]byte(vectorConfig.Data["full-logs-vector.yaml"]), &pipeline)).To(Succeed())
		Expect(pipeline.Sources["k8s"].Type).To(Equal("kubernetes_logs"))
		Expect(pipeline.Transforms["parser"].Inputs).To(Equal([]string{"k8s"}))
		Expect(pipeline.Transforms["parser"].Source).To(And(
			ContainSubstring(".namespace = .kubernetes.pod_namespace"), ContainSubstring(".pod = .kubernetes.pod_name"),
			ContainSubstring(".container = .kubernetes.container_name"), ContainSubstring(".app = ")))
		sink := pipeline.Sinks["vlogs"]
		Expect(sink.Type).To(Equal("elasticsearch"))
		Expect(sink.Inputs).To(Equal([]string{"parser"}))
		Expect(sink.Endpoints).To(Equal([]string{"http://full-logs." + namespace + ".svc:9428/insert/elasticsearch"}))
		Expect(sink.Request.Headers).To(HaveKeyWithValue("VL-Stream-Fields", "namespace,pod,container,app"))

		By("recording an event per install")
		Eventually(func(g Gomega) {
			events := &eventsv1.EventList{}
			g.Expect(k8sClient.List(ctx, events, client.InNamespace(namespace))).To(Succeed())
			var notes []string
			for _, event := range events.Items {
				if event.Reason == "Installed" && event.Regarding.Name == "full" {
					notes = append(notes, event.Note)
				}
			}
			g.Expect(notes).To(ConsistOf(ContainSubstring("full-prometheus"), ContainSubstring("full-logs")))
		}).WithTimeout(timeout).Should(Succeed())
	})

	It("upgrades a release when its part of the spec changes, and only that release", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "upgrade")
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		before := waitReady(stack)
		Expect(before.Status.Prometheus.Revision).To(BeEquivalentTo(1))

		updateStack(stack, func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Retention = "30d"
			s.Spec.Prometheus.Replicas = 3
		})
		var after *platformv1alpha1.ObservabilityStack
		Eventually(func(g Gomega) {
			after = getStack(stack)
			g.Expect(after.Status.ObservedGeneration).To(Equal(after.Generation))
			g.Expect(after.Status.Prometheus.Revision).To(BeEquivalentTo(2))
		}).WithTimeout(timeout).WithPolling(interval).Should(Succeed())
		Expect(condition(after, platformv1alpha1.ConditionReady).Status).To(Equal(metav1.ConditionTrue))
		Expect(after.Status.Prometheus.ValuesHash).NotTo(Equal(before.Status.Prometheus.ValuesHash))
		Expect(after.Status.VictoriaLogs.Revision).To(BeEquivalentTo(1), "VictoriaLogs' values did not change")

		prometheus := &appsv1.StatefulSet{}
		Expect(k8sClient.Get(ctx, key(namespace, "upgrade-prometheus"), prometheus)).To(Succeed())
		Expect(*prometheus.Spec.Replicas).To(BeEquivalentTo(3))
		Expect(prometheus.Spec.Template.Spec.Containers[0].Args).To(ContainElement("--storage.tsdb.retention.time=30d"))
		history, err := releaser.Get(namespace, "upgrade-prometheus")
		Expect(err).NotTo(HaveOccurred())
		Expect(history.Version).To(Equal(2))
		Expect(history.Labels).To(HaveKeyWithValue(helmrelease.ValuesHashLabel, after.Status.Prometheus.ValuesHash))
	})

	It("changes nothing when reconciled twice", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "steady")
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		waitReady(stack)
		ruleKey := key(namespace, "steady-golden-signals-"+namespace)
		Eventually(func() error { return k8sClient.Get(ctx, ruleKey, newPrometheusRule()) }).WithTimeout(timeout).Should(Succeed())

		before := getStack(stack)
		ruleBefore := newPrometheusRule()
		Expect(k8sClient.Get(ctx, ruleKey, ruleBefore)).To(Succeed())
		for range 2 {
			result, err := reconciler.Reconcile(ctx, ctrl.Request{NamespacedName: client.ObjectKeyFromObject(stack)})
			Expect(err).NotTo(HaveOccurred())
			Expect(result).To(Equal(ctrl.Result{}))
		}

		after := getStack(stack)
		Expect(after.ResourceVersion).To(Equal(before.ResourceVersion), "no write to the stack or its status")
		Expect(after.Status.Prometheus.Revision).To(BeEquivalentTo(1))
		Expect(after.Status.VictoriaLogs.Revision).To(BeEquivalentTo(1))
		ruleAfter := newPrometheusRule()
		Expect(k8sClient.Get(ctx, ruleKey, ruleAfter)).To(Succeed())
		Expect(ruleAfter.GetResourceVersion()).To(Equal(ruleBefore.GetResourceVersion()), "the rule was applied unchanged")
		for _, name := range []string{"steady-prometheus", "steady-logs"} {
			last, err := releaser.Get(namespace, name)
			Expect(err).NotTo(HaveOccurred())
			Expect(last.Version).To(Equal(1), "release %s", name)
		}
		types := map[string]int{}
		for _, c := range after.Status.Conditions {
			types[c.Type]++
		}
		Expect(types).To(Equal(map[string]int{
			platformv1alpha1.ConditionReady: 1, platformv1alpha1.ConditionProgressing: 1, platformv1alpha1.ConditionDegraded: 1,
		}))
		Expect(condition(after, platformv1alpha1.ConditionProgressing).Status).To(Equal(metav1.ConditionFalse))
		Expect(condition(after, platformv1alpha1.ConditionDegraded).Status).To(Equal(metav1.ConditionFalse))
	})

	It("uninstalls the releases and deletes the rules before the stack goes away", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "doomed")
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		waitReady(stack)
		Expect(k8sClient.Get(ctx, key(namespace, "doomed-prometheus"), &appsv1.StatefulSet{})).To(Succeed())

		Expect(k8sClient.Delete(ctx, stack)).To(Succeed())
		Eventually(func() bool {
			return apierrors.IsNotFound(k8sClient.Get(ctx, client.ObjectKeyFromObject(stack), &platformv1alpha1.ObservabilityStack{}))
		}).WithTimeout(timeout).Should(BeTrue())

		for _, name := range []string{"doomed-prometheus", "doomed-logs"} {
			last, err := releaser.Get(namespace, name)
			Expect(err).NotTo(HaveOccurred())
			Expect(last).To(BeNil(), "release %s", name)
			Expect(apierrors.IsNotFound(k8sClient.Get(ctx, key(namespace, name), &appsv1.StatefulSet{}))).To(BeTrue(), "statefulset %s", name)
		}
		storage := &corev1.SecretList{}
		Expect(k8sClient.List(ctx, storage, client.InNamespace(namespace), client.MatchingLabels{"owner": "helm"})).To(Succeed())
		Expect(storage.Items).To(BeEmpty())
		rules := goldensignals.NewPrometheusRuleList()
		Expect(k8sClient.List(ctx, rules, client.InNamespace(namespace))).To(Succeed())
		Expect(rules.Items).To(BeEmpty())
	})

	It("removes the releases but keeps the stack when it is disabled", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "paused")
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		waitReady(stack)

		updateStack(stack, func(s *platformv1alpha1.ObservabilityStack) { s.Spec.Enabled = enabledFlag(false) })
		disabled := waitForCondition(stack, platformv1alpha1.ConditionReady, metav1.ConditionFalse)
		Expect(condition(disabled, platformv1alpha1.ConditionReady).Reason).To(Equal(ReasonDisabled))
		Expect(disabled.Status.Prometheus).To(BeNil())
		Expect(disabled.Status.VictoriaLogs).To(BeNil())
		Expect(disabled.Status.GoldenSignalRules).To(BeNil())
		last, err := releaser.Get(namespace, "paused-prometheus")
		Expect(err).NotTo(HaveOccurred())
		Expect(last).To(BeNil())
	})

	It("installs Loki only when asked for, and uninstalls it when the ask is withdrawn", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "optin")
		stack.Spec.Loki.Enabled = enabledFlag(true)
		stack.Spec.Loki.Retention = "72h"
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		ready := waitReady(stack)
		Expect(ready.Status.Loki).To(PointTo(MatchFields(IgnoreExtras, Fields{
			"ReleaseName": Equal("optin-loki"), "Chart": Equal("loki"), "Status": Equal("deployed"),
		})))
		Expect(ready.Status.Endpoints.Loki).To(Equal("http://optin-loki." + namespace + ".svc:3100"))
		loki := &appsv1.StatefulSet{}
		Expect(k8sClient.Get(ctx, key(namespace, "optin-loki"), loki)).To(Succeed())
		Expect(loki.Spec.Template.Spec.Containers[0].Resources.Limits.Memory().String()).To(Equal("1Gi"))
		lokiConfig := &corev1.ConfigMap{}
		Expect(k8sClient.Get(ctx, key(namespace, "optin-loki"), lokiConfig)).To(Succeed())
		Expect(lokiConfig.Data["config.yaml"]).To(ContainSubstring("retention_period: 72h"))

		updateStack(stack, func(s *platformv1alpha1.ObservabilityStack) { s.Spec.Loki.Enabled = enabledFlag(false) })
		Eventually(func(g Gomega) {
			current := getStack(stack)
			g.Expect(current.Status.ObservedGeneration).To(Equal(current.Generation))
			g.Expect(current.Status.Loki).To(BeNil())
			g.Expect(current.Status.Endpoints.Loki).To(BeEmpty())
		}).WithTimeout(timeout).WithPolling(interval).Should(Succeed())
		last, err := releaser.Get(namespace, "optin-loki")
		Expect(err).NotTo(HaveOccurred())
		Expect(last).To(BeNil())
	})

	It("reports a chart path that does not exist in the Degraded condition", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "missing")
		// Inside the allowed chart directory, so that the allowlist lets it through to Helm.
		missing := fixtureChart("nonexistent").Path
		stack.Spec.VictoriaLogs.Chart.Path = missing
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())

		degraded := waitForCondition(stack, platformv1alpha1.ConditionDegraded, metav1.ConditionTrue)
		Expect(condition(degraded, platformv1alpha1.ConditionDegraded).Reason).To(Equal(helmrelease.ReasonChartUnavailable))
		Expect(condition(degraded, platformv1alpha1.ConditionDegraded).Message).To(ContainSubstring(missing))
		Expect(condition(degraded, platformv1alpha1.ConditionReady).Status).To(Equal(metav1.ConditionFalse))
		Expect(condition(degraded, platformv1alpha1.ConditionReady).Reason).To(Equal(helmrelease.ReasonChartUnavailable))
		Expect(degraded.Status.Prometheus).NotTo(BeNil(), "the release before the failing one was installed")
	})

	It("reports a chart whose template fails in the Degraded condition, and recovers once fixed", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "broken")
		stack.Spec.Loki.Enabled = enabledFlag(true)
		stack.Spec.Loki.Chart = fixtureChart("failing-loki")
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())

		degraded := waitForCondition(stack, platformv1alpha1.ConditionDegraded, metav1.ConditionTrue)
		reported := condition(degraded, platformv1alpha1.ConditionDegraded)
		Expect(reported.Reason).To(Equal(helmrelease.ReasonInstallFailed))
		Expect(reported.Message).To(ContainSubstring("fixture: this chart always fails to render"))
		// A retry marks Progressing while its install runs; between attempts the failed
		// reconcile leaves Progressing False next to Degraded True.
		Eventually(func(g Gomega) {
			current := getStack(stack)
			g.Expect(condition(current, platformv1alpha1.ConditionDegraded).Status).To(Equal(metav1.ConditionTrue))
			g.Expect(condition(current, platformv1alpha1.ConditionProgressing).Status).To(Equal(metav1.ConditionFalse))
			g.Expect(condition(current, platformv1alpha1.ConditionProgressing).Reason).To(Equal(ReasonFailed))
		}).WithTimeout(timeout).WithPolling(interval).Should(Succeed())
		Eventually(func(g Gomega) {
			events := &eventsv1.EventList{}
			g.Expect(k8sClient.List(ctx, events, client.InNamespace(namespace))).To(Succeed())
			g.Expect(events.Items).To(ContainElement(And(
				HaveField("Reason", helmrelease.ReasonInstallFailed), HaveField("Type", corev1.EventTypeWarning))))
		}).WithTimeout(timeout).Should(Succeed())

		updateStack(stack, func(s *platformv1alpha1.ObservabilityStack) { s.Spec.Loki.Chart = fixtureChart("loki") })
		recovered := waitReady(stack)
		Expect(condition(recovered, platformv1alpha1.ConditionDegraded).Status).To(Equal(metav1.ConditionFalse))
		Expect(recovered.Status.Loki.Status).To(Equal("deployed"))
	})

	It("renders golden-signal PrometheusRules that carry the spec's thresholds", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "signals")
		stack.Spec.GoldenSignalAlerts = platformv1alpha1.GoldenSignalAlertsSpec{
			LatencyThresholdMs:    250,
			LatencyPercentile:     95,
			ErrorRatePercent:      "2.5",
			TrafficAnomalyEnabled: enabledFlag(false),
			Namespaces:            []platformv1alpha1.NamespaceName{"team-a", "team-b"},
		}
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		ready := waitReady(stack)
		Expect(ready.Status.GoldenSignalRules).To(Equal(&platformv1alpha1.RulesStatus{
			Namespaces:      []string{"team-a", "team-b"},
			PrometheusRules: []string{"signals-golden-signals-team-a", "signals-golden-signals-team-b"},
		}))

		rule := newPrometheusRule()
		Expect(k8sClient.Get(ctx, key(namespace, "signals-golden-signals-team-a"), rule)).To(Succeed())
		Expect(rule.GetLabels()).To(HaveKeyWithValue("release", "signals-prometheus"))
		Expect(metav1.IsControlledBy(rule, ready)).To(BeTrue())
		Expect(rule.GetManagedFields()).To(ContainElement(And(
			HaveField("Manager", string(FieldOwner)), HaveField("Operation", metav1.ManagedFieldsOperationApply))))
		alerts := alertExpressions(rule)
		Expect(alerts).To(HaveLen(4))
		Expect(alerts[goldensignals.HighLatencyAlert]).To(And(
			HavePrefix("histogram_quantile(0.95, "),
			ContainSubstring(`http_request_duration_seconds_bucket{namespace="team-a"}`),
			HaveSuffix("* 1000 > 250")))
		Expect(alerts[goldensignals.HighErrorRateAlert]).To(And(
			ContainSubstring(`http_requests_total{namespace="team-a",code=~"5.."}`),
			HaveSuffix("> 2.5")))
		By("including CPU and memory saturation against the containers' limits by default")
		Expect(alerts[goldensignals.CPUSaturationAlert]).To(And(
			ContainSubstring(`rate(container_cpu_usage_seconds_total{namespace="team-a",container!="",container!="POD"}[5m])`),
			ContainSubstring(`(container_spec_cpu_quota{namespace="team-a",container!="",container!="POD"} > 0) / container_spec_cpu_period{`),
			HaveSuffix("> 90")))
		Expect(alerts[goldensignals.MemorySaturationAlert]).To(And(
			ContainSubstring(`container_memory_working_set_bytes{namespace="team-a",container!="",container!="POD"}`),
			ContainSubstring(`(container_spec_memory_limit_bytes{namespace="team-a",container!="",container!="POD"} > 0)`),
			HaveSuffix("> 90")))

		By("following a change of thresholds and namespaces")
		updateStack(stack, func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.Namespaces = []platformv1alpha1.NamespaceName{"team-a"}
			s.Spec.GoldenSignalAlerts.TrafficAnomalyEnabled = enabledFlag(true)
			s.Spec.GoldenSignalAlerts.ErrorRatePercent = "0.5"
		})
		Eventually(func(g Gomega) {
			g.Expect(apierrors.IsNotFound(k8sClient.Get(ctx, key(namespace, "signals-golden-signals-team-b"), newPrometheusRule()))).To(BeTrue())
			current := newPrometheusRule()
			g.Expect(k8sClient.Get(ctx, key(namespace, "signals-golden-signals-team-a"), current)).To(Succeed())
			alerts := alertExpressions(current)
			g.Expect(alerts[goldensignals.HighErrorRateAlert]).To(HaveSuffix("> 0.5"))
			g.Expect(alerts[goldensignals.TrafficAnomalyAlert]).To(ContainSubstring(
				`> 3 * stddev_over_time(namespace_job:http_requests_total:rate5m{namespace="team-a"}[1d])`))
		}).WithTimeout(timeout).Should(Succeed())

		By("covering namespaces that match the selector, including ones labelled later")
		labelled := newNamespace(map[string]string{"catalyst.dev/observed": "true"})
		updateStack(stack, func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.NamespaceSelector = &metav1.LabelSelector{MatchLabels: map[string]string{"catalyst.dev/observed": "true"}}
		})
		Eventually(func() error {
			return k8sClient.Get(ctx, key(namespace, "signals-golden-signals-"+labelled), newPrometheusRule())
		}).WithTimeout(timeout).Should(Succeed())
		later := newNamespace(map[string]string{"catalyst.dev/observed": "true"})
		Eventually(func() error {
			return k8sClient.Get(ctx, key(namespace, "signals-golden-signals-"+later), newPrometheusRule())
		}).WithTimeout(timeout).Should(Succeed())
	})

	It("puts back a rule deleted by hand", func() {
		namespace := newNamespace(nil)
		stack := newStack(namespace, "healing")
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		waitReady(stack)
		ruleKey := key(namespace, "healing-golden-signals-"+namespace)
		rule := newPrometheusRule()
		Expect(k8sClient.Get(ctx, ruleKey, rule)).To(Succeed())
		Expect(k8sClient.Delete(ctx, rule)).To(Succeed())
		Eventually(func(g Gomega) {
			current := newPrometheusRule()
			g.Expect(k8sClient.Get(ctx, ruleKey, current)).To(Succeed())
			g.Expect(current.GetUID()).NotTo(Equal(rule.GetUID()))
		}).WithTimeout(timeout).Should(Succeed())
	})
})

// alertExpressions maps each alert of a rendered PrometheusRule to its expression.
func alertExpressions(rule *unstructured.Unstructured) map[string]string {
	GinkgoHelper()
	groups, found, err := unstructured.NestedSlice(rule.Object, "spec", "groups")
	Expect(err).NotTo(HaveOccurred())
	Expect(found).To(BeTrue())
	Expect(groups).To(HaveLen(1))
	rules, _, err := unstructured.NestedSlice(groups[0].(map[string]any), "rules")
	Expect(err).NotTo(HaveOccurred())
	alerts := map[string]string{}
	for _, rule := range rules {
		fields := rule.(map[string]any)
		if name, ok := fields["alert"].(string); ok {
			alerts[name] = strings.TrimSpace(fields["expr"].(string))
		}
	}
	return alerts
}
