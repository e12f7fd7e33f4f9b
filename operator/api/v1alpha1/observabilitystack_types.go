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

package v1alpha1

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Condition types reported in ObservabilityStackStatus.Conditions.
const (
	// ConditionReady is True when every enabled release is deployed and the rules are applied.
	ConditionReady = "Ready"
	// ConditionProgressing is True while a Helm install, upgrade or uninstall is under way.
	ConditionProgressing = "Progressing"
	// ConditionDegraded is True when the last reconcile failed; its reason says which step.
	ConditionDegraded = "Degraded"
)

// ObservabilityStackFinalizer lets the controller uninstall the Helm releases and delete the
// PrometheusRules before the resource goes away.
const ObservabilityStackFinalizer = "platform.catalyst.dev/observabilitystack"

// ObservabilityStackSpec is the wanted Prometheus, Alertmanager and VictoriaLogs installation
// and the golden-signal alerts that come with it.
type ObservabilityStackSpec struct {
	// Enabled false uninstalls the releases and deletes the rules but keeps this resource.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// Prometheus configures the kube-prometheus-stack release (Prometheus and its operator).
	// +kubebuilder:default={}
	// +optional
	Prometheus PrometheusSpec `json:"prometheus,omitzero"`

	// Alertmanager configures the Alertmanager of the kube-prometheus-stack release.
	// +kubebuilder:default={}
	// +optional
	Alertmanager AlertmanagerSpec `json:"alertmanager,omitzero"`

	// VictoriaLogs configures the log store (the victoria-logs-single chart) and its collector,
	// which ships every pod's logs to it.
	// +kubebuilder:default={}
	// +optional
	VictoriaLogs VictoriaLogsSpec `json:"victoriaLogs,omitzero"`

	// Loki is an opt-in alternative log store, off by default. Loki is AGPL-3.0 and is not run
	// in this project's tests; its chart source must also be in the operator's allowlist.
	// +kubebuilder:default={}
	// +optional
	Loki LokiSpec `json:"loki,omitzero"`

	// GoldenSignalAlerts configures the PrometheusRules rendered for the target namespaces.
	// +kubebuilder:default={}
	// +optional
	GoldenSignalAlerts GoldenSignalAlertsSpec `json:"goldenSignalAlerts,omitzero"`
}

// ChartSource says where a Helm chart comes from: exactly one of a chart repository, an OCI
// reference or a path on the operator's filesystem. The operator installs only sources its
// allowlist names (--allowed-chart-repositories, --allowed-chart-oci-references,
// --allowed-chart-paths); any other is refused with the reason ChartSourceNotAllowed.
// +kubebuilder:validation:XValidation:rule="[has(self.repository), has(self.oci), has(self.path)].filter(x, x).size() == 1",message="set exactly one of repository, oci or path"
// +kubebuilder:validation:XValidation:rule="!has(self.repository) || has(self.name)",message="name is required with repository"
type ChartSource struct {
	// Repository is the URL of a classic Helm chart repository (the one holding index.yaml).
	// +kubebuilder:validation:Pattern=`^https?://[^\s]+$`
	// +kubebuilder:validation:MaxLength=512
	// +optional
	Repository string `json:"repository,omitempty"`

	// OCI is an OCI chart reference without its tag, e.g. oci://registry.example/charts/loki.
	// +kubebuilder:validation:Pattern=`^oci://[^\s:]+(:[0-9]+)?(/[^\s:@]+)+$`
	// +kubebuilder:validation:MaxLength=512
	// +optional
	OCI string `json:"oci,omitempty"`

	// Path is a chart directory or .tgz archive on the operator's filesystem, for air-gapped
	// clusters that bake charts into the operator image.
	// +kubebuilder:validation:Pattern=`^/[^\s]*$`
	// +kubebuilder:validation:MaxLength=512
	// +optional
	Path string `json:"path,omitempty"`

	// Name is the chart's name in the repository.
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	// +kubebuilder:validation:MaxLength=63
	// +optional
	Name string `json:"name,omitempty"`

	// Version is the exact chart version to install. For a path it must match the chart's
	// Chart.yaml, so a changed chart on disk is never installed by surprise.
	// +kubebuilder:validation:Pattern=`^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`
	// +required
	Version string `json:"version"`
}

// StorageSpec asks for a PersistentVolumeClaim.
type StorageSpec struct {
	// Size of the volume. Without it the component keeps its data in an emptyDir and loses it
	// when the pod restarts.
	// +optional
	Size *resource.Quantity `json:"size,omitempty"`

	// StorageClassName of the volume; empty uses the cluster's default class.
	// +kubebuilder:validation:MaxLength=253
	// +optional
	StorageClassName string `json:"storageClassName,omitempty"`
}

// PrometheusComponents are the parts of kube-prometheus-stack that cost CPU and memory and are
// not needed for golden signals. All are off unless asked for.
type PrometheusComponents struct {
	// Grafana installs Grafana. Catalyst's portal shows the dashboards it needs itself.
	// +optional
	Grafana bool `json:"grafana,omitempty"`

	// NodeExporter runs a node-exporter DaemonSet on every node.
	// +optional
	NodeExporter bool `json:"nodeExporter,omitempty"`

	// KubeStateMetrics installs kube-state-metrics.
	// +optional
	KubeStateMetrics bool `json:"kubeStateMetrics,omitempty"`

	// DefaultRules installs the chart's several hundred default recording and alerting rules.
	// +optional
	DefaultRules bool `json:"defaultRules,omitempty"`

	// ControlPlaneMonitors scrapes the API server, scheduler, controller manager, etcd, CoreDNS
	// and kube-proxy (often unreachable on managed clusters).
	// +optional
	ControlPlaneMonitors bool `json:"controlPlaneMonitors,omitempty"`
}

// Duration is a Prometheus duration such as 30s, 15d or 1h30m.
// +kubebuilder:validation:Pattern=`^([0-9]+(ms|s|m|h|d|w|y))+$`
// +kubebuilder:validation:MaxLength=32
type Duration string

// PrometheusSpec configures the kube-prometheus-stack release.
type PrometheusSpec struct {
	// Chart is the kube-prometheus-stack chart to install.
	// +kubebuilder:default={repository:"https://prometheus-community.github.io/helm-charts",name:"kube-prometheus-stack",version:"88.6.1"}
	// +optional
	Chart ChartSource `json:"chart,omitzero"`

	// Retention is how long samples are kept.
	// +kubebuilder:default="15d"
	// +optional
	Retention Duration `json:"retention,omitempty"`

	// RetentionSize caps the size of the TSDB blocks; keep it below the volume size.
	// +kubebuilder:validation:Pattern=`^[0-9]+(B|KB|MB|GB|TB|PB|EB)$`
	// +optional
	RetentionSize string `json:"retentionSize,omitempty"`

	// ScrapeInterval is how often targets are scraped.
	// +kubebuilder:default="30s"
	// +optional
	ScrapeInterval Duration `json:"scrapeInterval,omitempty"`

	// Replicas of Prometheus; each replica scrapes every target.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=5
	// +kubebuilder:default=1
	// +optional
	Replicas int32 `json:"replicas,omitempty"`

	// Resources of the Prometheus container. A memory limit is required.
	// +kubebuilder:validation:XValidation:rule="has(self.limits) && 'memory' in self.limits",message="limits.memory is required: without it Prometheus can exhaust its node"
	// +kubebuilder:default={requests:{cpu:"250m",memory:"1Gi"},limits:{memory:"2Gi"}}
	// +optional
	Resources corev1.ResourceRequirements `json:"resources,omitzero"`

	// Storage of the time-series database.
	// +kubebuilder:default={size:"20Gi"}
	// +optional
	Storage StorageSpec `json:"storage,omitzero"`

	// Components switches on optional parts of kube-prometheus-stack.
	// +optional
	Components PrometheusComponents `json:"components,omitzero"`
}

// AlertmanagerSpec configures the Alertmanager that kube-prometheus-stack runs.
type AlertmanagerSpec struct {
	// Enabled runs Alertmanager.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// Replicas of Alertmanager; more than one form a gossip cluster.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=5
	// +kubebuilder:default=1
	// +optional
	Replicas int32 `json:"replicas,omitempty"`

	// Resources of the Alertmanager container. A memory limit is required.
	// +kubebuilder:validation:XValidation:rule="has(self.limits) && 'memory' in self.limits",message="limits.memory is required: without it Alertmanager can exhaust its node"
	// +kubebuilder:default={requests:{cpu:"10m",memory:"64Mi"},limits:{memory:"128Mi"}}
	// +optional
	Resources corev1.ResourceRequirements `json:"resources,omitzero"`

	// Storage of silences and notification state.
	// +optional
	Storage StorageSpec `json:"storage,omitzero"`

	// Receivers get every alert whose severity they accept.
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=32
	// +optional
	Receivers []AlertReceiver `json:"receivers,omitempty"`
}

// Severity of an alert, as set in the severity label of the golden-signal rules.
// +kubebuilder:validation:Enum=critical;warning;info
type Severity string

// AlertReceiver is one destination for alerts: exactly one of catalyst, slack, email or webhook.
// +kubebuilder:validation:XValidation:rule="[has(self.catalyst), has(self.slack), has(self.email), has(self.webhook)].filter(x, x).size() == 1",message="set exactly one of catalyst, slack, email or webhook"
type AlertReceiver struct {
	// Name of the receiver in the Alertmanager configuration.
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:XValidation:rule="self != 'null'",message="null is reserved for the receiver that drops unrouted alerts"
	// +required
	Name string `json:"name"`

	// Severities routed to this receiver; empty means every alert.
	// +listType=set
	// +optional
	Severities []Severity `json:"severities,omitempty"`

	// Catalyst posts to Catalyst's alert intake with its bearer secret.
	// +optional
	Catalyst *CatalystReceiver `json:"catalyst,omitempty"`

	// Slack posts to a channel through an incoming webhook.
	// +optional
	Slack *SlackReceiver `json:"slack,omitempty"`

	// Email sends through an SMTP relay.
	// +optional
	Email *EmailReceiver `json:"email,omitempty"`

	// Webhook posts Alertmanager's JSON payload, e.g. to Catalyst's alert intake.
	// +optional
	Webhook *WebhookReceiver `json:"webhook,omitempty"`
}

// SecretKeyReference names one key of a Secret in the stack's namespace.
type SecretKeyReference struct {
	// Name of the Secret.
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`
	// +kubebuilder:validation:MaxLength=253
	// +required
	Name string `json:"name"`

	// Key in the Secret's data.
	// +kubebuilder:validation:Pattern=`^[-._a-zA-Z0-9]+$`
	// +kubebuilder:validation:MaxLength=253
	// +required
	Key string `json:"key"`
}

// CatalystWebhookPath is the route of Catalyst's Alertmanager intake below the backend's base
// URL (the observability backend plugin's POST /webhooks/alertmanager).
const CatalystWebhookPath = "/api/observability/webhooks/alertmanager"

// CatalystReceiver sends every alert it accepts to Catalyst's observability backend, which
// keeps the alert history behind the incident view.
type CatalystReceiver struct {
	// URL is the base URL of Catalyst's backend, e.g. http://catalyst-backend.catalyst.svc:7007;
	// the operator appends /api/observability/webhooks/alertmanager.
	// +kubebuilder:validation:Pattern=`^https?://[^\s?#]+$`
	// +kubebuilder:validation:MaxLength=2048
	// +required
	URL string `json:"url"`

	// WebhookSecret holds the bearer token the backend expects
	// (observability.alertmanager.webhookSecret). The Secret is mounted into Alertmanager and
	// read through credentials_file, so the token never appears in the Helm values.
	// +required
	WebhookSecret SecretKeyReference `json:"webhookSecret"`
}

// SlackReceiver posts alerts to a Slack channel.
type SlackReceiver struct {
	// Channel to post to, e.g. #alerts.
	// +kubebuilder:validation:Pattern=`^[#@]?[a-z0-9._-]{1,80}$`
	// +required
	Channel string `json:"channel"`

	// APIURLSecret holds the incoming-webhook URL. The Secret is mounted into Alertmanager,
	// so the URL never appears in the Helm values.
	// +required
	APIURLSecret SecretKeyReference `json:"apiURLSecret"`
}

// EmailReceiver sends alerts through an SMTP relay that needs no authentication.
type EmailReceiver struct {
	// To is the recipient address.
	// +kubebuilder:validation:Pattern=`^[^@\s]+@[^@\s]+$`
	// +required
	To string `json:"to"`

	// From is the sender address.
	// +kubebuilder:validation:Pattern=`^[^@\s]+@[^@\s]+$`
	// +required
	From string `json:"from"`

	// Smarthost is the relay as host:port.
	// +kubebuilder:validation:Pattern=`^[^:\s]+:[0-9]{1,5}$`
	// +required
	Smarthost string `json:"smarthost"`

	// RequireTLS refuses to send without STARTTLS.
	// +kubebuilder:default=true
	// +optional
	RequireTLS *bool `json:"requireTLS,omitempty"`
}

// WebhookReceiver posts alerts to an HTTP endpoint.
type WebhookReceiver struct {
	// URL to post to.
	// +kubebuilder:validation:Pattern=`^https?://[^\s]+$`
	// +kubebuilder:validation:MaxLength=2048
	// +required
	URL string `json:"url"`

	// SendResolved also posts when an alert resolves.
	// +kubebuilder:default=true
	// +optional
	SendResolved *bool `json:"sendResolved,omitempty"`

	// BearerTokenSecret, when set, holds a token sent as Authorization: Bearer. Like the Slack
	// URL, it is mounted into Alertmanager and never appears in the Helm values.
	// +optional
	BearerTokenSecret *SecretKeyReference `json:"bearerTokenSecret,omitempty"`
}

// VictoriaLogsSpec configures the victoria-logs-single release: one VictoriaLogs server and a
// log collector (the chart's Vector agent, a DaemonSet) that ships every pod's logs with
// namespace, pod, container and app as stream fields.
type VictoriaLogsSpec struct {
	// Enabled installs VictoriaLogs.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// Chart is the victoria-logs-single chart to install.
	// +kubebuilder:default={repository:"https://victoriametrics.github.io/helm-charts",name:"victoria-logs-single",version:"0.13.9"}
	// +optional
	Chart ChartSource `json:"chart,omitzero"`

	// Retention is how long log entries are kept (VictoriaLogs' -retentionPeriod in days,
	// weeks or years: its minimum is one day).
	// +kubebuilder:validation:Pattern=`^[0-9]+(d|w|y)$`
	// +kubebuilder:validation:MaxLength=16
	// +kubebuilder:default="7d"
	// +optional
	Retention string `json:"retention,omitempty"`

	// Resources of the VictoriaLogs container. A memory limit is required.
	// +kubebuilder:validation:XValidation:rule="has(self.limits) && 'memory' in self.limits",message="limits.memory is required: without it VictoriaLogs can exhaust its node"
	// +kubebuilder:default={requests:{cpu:"100m",memory:"256Mi"},limits:{memory:"1Gi"}}
	// +optional
	Resources corev1.ResourceRequirements `json:"resources,omitzero"`

	// Storage of the log data.
	// +kubebuilder:default={size:"10Gi"}
	// +optional
	Storage StorageSpec `json:"storage,omitzero"`

	// Collector configures the log collector that runs on every node.
	// +kubebuilder:default={}
	// +optional
	Collector LogCollectorSpec `json:"collector,omitzero"`
}

// LogCollectorSpec configures the chart's Vector agent.
type LogCollectorSpec struct {
	// Enabled runs the collector. Without it VictoriaLogs only holds what is sent to it.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// Resources of each collector pod. A memory limit is required.
	// +kubebuilder:validation:XValidation:rule="has(self.limits) && 'memory' in self.limits",message="limits.memory is required: without it the collector can exhaust its node"
	// +kubebuilder:default={requests:{cpu:"50m",memory:"64Mi"},limits:{memory:"256Mi"}}
	// +optional
	Resources corev1.ResourceRequirements `json:"resources,omitzero"`
}

// LokiSpec configures the opt-in Loki release.
type LokiSpec struct {
	// Enabled installs Loki. Off by default: VictoriaLogs is the log store Catalyst ships.
	// +kubebuilder:default=false
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// Chart is the Loki chart to install.
	// +kubebuilder:default={repository:"https://grafana.github.io/helm-charts",name:"loki",version:"6.30.1"}
	// +optional
	Chart ChartSource `json:"chart,omitzero"`

	// Retention is how long log chunks are kept before the compactor deletes them.
	// +kubebuilder:default="7d"
	// +optional
	Retention Duration `json:"retention,omitempty"`

	// Replicas of the single-binary Loki. Filesystem storage cannot be shared between
	// replicas, so the limit is one until object storage is supported.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=1
	// +kubebuilder:default=1
	// +optional
	Replicas int32 `json:"replicas,omitempty"`

	// Resources of the Loki container. A memory limit is required.
	// +kubebuilder:validation:XValidation:rule="has(self.limits) && 'memory' in self.limits",message="limits.memory is required: without it Loki can exhaust its node"
	// +kubebuilder:default={requests:{cpu:"100m",memory:"256Mi"},limits:{memory:"1Gi"}}
	// +optional
	Resources corev1.ResourceRequirements `json:"resources,omitzero"`

	// Storage of chunks and index.
	// +kubebuilder:default={size:"10Gi"}
	// +optional
	Storage StorageSpec `json:"storage,omitzero"`
}

// NamespaceName is the name of a Kubernetes namespace.
// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
// +kubebuilder:validation:MaxLength=63
type NamespaceName string

// GoldenSignalAlertsSpec configures the latency, error and traffic alerts rendered as one
// PrometheusRule per target namespace.
type GoldenSignalAlertsSpec struct {
	// Enabled renders the rules.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// LatencyThresholdMs fires the latency alert when the latency percentile exceeds it.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=600000
	// +kubebuilder:default=500
	// +optional
	LatencyThresholdMs int32 `json:"latencyThresholdMs,omitempty"`

	// LatencyPercentile is the percentile compared with LatencyThresholdMs.
	// +kubebuilder:validation:Enum=50;90;95;99
	// +kubebuilder:default=99
	// +optional
	LatencyPercentile int32 `json:"latencyPercentile,omitempty"`

	// ErrorRatePercent fires the error alert when the share of 5xx responses exceeds it,
	// a decimal such as "1" or "0.5".
	// +kubebuilder:validation:Pattern=`^[0-9]{1,3}(\.[0-9]{1,3})?$`
	// +kubebuilder:validation:XValidation:rule="double(self) > 0.0 && double(self) <= 100.0",message="errorRatePercent must be above 0 and at most 100"
	// +kubebuilder:default="1"
	// +optional
	ErrorRatePercent string `json:"errorRatePercent,omitempty"`

	// TrafficAnomalyEnabled adds an alert for request rates more than three standard
	// deviations away from their one-day average.
	// +kubebuilder:default=true
	// +optional
	TrafficAnomalyEnabled *bool `json:"trafficAnomalyEnabled,omitempty"`

	// SaturationEnabled adds alerts for containers using more than SaturationPercent of
	// their CPU or memory limit (cAdvisor's usage against the container's limit).
	// +kubebuilder:default=true
	// +optional
	SaturationEnabled *bool `json:"saturationEnabled,omitempty"`

	// SaturationPercent is the share of a container's CPU or memory limit above which the
	// saturation alerts fire.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	// +kubebuilder:default=90
	// +optional
	SaturationPercent int32 `json:"saturationPercent,omitempty"`

	// For is how long a condition must hold before its alert fires.
	// +kubebuilder:default="5m"
	// +optional
	For Duration `json:"for,omitempty"`

	// Namespaces whose workloads the rules cover. With neither namespaces nor
	// namespaceSelector, the stack's own namespace is covered.
	// +listType=set
	// +kubebuilder:validation:MaxItems=200
	// +optional
	Namespaces []NamespaceName `json:"namespaces,omitempty"`

	// NamespaceSelector adds every namespace whose labels match. It needs the operator to be
	// allowed to list namespaces.
	// +optional
	NamespaceSelector *metav1.LabelSelector `json:"namespaceSelector,omitempty"`

	// Metrics names the HTTP server metrics the rules query.
	// +kubebuilder:default={}
	// +optional
	Metrics GoldenSignalMetrics `json:"metrics,omitzero"`
}

// MetricName is a Prometheus metric name.
// +kubebuilder:validation:Pattern=`^[a-zA-Z_:][a-zA-Z0-9_:]*$`
// +kubebuilder:validation:MaxLength=200
type MetricName string

// GoldenSignalMetrics names the metrics of the instrumented workloads.
type GoldenSignalMetrics struct {
	// RequestsTotal is a counter of requests carrying a status code label.
	// +kubebuilder:default="http_requests_total"
	// +optional
	RequestsTotal MetricName `json:"requestsTotal,omitempty"`

	// RequestDurationBucket is the bucket series of a request duration histogram in seconds.
	// +kubebuilder:default="http_request_duration_seconds_bucket"
	// +optional
	RequestDurationBucket MetricName `json:"requestDurationBucket,omitempty"`

	// StatusCodeLabel is the label holding the HTTP status code.
	// +kubebuilder:validation:Pattern=`^[a-zA-Z_][a-zA-Z0-9_]*$`
	// +kubebuilder:default="code"
	// +optional
	StatusCodeLabel string `json:"statusCodeLabel,omitempty"`
}

// ReleaseStatus describes one Helm release as last installed or upgraded.
type ReleaseStatus struct {
	// ReleaseName is the Helm release's name in the stack's namespace.
	ReleaseName string `json:"releaseName"`

	// Chart is the installed chart's name.
	// +optional
	Chart string `json:"chart,omitempty"`

	// ChartVersion is the installed chart's version.
	// +optional
	ChartVersion string `json:"chartVersion,omitempty"`

	// AppVersion is the application version the chart declares.
	// +optional
	AppVersion string `json:"appVersion,omitempty"`

	// Revision is the Helm release revision.
	// +optional
	Revision int32 `json:"revision,omitempty"`

	// Status is Helm's status of that revision (deployed, failed, ...).
	// +optional
	Status string `json:"status,omitempty"`

	// ValuesHash fingerprints the chart source and values the revision was made from; the
	// controller skips the upgrade while it is unchanged.
	// +optional
	ValuesHash string `json:"valuesHash,omitempty"`
}

// RulesStatus lists the golden-signal PrometheusRules in place.
type RulesStatus struct {
	// Namespaces covered by the rules.
	// +listType=set
	// +optional
	Namespaces []string `json:"namespaces,omitempty"`

	// PrometheusRules are the names of the rule objects in the stack's namespace.
	// +listType=set
	// +optional
	PrometheusRules []string `json:"prometheusRules,omitempty"`
}

// ObservabilityStackStatus is what the controller last observed.
type ObservabilityStackStatus struct {
	// ObservedGeneration is the generation the status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// Conditions are Ready, Progressing and Degraded.
	// +listType=map
	// +listMapKey=type
	// +patchStrategy=merge
	// +patchMergeKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`

	// Prometheus is the kube-prometheus-stack release.
	// +optional
	Prometheus *ReleaseStatus `json:"prometheus,omitempty"`

	// VictoriaLogs is the victoria-logs-single release.
	// +optional
	VictoriaLogs *ReleaseStatus `json:"victoriaLogs,omitempty"`

	// Loki is the opt-in Loki release.
	// +optional
	Loki *ReleaseStatus `json:"loki,omitempty"`

	// GoldenSignalRules are the rendered PrometheusRules.
	// +optional
	GoldenSignalRules *RulesStatus `json:"goldenSignalRules,omitempty"`

	// Endpoints are the in-cluster URLs of the installed services, for clients such as
	// Catalyst's observability backend.
	// +optional
	Endpoints *EndpointsStatus `json:"endpoints,omitempty"`
}

// EndpointsStatus holds in-cluster base URLs; empty when the component is not installed.
type EndpointsStatus struct {
	// Prometheus is the base URL of the Prometheus HTTP API.
	// +optional
	Prometheus string `json:"prometheus,omitempty"`

	// Alertmanager is the base URL of the Alertmanager HTTP API.
	// +optional
	Alertmanager string `json:"alertmanager,omitempty"`

	// VictoriaLogs is the base URL of the VictoriaLogs HTTP API (LogsQL queries).
	// +optional
	VictoriaLogs string `json:"victoriaLogs,omitempty"`

	// Loki is the base URL of the Loki HTTP API, when the opt-in Loki is installed.
	// +optional
	Loki string `json:"loki,omitempty"`
}

// ObservabilityStack installs Prometheus, Alertmanager and VictoriaLogs with Helm in its namespace and
// renders golden-signal alerts for the namespaces it watches.
//
// It is namespaced: the Helm releases, their storage Secrets and the PrometheusRules all live
// in one namespace, so the resource sits beside them, can own the rules, lets a platform run
// one stack per tenant namespace, and can be granted with namespaced RBAC.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=obs,categories=catalyst
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Prometheus",type=string,JSONPath=`.status.prometheus.chartVersion`,description="kube-prometheus-stack chart version"
// +kubebuilder:printcolumn:name="Logs",type=string,JSONPath=`.status.victoriaLogs.chartVersion`,description="victoria-logs-single chart version"
// +kubebuilder:printcolumn:name="Loki",type=string,JSONPath=`.status.loki.chartVersion`,description="Loki chart version (opt-in)",priority=1
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 26",message="metadata.name may be at most 26 characters: kube-prometheus-stack cuts longer names"
type ObservabilityStack struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +kubebuilder:default={}
	// +optional
	Spec ObservabilityStackSpec `json:"spec,omitzero"`

	// +optional
	Status ObservabilityStackStatus `json:"status,omitzero"`
}

// ObservabilityStackList is a list of ObservabilityStack.
// +kubebuilder:object:root=true
type ObservabilityStackList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ObservabilityStack `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ObservabilityStack{}, &ObservabilityStackList{})
}
