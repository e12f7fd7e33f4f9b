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

package helmrelease

import (
	"fmt"
	"io"
	"strings"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/registry"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// loadChart fetches the chart a source names (repository and OCI charts land in the cache
// directory) and checks that it is the chart the release installs, in the spec's version.
func (r *Releaser) loadChart(source platformv1alpha1.ChartSource, chartName string) (*chart.Chart, error) {
	location, err := r.locateChart(source)
	if err != nil {
		return nil, err
	}
	loaded, err := loader.Load(location)
	if err != nil {
		return nil, fmt.Errorf("loading chart %s: %w", location, err)
	}
	if loaded.Metadata.Name != chartName {
		return nil, fmt.Errorf("chart at %s is named %q, this release installs %q", location, loaded.Metadata.Name, chartName)
	}
	if normalizeVersion(loaded.Metadata.Version) != normalizeVersion(source.Version) {
		return nil, fmt.Errorf("chart at %s has version %s, the spec asks for %s", location, loaded.Metadata.Version, source.Version)
	}
	return loaded, nil
}

func (r *Releaser) locateChart(source platformv1alpha1.ChartSource) (string, error) {
	switch {
	case source.Path != "":
		return source.Path, nil
	case source.OCI != "":
		client, err := r.registryClient()
		if err != nil {
			return "", err
		}
		// Only Install exposes the registry client setter of ChartPathOptions.
		locator := action.NewInstall(&action.Configuration{})
		locator.SetRegistryClient(client)
		locator.Version = source.Version
		return locator.LocateChart(source.OCI, r.settings)
	case source.Repository != "":
		options := action.ChartPathOptions{RepoURL: source.Repository, Version: source.Version}
		return options.LocateChart(source.Name, r.settings)
	}
	return "", fmt.Errorf("the chart source names no repository, oci reference or path")
}

func (r *Releaser) registryClient() (*registry.Client, error) {
	r.registryOnce.Do(func() {
		r.registry, r.registryErr = registry.NewClient(
			registry.ClientOptCredentialsFile(r.settings.RegistryConfig),
			registry.ClientOptWriter(io.Discard),
		)
	})
	return r.registry, r.registryErr
}

// Chart.yaml versions carry no "v"; tags and specs sometimes do.
func normalizeVersion(version string) string {
	return strings.TrimPrefix(version, "v")
}
