// Package telemetry sets up ${{ values.name }}'s OpenTelemetry traces.
package telemetry

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// ServiceName names the service in its spans unless $OTEL_SERVICE_NAME says otherwise.
const ServiceName = "${{ values.name }}"

// ExportConfigured tells whether an OTLP endpoint for traces is set
// ($OTEL_EXPORTER_OTLP_ENDPOINT or $OTEL_EXPORTER_OTLP_TRACES_ENDPOINT).
func ExportConfigured(getenv func(string) string) bool {
	return getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// NewTracerProvider returns the service's tracer provider. Spans always get trace and span ids,
// which the request logs carry; they are exported over OTLP/HTTP (protobuf) only when
// ExportConfigured, to the endpoint and with the headers of the standard OTEL_EXPORTER_OTLP_*
// variables. Shut it down to flush the last spans.
func NewTracerProvider(ctx context.Context, getenv func(string) string) (*sdktrace.TracerProvider, error) {
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", ServiceName)),
		resource.WithFromEnv(),
		resource.WithTelemetrySDK(),
	)
	if err != nil {
		return nil, err
	}
	options := []sdktrace.TracerProviderOption{sdktrace.WithResource(res)}
	if ExportConfigured(getenv) {
		exporter, err := otlptracehttp.New(ctx)
		if err != nil {
			return nil, err
		}
		options = append(options, sdktrace.WithBatcher(exporter))
	}
	return sdktrace.NewTracerProvider(options...), nil
}
