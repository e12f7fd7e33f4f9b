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
	"testing"

	platformv1alpha1 "github.com/catalyst-dev/catalyst/operator/api/v1alpha1"
)

func TestValuesHashIgnoresMapOrderButNotContent(t *testing.T) {
	source := platformv1alpha1.ChartSource{Path: "/charts/loki", Version: "1.0.0"}
	build := func(retention string) map[string]any {
		return map[string]any{
			"loki":         map[string]any{"limits_config": map[string]any{"retention_period": retention}, "auth_enabled": false},
			"singleBinary": map[string]any{"replicas": int64(1)},
		}
	}
	first, err := ValuesHash(source, build("7d"))
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 32 {
		t.Errorf("hash %q is not 32 hex digits", first)
	}
	for range 20 {
		if again, _ := ValuesHash(source, build("7d")); again != first {
			t.Fatalf("equal values hash differently: %s, %s", first, again)
		}
	}
	if other, _ := ValuesHash(source, build("14d")); other == first {
		t.Error("a changed value keeps the hash")
	}
	upgraded := source
	upgraded.Version = "1.0.1"
	if other, _ := ValuesHash(upgraded, build("7d")); other == first {
		t.Error("a changed chart version keeps the hash")
	}
}

func TestStepErrorKeepsItsReasonAndCause(t *testing.T) {
	cause := errTest("boom")
	err := stepError("main-loki", ReasonInstallFailed, cause)
	if err.Error() != "release main-loki: InstallFailed: boom" {
		t.Errorf("Error() = %q", err.Error())
	}
	if err.Unwrap() != cause {
		t.Error("the cause is lost")
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }
