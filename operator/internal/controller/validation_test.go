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
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	. "github.com/onsi/gomega/gstruct"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

var _ = Describe("ObservabilityStack API validation", func() {
	var namespace string
	BeforeEach(func() { namespace = newNamespace(nil) })

	DescribeTable("rejects a bad spec with Invalid",
		func(change func(*platformv1alpha1.ObservabilityStack), message string) {
			stack := newStack(namespace, "bad")
			change(stack)
			err := k8sClient.Create(ctx, stack)
			Expect(apierrors.IsInvalid(err)).To(BeTrue(), "got %v", err)
			Expect(err.Error()).To(ContainSubstring(message))
		},
		Entry("a latency threshold below 1 ms", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.LatencyThresholdMs = -5
		}, "latencyThresholdMs"),
		Entry("a latency percentile that is not offered", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.LatencyPercentile = 42
		}, "latencyPercentile"),
		Entry("an error rate of zero", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.ErrorRatePercent = "0"
		}, "errorRatePercent must be above 0 and at most 100"),
		Entry("an error rate above 100 percent", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.ErrorRatePercent = "150"
		}, "errorRatePercent must be above 0 and at most 100"),
		Entry("an error rate that is not a number", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.ErrorRatePercent = "ten"
		}, "errorRatePercent"),
		Entry("a target namespace that is not a namespace name", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.Namespaces = []platformv1alpha1.NamespaceName{"Team_A"}
		}, "namespaces[0]"),
		Entry("a chart with both a repository and a path", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Chart.Repository = "https://charts.example.com"
			s.Spec.Prometheus.Chart.Name = "kube-prometheus-stack"
		}, "set exactly one of repository, oci or path"),
		Entry("a repository chart without a name", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Loki.Chart = platformv1alpha1.ChartSource{Repository: "https://charts.example.com", Version: "6.0.0"}
		}, "name is required with repository"),
		Entry("a chart version that is not semver", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Loki.Chart.Version = "latest"
		}, "spec.loki.chart.version"),
		Entry("a retention that is not a Prometheus duration", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Retention = "15 days"
		}, "spec.prometheus.retention"),
		Entry("Prometheus without a memory limit", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Resources = corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")},
			}
		}, "limits.memory is required"),
		Entry("more Prometheus replicas than allowed", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Replicas = 9
		}, "spec.prometheus.replicas"),
		Entry("more than one Loki replica on filesystem storage", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Loki.Replicas = 2
		}, "spec.loki.replicas"),
		Entry("a receiver with two destinations", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Alertmanager.Receivers = []platformv1alpha1.AlertReceiver{{
				Name:    "twice",
				Webhook: &platformv1alpha1.WebhookReceiver{URL: "http://hook.example.com"},
				Email:   &platformv1alpha1.EmailReceiver{To: "a@example.com", From: "b@example.com", Smarthost: "smtp.example.com:25"},
			}}
		}, "set exactly one of catalyst, slack, email or webhook"),
		Entry("a Catalyst receiver without its webhook secret", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Alertmanager.Receivers = []platformv1alpha1.AlertReceiver{{
				Name: "catalyst", Catalyst: &platformv1alpha1.CatalystReceiver{URL: "http://catalyst.example.com"},
			}}
		}, "webhookSecret"),
		Entry("VictoriaLogs without a memory limit", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.VictoriaLogs.Resources = corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")},
			}
		}, "limits.memory is required"),
		Entry("a VictoriaLogs retention in hours", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.VictoriaLogs.Retention = "48h"
		}, "spec.victoriaLogs.retention"),
		Entry("a saturation threshold above 100 percent", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.GoldenSignalAlerts.SaturationPercent = 120
		}, "saturationPercent"),
		Entry("a receiver named like the blackhole receiver", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Alertmanager.Receivers = []platformv1alpha1.AlertReceiver{{
				Name: "null", Webhook: &platformv1alpha1.WebhookReceiver{URL: "http://hook.example.com"},
			}}
		}, "null is reserved"),
		Entry("a severity that alerts never carry", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Alertmanager.Receivers = []platformv1alpha1.AlertReceiver{{
				Name: "pager", Severities: []platformv1alpha1.Severity{"urgent"},
				Webhook: &platformv1alpha1.WebhookReceiver{URL: "http://hook.example.com"},
			}}
		}, "severities[0]"),
		Entry("a name that kube-prometheus-stack would cut", func(s *platformv1alpha1.ObservabilityStack) {
			s.Name = "a-name-longer-than-twenty-six"
		}, "metadata.name may be at most 26 characters"),
	)

	It("accepts the sample in config/samples", func() {
		manifest, err := os.ReadFile(filepath.Join("..", "..", "config", "samples", "platform_v1alpha1_observabilitystack.yaml"))
		Expect(err).NotTo(HaveOccurred())
		sample := &platformv1alpha1.ObservabilityStack{}
		Expect(yaml.UnmarshalStrict(manifest, sample)).To(Succeed())
		sample.Namespace = namespace
		// A dry run validates and defaults without storing, so nothing downloads the charts.
		Expect(k8sClient.Create(ctx, sample, client.DryRunAll)).To(Succeed())
		Expect(sample.Spec.Alertmanager.Receivers).To(HaveLen(2))
		Expect(sample.Spec.Alertmanager.Receivers[0].Catalyst).NotTo(BeNil())
		Expect(sample.Spec.Loki.Enabled).To(PointTo(BeFalse()), "the sample installs no Loki")
		Expect(sample.Spec.GoldenSignalAlerts.For).To(BeEquivalentTo("5m"), "defaults were applied")
	})

	It("fills in the defaults of an empty spec", func() {
		// Disabled, so that the controller never tries to download the default charts.
		stack := &platformv1alpha1.ObservabilityStack{
			ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: "defaults"},
			Spec:       platformv1alpha1.ObservabilityStackSpec{Enabled: enabledFlag(false)},
		}
		Expect(k8sClient.Create(ctx, stack)).To(Succeed())
		spec := getStack(stack).Spec

		Expect(spec.Prometheus.Chart).To(Equal(platformv1alpha1.ChartSource{
			Repository: "https://prometheus-community.github.io/helm-charts", Name: "kube-prometheus-stack", Version: "88.6.1",
		}))
		Expect(spec.VictoriaLogs.Chart).To(Equal(platformv1alpha1.ChartSource{
			Repository: "https://victoriametrics.github.io/helm-charts", Name: "victoria-logs-single", Version: "0.13.9",
		}))
		Expect(*spec.VictoriaLogs.Enabled).To(BeTrue())
		Expect(spec.VictoriaLogs.Retention).To(Equal("7d"))
		Expect(spec.VictoriaLogs.Resources.Limits.Memory().String()).To(Equal("1Gi"))
		Expect(spec.VictoriaLogs.Storage.Size.String()).To(Equal("10Gi"))
		Expect(*spec.VictoriaLogs.Collector.Enabled).To(BeTrue())
		Expect(spec.VictoriaLogs.Collector.Resources.Limits.Memory().String()).To(Equal("256Mi"))
		Expect(spec.Loki.Chart.Name).To(Equal("loki"))
		Expect(spec.Prometheus.Retention).To(BeEquivalentTo("15d"))
		Expect(spec.Prometheus.Replicas).To(BeEquivalentTo(1))
		Expect(spec.Prometheus.Resources.Limits.Memory().String()).To(Equal("2Gi"))
		Expect(spec.Prometheus.Storage.Size.String()).To(Equal("20Gi"))
		Expect(spec.Prometheus.Components).To(Equal(platformv1alpha1.PrometheusComponents{}))
		Expect(*spec.Alertmanager.Enabled).To(BeTrue())
		Expect(spec.Alertmanager.Resources.Limits.Memory().String()).To(Equal("128Mi"))
		Expect(*spec.Loki.Enabled).To(BeFalse(), "Loki is opt-in")
		Expect(spec.Loki.Retention).To(BeEquivalentTo("7d"))
		Expect(spec.Loki.Storage.Size.String()).To(Equal("10Gi"))
		golden := spec.GoldenSignalAlerts
		Expect(*golden.Enabled).To(BeTrue())
		Expect(golden.LatencyThresholdMs).To(BeEquivalentTo(500))
		Expect(golden.LatencyPercentile).To(BeEquivalentTo(99))
		Expect(golden.ErrorRatePercent).To(Equal("1"))
		Expect(*golden.TrafficAnomalyEnabled).To(BeTrue())
		Expect(*golden.SaturationEnabled).To(BeTrue())
		Expect(golden.SaturationPercent).To(BeEquivalentTo(90))
		Expect(golden.For).To(BeEquivalentTo("5m"))
		Expect(golden.Metrics).To(Equal(platformv1alpha1.GoldenSignalMetrics{
			RequestsTotal: "http_requests_total", RequestDurationBucket: "http_request_duration_seconds_bucket", StatusCodeLabel: "code",
		}))
	})
})
