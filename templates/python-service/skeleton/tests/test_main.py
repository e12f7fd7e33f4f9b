import io
import json

from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry

from app.__main__ import listen_port
from app.logging import new_logger
from app.main import create_app, greeting


def client_and_logs():
    logs = io.StringIO()
    registry = CollectorRegistry()
    app = create_app(registry=registry, logger=new_logger("test", logs))
    return TestClient(app), registry, logs


def test_greeting():
    assert greeting("Ada") == "Hello, Ada!"


def test_health_and_hello_routes():
    client, _, _ = client_and_logs()
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/hello", params={"name": "Ada"}).json() == {
        "message": "Hello, Ada!"
    }
    assert client.get("/hello").json() == {"message": "Hello, world!"}
    too_long = client.get("/hello", params={"name": "x" * 65})
    assert too_long.status_code == 400


def test_request_metrics_carry_code_method_and_route():
    client, registry, _ = client_and_logs()
    client.get("/hello", params={"name": "Ada"})
    client.get("/hello", params={"name": "x" * 65})
    labels = {"method": "GET", "route": "/hello"}
    assert (
        registry.get_sample_value(
            "http_request_duration_seconds_count", {**labels, "code": "200"}
        )
        == 1
    )
    assert (
        registry.get_sample_value("http_requests_total", {**labels, "code": "400"}) == 1
    )
    metrics = client.get("/metrics").text
    assert 'http_request_duration_seconds_bucket{code="200"' in metrics


def test_request_logs_carry_the_ids_of_the_request_span():
    client, _, logs = client_and_logs()
    traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    client.get("/hello", headers={"traceparent": traceparent})
    entry = json.loads(logs.getvalue().splitlines()[-1])
    assert entry["msg"] == "request"
    assert entry["route"] == "/hello"
    assert entry["status"] == 200
    # The server span continues the caller's trace, as a child of the caller's span.
    assert entry["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert len(entry["span_id"]) == 16
    assert entry["span_id"] != "00f067aa0ba902b7"


def test_requests_without_a_valid_traceparent_start_their_own_trace():
    client, _, logs = client_and_logs()
    client.get("/healthz")
    client.get(
        "/healthz",
        headers={
            "traceparent": "00-" + "0" * 32 + "-00f067aa0ba902b7-01",
        },
    )
    fresh, malformed = (json.loads(line) for line in logs.getvalue().splitlines())
    for entry in (fresh, malformed):
        assert len(entry["trace_id"]) == 32
        assert entry["trace_id"] != "0" * 32
    assert fresh["trace_id"] != malformed["trace_id"]


def test_listen_port():
    assert listen_port({}) == 8080
    assert listen_port({"PORT": "9000"}) == 9000
