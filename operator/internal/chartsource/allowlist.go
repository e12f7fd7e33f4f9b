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

// Package chartsource decides which Helm chart sources an ObservabilityStack may name. The
// allowlist is the operator's, set by flags on the manager: a namespaced custom resource is
// untrusted input and must not pick what the operator's service account installs.
package chartsource

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// The official homes of the charts the operator ships defaults for.
const (
	// PrometheusCommunityRepository serves kube-prometheus-stack.
	PrometheusCommunityRepository = "https://prometheus-community.github.io/helm-charts"
	// KubePrometheusStackOCI is the OCI reference prometheus-community publishes the chart to.
	KubePrometheusStackOCI = "oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack"
	// VictoriaMetricsRepository serves victoria-logs-single.
	VictoriaMetricsRepository = "https://victoriametrics.github.io/helm-charts"
)

// Allowlist is where charts may come from. Each list is compared exactly after normalising
// (scheme and host lower-cased, no trailing slash); a path must lie inside one of PathRoots
// after cleaning and after resolving symbolic links.
type Allowlist struct {
	// Repositories are classic chart repository URLs.
	Repositories []string
	// OCI are chart references without a tag, e.g. oci://ghcr.io/org/charts/name.
	OCI []string
	// PathRoots are directories on the operator's filesystem holding charts baked into its image.
	PathRoots []string
}

// Default allows the official repositories of kube-prometheus-stack and victoria-logs-single
// and kube-prometheus-stack's OCI reference; no path.
func Default() Allowlist {
	return Allowlist{
		Repositories: []string{PrometheusCommunityRepository, VictoriaMetricsRepository},
		OCI:          []string{KubePrometheusStackOCI},
	}
}

// ErrNotAllowed marks a chart source that the allowlist refuses.
var ErrNotAllowed = errors.New("chart source not allowed")

// Check refuses a source the allowlist does not name. field is the spec path used in the
// message, e.g. spec.prometheus.chart; wantName is the chart the release slot installs.
func (a Allowlist) Check(field string, source platformv1alpha1.ChartSource, wantName string) error {
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", field, ErrNotAllowed, fmt.Sprintf(format, args...))
	}
	switch {
	case source.Repository != "":
		repository, err := normaliseURL(source.Repository, "http", "https")
		if err != nil {
			return refuse("repository %q: %v", source.Repository, err)
		}
		if !a.containsURL(a.Repositories, repository, "http", "https") {
			return refuse("repository %s is not in the operator's --allowed-chart-repositories", source.Repository)
		}
		if source.Name != wantName {
			return refuse("this release installs chart %q, not %q", wantName, source.Name)
		}
	case source.OCI != "":
		reference, err := normaliseURL(source.OCI, "oci")
		if err != nil {
			return refuse("OCI reference %q: %v", source.OCI, err)
		}
		if !a.containsURL(a.OCI, reference, "oci") {
			return refuse("OCI reference %s is not in the operator's --allowed-chart-oci-references", source.OCI)
		}
	case source.Path != "":
		if !a.pathAllowed(source.Path) {
			return refuse("path %s is not under an allowed chart directory (--allowed-chart-paths)", source.Path)
		}
	default:
		return refuse("the chart source names no repository, OCI reference or path")
	}
	return nil
}

func (a Allowlist) containsURL(allowed []string, normalised string, schemes ...string) bool {
	for _, entry := range allowed {
		if candidate, err := normaliseURL(entry, schemes...); err == nil && candidate == normalised {
			return true
		}
	}
	return false
}

// normaliseURL refuses credentials, queries and fragments (an allowed host must not be
// reachable through a look-alike URL) and gives one spelling per location.
func normaliseURL(raw string, schemes ...string) (string, error) {
	parsed, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	scheme := strings.ToLower(parsed.Scheme)
	known := false
	for _, s := range schemes {
		known = known || scheme == s
	}
	switch {
	case !known:
		return "", fmt.Errorf("scheme %q is not one of %v", parsed.Scheme, schemes)
	case parsed.User != nil:
		return "", errors.New("credentials in the URL are not accepted")
	case parsed.RawQuery != "" || parsed.Fragment != "" || parsed.Opaque != "":
		return "", errors.New("a query, fragment or opaque part is not accepted")
	case parsed.Host == "":
		return "", errors.New("no host")
	}
	cleaned := strings.TrimRight(parsed.EscapedPath(), "/")
	if strings.Contains(cleaned, "/../") || strings.HasSuffix(cleaned, "/..") || strings.Contains(cleaned, "/./") {
		return "", errors.New("dot segments are not accepted")
	}
	return scheme + "://" + strings.ToLower(parsed.Host) + cleaned, nil
}

// pathAllowed requires the cleaned path, and its target once symbolic links are resolved,
// to lie inside a root. A path that does not exist yet is judged by its cleaned form; loading
// it then fails as an unavailable chart.
func (a Allowlist) pathAllowed(path string) bool {
	if !filepath.IsAbs(path) {
		return false
	}
	cleaned := filepath.Clean(path)
	resolved, err := filepath.EvalSymlinks(cleaned)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return false
	}
	for _, root := range a.PathRoots {
		if !filepath.IsAbs(root) {
			continue
		}
		root = filepath.Clean(root)
		if !within(root, cleaned) {
			continue
		}
		if err != nil {
			return true
		}
		resolvedRoot, rootErr := filepath.EvalSymlinks(root)
		if rootErr == nil && within(resolvedRoot, resolved) {
			return true
		}
	}
	return false
}

func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
