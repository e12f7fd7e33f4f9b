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

import "strings"

// listFlag is a comma-separated, repeatable flag. The first use replaces the default list, so
// an admin can narrow the allowlist as well as widen it; an empty value empties it.
type listFlag struct {
	values *[]string
	// given is set by the first use, after which values are appended.
	given *bool
}

func newListFlag(values *[]string) listFlag { return listFlag{values: values, given: new(bool)} }

func (f listFlag) String() string {
	if f.values == nil {
		return ""
	}
	return strings.Join(*f.values, ",")
}

func (f listFlag) Set(value string) error {
	if !*f.given {
		*f.values = nil
		*f.given = true
	}
	for _, item := range strings.Split(value, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		*f.values = append(*f.values, item)
	}
	return nil
}
