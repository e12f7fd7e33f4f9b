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
	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// lokiSchemaStart is the first day of the TSDB v13 schema; it must never change once Loki has
// written data, or older chunks become unreadable.
const lokiSchemaStart = "2024-04-01"

// Loki returns the values of the Loki release: a single binary on filesystem storage with the
// compactor enforcing the retention, and the caches, canary, gateway and scalable targets off.
func Loki(stack *platformv1alpha1.ObservabilityStack) map[string]any {
	spec := stack.Spec.Loki
	// Fresh maps each time: Helm merges chart defaults into the values maps in place.
	off := func() map[string]any { return map[string]any{"enabled": false} }
	none := func() map[string]any { return map[string]any{"replicas": int64(0)} }

	return map[string]any{
		"fullnameOverride": lokiFullname(stack),
		"deploymentMode":   "SingleBinary",
		"loki": map[string]any{
			"auth_enabled":  false,
			"commonConfig":  map[string]any{"replication_factor": int64(1)},
			"storage":       map[string]any{"type": "filesystem"},
			"limits_config": map[string]any{"retention_period": string(spec.Retention)},
			"compactor": map[string]any{
				"retention_enabled":    true,
				"delete_request_store": "filesystem",
			},
			"schemaConfig": map[string]any{"configs": []any{map[string]any{
				"from":         lokiSchemaStart,
				"store":        "tsdb",
				"object_store": "filesystem",
				"schema":       "v13",
				"index":        map[string]any{"prefix": "loki_index_", "period": "24h"},
			}}},
		},
		"singleBinary": map[string]any{
			"replicas":    int64(spec.Replicas),
			"resources":   resourcesValue(spec.Resources),
			"persistence": persistenceValue(spec.Storage, "storageClass"),
		},
		"backend":      none(),
		"read":         none(),
		"write":        none(),
		"chunksCache":  off(),
		"resultsCache": off(),
		"lokiCanary":   off(),
		"gateway":      off(),
		"minio":        off(),
		"test":         off(),
	}
}
