"""OpenTelemetry traces, exported over OTLP/HTTP when an endpoint is configured."""

from collections.abc import Mapping

from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

SERVICE_NAME = "${{ values.name }}"


def traces_endpoint(environ: Mapping[str, str]) -> str | None:
    """The OTLP/HTTP traces URL the OTEL_EXPORTER_OTLP_* variables name, or None."""
    if environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        return environ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]
    if environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        return environ["OTEL_EXPORTER_OTLP_ENDPOINT"].rstrip("/") + "/v1/traces"
    return None


def new_tracer_provider(environ: Mapping[str, str]) -> TracerProvider:
    """The service's tracer provider.

    Spans always get trace and span ids, which the request logs carry; they are
    exported over OTLP/HTTP (protobuf) only when an endpoint is configured. Shut the
    provider down to flush the last spans (it does so itself when the process exits).
    """
    resource = Resource.create(
        {"service.name": environ.get("OTEL_SERVICE_NAME") or SERVICE_NAME}
    )
    provider = TracerProvider(resource=resource)
    endpoint = traces_endpoint(environ)
    if endpoint:
        provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint))
        )
    return provider
