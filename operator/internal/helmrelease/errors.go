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

import "fmt"

// Reasons a release step fails, used as condition reasons and event reasons.
const (
	ReasonChartUnavailable = "ChartUnavailable"
	ReasonInstallFailed    = "InstallFailed"
	ReasonUpgradeFailed    = "UpgradeFailed"
	ReasonUninstallFailed  = "UninstallFailed"
	ReasonReleaseUnknown   = "ReleaseStateUnknown"
)

// StepError is a failed release step: which release, why (a Reason* constant) and the cause.
type StepError struct {
	Release string
	Reason  string
	Err     error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("release %s: %s: %v", e.Release, e.Reason, e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

func stepError(release, reason string, err error) *StepError {
	return &StepError{Release: release, Reason: reason, Err: err}
}
