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

package chartsource

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

func TestDefaultAllowsTheOfficialSourcesOnly(t *testing.T) {
	allow := Default()
	for _, source := range []platformv1alpha1.ChartSource{
		{Repository: PrometheusCommunityRepository, Name: "kube-prometheus-stack", Version: "81.6.2"},
		{Repository: PrometheusCommunityRepository + "/", Name: "kube-prometheus-stack", Version: "81.6.2"},
		{Repository: "HTTPS://Prometheus-Community.GitHub.io/helm-charts", Name: "kube-prometheus-stack", Version: "81.6.2"},
		{OCI: KubePrometheusStackOCI, Version: "81.6.2"},
	} {
		if err := allow.Check("spec.prometheus.chart", source, "kube-prometheus-stack"); err != nil {
			t.Errorf("%+v refused: %v", source, err)
		}
	}
	if err := allow.Check("spec.victoriaLogs.chart", platformv1alpha1.ChartSource{Repository: VictoriaMetricsRepository, Name: "victoria-logs-single", Version: "0.13.9"}, "victoria-logs-single"); err != nil {
		t.Errorf("victoria-logs-single refused: %v", err)
	}
}

func TestCheckRefusesLookAlikesAndOtherCharts(t *testing.T) {
	allow := Default()
	for name, source := range map[string]platformv1alpha1.ChartSource{
		"another repository":               {Repository: "https://charts.example.com", Name: "kube-prometheus-stack"},
		"a longer path on an allowed host": {Repository: PrometheusCommunityRepository + "/evil", Name: "kube-prometheus-stack"},
		"a dot segment":                    {Repository: "https://prometheus-community.github.io/x/../helm-charts", Name: "kube-prometheus-stack"},
		"credentials in the URL":           {Repository: "https://user:pw@prometheus-community.github.io/helm-charts", Name: "kube-prometheus-stack"},
		"a query":                          {Repository: PrometheusCommunityRepository + "?x=1", Name: "kube-prometheus-stack"},
		"another host by prefix":           {Repository: "https://prometheus-community.github.io.evil.example/helm-charts", Name: "kube-prometheus-stack"},
		"another chart of the repository":  {Repository: PrometheusCommunityRepository, Name: "prometheus-adapter"},
		"another OCI reference":            {OCI: "oci://ghcr.io/someone/charts/kube-prometheus-stack"},
		"an OCI reference below":           {OCI: KubePrometheusStackOCI + "/x"},
		"any path by default":              {Path: "/charts/kube-prometheus-stack"},
		"nothing":                          {},
	} {
		err := allow.Check("spec.prometheus.chart", source, "kube-prometheus-stack")
		if !errors.Is(err, ErrNotAllowed) {
			t.Errorf("%s: %+v: got %v, want ErrNotAllowed", name, source, err)
		}
	}
}

func TestPathsStayInsideTheirRoots(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "charts")
	outside := filepath.Join(base, "elsewhere")
	for _, dir := range []string{filepath.Join(root, "kps"), filepath.Join(outside, "kps")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "kps"), filepath.Join(root, "link-out")); err != nil {
		t.Fatal(err)
	}
	allow := Allowlist{PathRoots: []string{root}}
	cases := map[string]bool{
		filepath.Join(root, "kps"):           true,
		filepath.Join(root, "not-there-yet"): true,
		root + "/kps/../kps":                 true,
		root + "/../elsewhere/kps":           false,
		filepath.Join(outside, "kps"):        false,
		root + "-evil/kps":                   false,
		filepath.Join(root, "link-out"):      false,
		"charts/kps":                         false,
		root:                                 true,
	}
	for path, want := range cases {
		err := allow.Check("spec.prometheus.chart", platformv1alpha1.ChartSource{Path: path, Version: "1.0.0"}, "kube-prometheus-stack")
		if got := err == nil; got != want {
			t.Errorf("path %s: allowed = %v, want %v (%v)", path, got, want, err)
		}
	}
}
