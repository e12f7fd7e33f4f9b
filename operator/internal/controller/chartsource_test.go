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
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
	"github.com/catalyst-dev/catalyst/operator/internal/goldensignals"
)

// copyOfFixtureChart copies a fixture chart to a directory outside the operator's allowed
// chart paths: a real, installable chart that the allowlist alone must stop.
func copyOfFixtureChart(dir string) string {
	GinkgoHelper()
	target := filepath.Join(GinkgoT().TempDir(), dir)
	Expect(os.CopyFS(target, os.DirFS(fixtureChart(dir).Path))).To(Succeed())
	return target
}

var _ = Describe("Chart sources", func() {
	// Every disallowed source points at 127.0.0.1 or at a real chart on disk, so that the
	// code before the allowlist fails or installs without reaching the network.
	DescribeTable("refuses a source outside the operator's allowlist and installs nothing",
		func(change func(*platformv1alpha1.ObservabilityStack), named func() string) {
			namespace := newNamespace(nil)
			stack := newStack(namespace, "refused")
			change(stack)
			Expect(k8sClient.Create(ctx, stack)).To(Succeed())

			refused := waitForCondition(stack, platformv1alpha1.ConditionDegraded, metav1.ConditionTrue)
			degraded := condition(refused, platformv1alpha1.ConditionDegraded)
			Expect(degraded.Reason).To(Equal("ChartSourceNotAllowed"), degraded.Message)
			Expect(degraded.Message).To(ContainSubstring(named()))
			Expect(condition(refused, platformv1alpha1.ConditionReady).Status).To(Equal(metav1.ConditionFalse))
			Expect(condition(refused, platformv1alpha1.ConditionReady).Reason).To(Equal("ChartSourceNotAllowed"))

			By("installing no release and no rule, not even the allowed ones")
			Expect(refused.Status.Prometheus).To(BeNil())
			for _, release := range []string{"refused-prometheus", "refused-logs", "refused-loki"} {
				last, err := releaser.Get(namespace, release)
				Expect(err).NotTo(HaveOccurred())
				Expect(last).To(BeNil(), "release %s", release)
			}
			rules := goldensignals.NewPrometheusRuleList()
			Expect(k8sClient.List(ctx, rules, client.InNamespace(namespace))).To(Succeed())
			Expect(rules.Items).To(BeEmpty())
		},
		Entry("a chart repository", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Chart = platformv1alpha1.ChartSource{Repository: "https://127.0.0.1:1/charts", Name: "kube-prometheus-stack", Version: "1.0.0"}
		}, func() string { return "https://127.0.0.1:1/charts" }),
		Entry("an OCI reference", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Chart = platformv1alpha1.ChartSource{OCI: "oci://127.0.0.1:1/charts/kube-prometheus-stack", Version: "1.0.0"}
		}, func() string { return "oci://127.0.0.1:1/charts/kube-prometheus-stack" }),
		Entry("a chart directory outside the allowed paths", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Prometheus.Chart = platformv1alpha1.ChartSource{Path: copyOfFixtureChart("kube-prometheus-stack"), Version: "1.0.0"}
		}, func() string { return "is not under an allowed chart directory" }),
		Entry("a path that climbs out of an allowed directory", func(s *platformv1alpha1.ObservabilityStack) {
			outside := copyOfFixtureChart("kube-prometheus-stack")
			climb, err := filepath.Rel(fixtureChart("kube-prometheus-stack").Path, outside)
			Expect(err).NotTo(HaveOccurred())
			// Joined by hand: filepath.Join would clean the ".." away.
			s.Spec.Prometheus.Chart = platformv1alpha1.ChartSource{Path: fixtureChart("kube-prometheus-stack").Path + "/" + climb, Version: "1.0.0"}
		}, func() string { return "is not under an allowed chart directory" }),
		Entry("a disallowed source in the opt-in Loki release", func(s *platformv1alpha1.ObservabilityStack) {
			s.Spec.Loki.Enabled = enabledFlag(true)
			s.Spec.Loki.Chart = platformv1alpha1.ChartSource{Path: copyOfFixtureChart("loki"), Version: "1.0.0"}
		}, func() string { return "spec.loki.chart" }),
	)
})
