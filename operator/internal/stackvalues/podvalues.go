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

package stackvalues

import (
	corev1 "k8s.io/api/core/v1"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// resourcesValue renders container resources the way charts expect them: quantities as strings.
func resourcesValue(resources corev1.ResourceRequirements) map[string]any {
	value := map[string]any{}
	if list := resourceListValue(resources.Requests); list != nil {
		value["requests"] = list
	}
	if list := resourceListValue(resources.Limits); list != nil {
		value["limits"] = list
	}
	return value
}

func resourceListValue(list corev1.ResourceList) map[string]any {
	if len(list) == 0 {
		return nil
	}
	value := make(map[string]any, len(list))
	for name, quantity := range list {
		value[string(name)] = quantity.String()
	}
	return value
}

// volumeClaimTemplateValue is the volumeClaimTemplate of the prometheus-operator storage specs,
// or nil when the spec asks for no persistent volume.
func volumeClaimTemplateValue(storage platformv1alpha1.StorageSpec) map[string]any {
	if storage.Size == nil {
		return nil
	}
	spec := map[string]any{
		"accessModes": []any{"ReadWriteOnce"},
		"resources":   map[string]any{"requests": map[string]any{"storage": storage.Size.String()}},
	}
	if storage.StorageClassName != "" {
		spec["storageClassName"] = storage.StorageClassName
	}
	return map[string]any{"volumeClaimTemplate": map[string]any{"spec": spec}}
}

// persistenceValue is a chart's own persistence block (enabled, size and a storage class under
// the key the chart names it), as opposed to a prometheus-operator volumeClaimTemplate.
func persistenceValue(storage platformv1alpha1.StorageSpec, classKey string) map[string]any {
	value := map[string]any{"enabled": storage.Size != nil}
	if storage.Size != nil {
		value["size"] = storage.Size.String()
		if storage.StorageClassName != "" {
			value[classKey] = storage.StorageClassName
		}
	}
	return value
}
