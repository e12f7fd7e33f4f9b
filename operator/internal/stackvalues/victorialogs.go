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
	"strings"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// LogStreamFields are the fields every log entry's stream is made of in VictoriaLogs. Catalyst
// scopes log queries with a stream filter on them, so they must be set for every line.
var LogStreamFields = []string{"namespace", "pod", "container", "app"}

// logRemap is the collector's Vector Remap Language transform: the line's JSON (when it is
// JSON) under .log, and the stream fields from the Kubernetes metadata Vector attaches. app is
// the pod's app.kubernetes.io/name label, else its app label, else the container name.
const logRemap = `.log = parse_json(.message) ?? .message
del(.message)
.namespace = .kubernetes.pod_namespace
.pod = .kubernetes.pod_name
.container = .kubernetes.container_name
.app = .kubernetes.pod_labels."app.kubernetes.io/name"
if .app == null { .app = .kubernetes.pod_labels.app }
if .app == null { .app = .kubernetes.container_name }
`

// VictoriaLogs returns the values of the victoria-logs-single release: one VictoriaLogs
// server with the spec's retention, size and volume, and the chart's Vector agent shipping
// pod logs to it, or no agent when the collector is off.
func VictoriaLogs(stack *platformv1alpha1.ObservabilityStack) map[string]any {
	spec := stack.Spec.VictoriaLogs
	return map[string]any{
		"server": map[string]any{
			"fullnameOverride": victoriaLogsFullname(stack),
			"replicaCount":     int64(1),
			"retentionPeriod":  spec.Retention,
			"resources":        resourcesValue(spec.Resources),
			"persistentVolume": persistenceValue(spec.Storage, "storageClassName"),
		},
		"vector":     collectorValues(spec.Collector),
		"dashboards": map[string]any{"enabled": false},
	}
}

func collectorValues(collector platformv1alpha1.LogCollectorSpec) map[string]any {
	if !enabled(collector.Enabled) {
		return map[string]any{"enabled": false}
	}
	return map[string]any{
		"enabled":   true,
		"role":      "Agent",
		"resources": resourcesValue(collector.Resources),
		// The chart fills in the sink's endpoint (its VictoriaLogs service) and keeps its
		// own defaults for what is not set here.
		"customConfig": map[string]any{
			"data_dir": "/vector-data-dir",
			"api":      map[string]any{"enabled": false},
			"sources":  map[string]any{"k8s": map[string]any{"type": "kubernetes_logs"}},
			"transforms": map[string]any{"parser": map[string]any{
				"type":   "remap",
				"inputs": []any{"k8s"},
				"source": logRemap,
			}},
			"sinks": map[string]any{"vlogs": map[string]any{
				"type":        "elasticsearch",
				"inputs":      []any{"parser"},
				"mode":        "bulk",
				"api_version": "v8",
				"compression": "gzip",
				"healthcheck": map[string]any{"enabled": false},
				"request": map[string]any{"headers": map[string]any{
					"VL-Time-Field":    "timestamp",
					"VL-Stream-Fields": strings.Join(LogStreamFields, ","),
					"VL-Msg-Field":     "message,msg,_msg,log.msg,log.message,log",
					"VL-Ignore-Fields": "kubernetes.pod_labels.pod-template-hash",
				}},
			}},
		},
	}
}
