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
	"fmt"
	"path/filepath"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// fixtureChart is a chart source pointing at one of the charts under test/charts.
func fixtureChart(dir string) platformv1alpha1.ChartSource {
	path, err := filepath.Abs(filepath.Join("..", "..", "test", "charts", dir))
	Expect(err).NotTo(HaveOccurred())
	return platformv1alpha1.ChartSource{Path: path, Version: "1.0.0"}
}

var namespaceCounter atomic.Int32

// newNamespace creates a namespace of its own for one test; envtest runs no namespace
// controller, so namespaces are never cleaned up and never reused.
func newNamespace(labels map[string]string) string {
	name := fmt.Sprintf("stack-test-%d", namespaceCounter.Add(1))
	Expect(k8sClient.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}})).To(Succeed())
	return name
}

// newStack is a stack installing the fixture charts, which is all a test cluster can reach.
func newStack(namespace, name string) *platformv1alpha1.ObservabilityStack {
	return &platformv1alpha1.ObservabilityStack{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Spec: platformv1alpha1.ObservabilityStackSpec{
			Prometheus:   platformv1alpha1.PrometheusSpec{Chart: fixtureChart("kube-prometheus-stack")},
			VictoriaLogs: platformv1alpha1.VictoriaLogsSpec{Chart: fixtureChart("victoria-logs-single")},
			Loki:         platformv1alpha1.LokiSpec{Chart: fixtureChart("loki")},
		},
	}
}

func quantity(value string) *resource.Quantity {
	q := resource.MustParse(value)
	return &q
}

func getStack(stack *platformv1alpha1.ObservabilityStack) *platformv1alpha1.ObservabilityStack {
	current := &platformv1alpha1.ObservabilityStack{}
	Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(stack), current)).To(Succeed())
	return current
}

func condition(stack *platformv1alpha1.ObservabilityStack, conditionType string) *metav1.Condition {
	return meta.FindStatusCondition(stack.Status.Conditions, conditionType)
}

// waitForCondition waits until the stack's status describes its current generation and the
// condition has the wanted status, and returns the stack as it then is.
func waitForCondition(stack *platformv1alpha1.ObservabilityStack, conditionType string, status metav1.ConditionStatus) *platformv1alpha1.ObservabilityStack {
	GinkgoHelper()
	var current *platformv1alpha1.ObservabilityStack
	Eventually(func(g Gomega) {
		current = &platformv1alpha1.ObservabilityStack{}
		g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(stack), current)).To(Succeed())
		g.Expect(current.Status.ObservedGeneration).To(Equal(current.Generation))
		found := condition(current, conditionType)
		g.Expect(found).NotTo(BeNil())
		g.Expect(found.Status).To(Equal(status), "condition %s: %s: %s", conditionType, found.Reason, found.Message)
	}).WithTimeout(timeout).WithPolling(interval).Should(Succeed())
	return current
}

func waitReady(stack *platformv1alpha1.ObservabilityStack) *platformv1alpha1.ObservabilityStack {
	GinkgoHelper()
	return waitForCondition(stack, platformv1alpha1.ConditionReady, metav1.ConditionTrue)
}

// updateStack re-reads the stack, applies change and writes it, retrying on conflicts with
// the controller's status writes.
func updateStack(stack *platformv1alpha1.ObservabilityStack, change func(*platformv1alpha1.ObservabilityStack)) {
	GinkgoHelper()
	Eventually(func() error {
		current := getStack(stack)
		change(current)
		return k8sClient.Update(ctx, current)
	}).WithTimeout(timeout).Should(Succeed())
}

func enabledFlag(value bool) *bool { return ptr.To(value) }

func key(namespace, name string) types.NamespacedName {
	return types.NamespacedName{Namespace: namespace, Name: name}
}
