import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from prometheus_client import CollectorRegistry

from app.logging import new_logger
from app.main import create_app
from app.telemetry import new_tracer_provider, traces_endpoint


@pytest.fixture
def otlp_receiver():
    """A minimal OTLP/HTTP trace receiver on 127.0.0.1: decodes each protobuf export."""
    requests: list[ExportTraceServiceRequest] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path != "/v1/traces":
                self.send_error(404)
                return
            requests.append(ExportTraceServiceRequest.FromString(body))
            out = ExportTraceServiceResponse().SerializeToString()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def test_request_span_is_exported_with_the_trace_id_of_its_log_line(otlp_receiver):
    endpoint, received = otlp_receiver
    provider = new_tracer_provider({"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint})
    logs = io.StringIO()
    app = create_app(
        registry=CollectorRegistry(),
        logger=new_logger("telemetry-test", logs),
        tracer_provider=provider,
    )
    TestClient(app).get("/hello", params={"name": "Ada"})
    # Shutting down flushes the batched span to the receiver.
    provider.shutdown()

    entry = json.loads(logs.getvalue().splitlines()[-1])
    spans = [
        span
        for request in received
        for resource_spans in request.resource_spans
        for scope_spans in resource_spans.scope_spans
        for span in scope_spans.spans
    ]
    assert [(span.trace_id.hex(), span.span_id.hex()) for span in spans] == [
        (entry["trace_id"], entry["span_id"])
    ]
    assert spans[0].name == "GET /hello"
    service = {
        attribute.key: attribute.value.string_value
        for attribute in received[0].resource_spans[0].resource.attributes
    }
    assert service["service.name"] == "${{ values.name }}"


def test_traces_endpoint_follows_the_otlp_variables():
    assert traces_endpoint({}) is None
    assert (
        traces_endpoint({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318/"})
        == "http://127.0.0.1:4318/v1/traces"
    )
    assert (
        traces_endpoint(
            {
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:9999/traces",
            }
        )
        == "http://127.0.0.1:9999/traces"
    )
