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

package main

import (
	"flag"
	"reflect"
	"testing"
)

func TestAllowlistFlagsReplaceTheDefaultOnFirstUseAndThenAppend(t *testing.T) {
	repositories := []string{"https://default.example/charts"}
	oci := []string{"oci://default.example/charts/x"}
	flags := flag.NewFlagSet("manager", flag.ContinueOnError)
	flags.Var(newListFlag(&repositories), "allowed-chart-repositories", "")
	flags.Var(newListFlag(&oci), "allowed-chart-oci-references", "")
	err := flags.Parse([]string{
		"--allowed-chart-repositories=https://a.example/charts, https://b.example/charts",
		"--allowed-chart-repositories=https://c.example/charts",
		"--allowed-chart-oci-references=",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://a.example/charts", "https://b.example/charts", "https://c.example/charts"}
	if !reflect.DeepEqual(repositories, want) {
		t.Errorf("repositories = %v, want %v", repositories, want)
	}
	if len(oci) != 0 {
		t.Errorf("an empty value must empty the list, got %v", oci)
	}
}
