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
	"path"
	"slices"
	"strings"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

// blackholeReceiver takes the alerts no receiver asked for.
const blackholeReceiver = "null"

// alertmanagerSecretsDir is where prometheus-operator mounts the Secrets listed in
// alertmanagerSpec.secrets, one directory per Secret.
const alertmanagerSecretsDir = "/etc/alertmanager/secrets"

func alertmanagerValues(stack *platformv1alpha1.ObservabilityStack) map[string]any {
	spec := stack.Spec.Alertmanager
	if !AlertmanagerEnabled(stack) {
		return map[string]any{"enabled": false}
	}
	alertmanagerSpec := map[string]any{
		"replicas":  int64(spec.Replicas),
		"resources": resourcesValue(spec.Resources),
	}
	if storage := volumeClaimTemplateValue(spec.Storage); storage != nil {
		alertmanagerSpec["storage"] = storage
	}
	if secrets := receiverSecrets(spec.Receivers); len(secrets) > 0 {
		alertmanagerSpec["secrets"] = secrets
	}
	return map[string]any{
		"enabled":          true,
		"config":           alertmanagerConfig(spec.Receivers),
		"alertmanagerSpec": alertmanagerSpec,
	}
}

// alertmanagerConfig routes every alert to each receiver whose severities match it; alerts no
// receiver takes end in the blackhole receiver.
func alertmanagerConfig(receivers []platformv1alpha1.AlertReceiver) map[string]any {
	routes := make([]any, 0, len(receivers))
	configs := []any{map[string]any{"name": blackholeReceiver}}
	for _, receiver := range receivers {
		route := map[string]any{"receiver": receiver.Name, "continue": true}
		if len(receiver.Severities) > 0 {
			severities := make([]string, 0, len(receiver.Severities))
			for _, severity := range receiver.Severities {
				severities = append(severities, string(severity))
			}
			slices.Sort(severities)
			route["matchers"] = []any{`severity=~"` + strings.Join(severities, "|") + `"`}
		}
		routes = append(routes, route)
		configs = append(configs, receiverConfig(receiver))
	}
	return map[string]any{
		"route": map[string]any{
			"receiver":        blackholeReceiver,
			"group_by":        []any{"namespace", "alertname"},
			"group_wait":      "30s",
			"group_interval":  "5m",
			"repeat_interval": "12h",
			"routes":          routes,
		},
		"receivers": configs,
	}
}

func receiverConfig(receiver platformv1alpha1.AlertReceiver) map[string]any {
	config := map[string]any{"name": receiver.Name}
	switch {
	case receiver.Catalyst != nil:
		config["webhook_configs"] = []any{map[string]any{
			"url":           strings.TrimRight(receiver.Catalyst.URL, "/") + platformv1alpha1.CatalystWebhookPath,
			"send_resolved": true,
			"http_config":   bearerFromFile(receiver.Catalyst.WebhookSecret),
		}}
	case receiver.Slack != nil:
		config["slack_configs"] = []any{map[string]any{
			"channel": receiver.Slack.Channel,
			// A file reference keeps the webhook URL out of the Helm release.
			"api_url_file":  mountedSecretFile(receiver.Slack.APIURLSecret),
			"send_resolved": true,
		}}
	case receiver.Email != nil:
		config["email_configs"] = []any{map[string]any{
			"to":            receiver.Email.To,
			"from":          receiver.Email.From,
			"smarthost":     receiver.Email.Smarthost,
			"require_tls":   enabled(receiver.Email.RequireTLS),
			"send_resolved": true,
		}}
	case receiver.Webhook != nil:
		webhook := map[string]any{
			"url":           receiver.Webhook.URL,
			"send_resolved": enabled(receiver.Webhook.SendResolved),
		}
		if receiver.Webhook.BearerTokenSecret != nil {
			webhook["http_config"] = bearerFromFile(*receiver.Webhook.BearerTokenSecret)
		}
		config["webhook_configs"] = []any{webhook}
	}
	return config
}

// bearerFromFile makes Alertmanager send the Secret's value as a bearer token. The Secret is
// mounted through alertmanagerSpec.secrets and read with credentials_file, so the token is
// in neither the Helm values nor the generated Alertmanager configuration.
func bearerFromFile(secret platformv1alpha1.SecretKeyReference) map[string]any {
	return map[string]any{"authorization": map[string]any{
		"type":             "Bearer",
		"credentials_file": mountedSecretFile(secret),
	}}
}

// mountedSecretFile is where prometheus-operator mounts one key of a listed Secret.
func mountedSecretFile(secret platformv1alpha1.SecretKeyReference) string {
	return path.Join(alertmanagerSecretsDir, secret.Name, secret.Key)
}

// receiverSecrets are the Secrets Alertmanager must mount, each once, in a stable order.
func receiverSecrets(receivers []platformv1alpha1.AlertReceiver) []any {
	var names []string
	for _, receiver := range receivers {
		switch {
		case receiver.Catalyst != nil:
			names = append(names, receiver.Catalyst.WebhookSecret.Name)
		case receiver.Slack != nil:
			names = append(names, receiver.Slack.APIURLSecret.Name)
		case receiver.Webhook != nil && receiver.Webhook.BearerTokenSecret != nil:
			names = append(names, receiver.Webhook.BearerTokenSecret.Name)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	secrets := make([]any, 0, len(names))
	for _, name := range names {
		secrets = append(secrets, name)
	}
	return secrets
}
