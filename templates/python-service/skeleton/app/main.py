"""The service: its routes, request metrics and request logs."""

import logging
import os
import time

from fastapi import FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse
from opentelemetry import trace
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    generate_latest,
)

from app.logging import new_logger
from app.telemetry import new_tracer_provider


def greeting(name: str) -> str:
    """The example route's message."""
    return f"Hello, {name}!"


def create_app(
    registry: CollectorRegistry | None = None,
    logger: logging.Logger | None = None,
    tracer_provider: TracerProvider | None = None,
) -> FastAPI:
    """The service's app: /healthz, /hello and /metrics.

    Without a tracer provider, spans are made but exported nowhere: request logs still
    carry trace ids.
    """
    registry = registry if registry is not None else CollectorRegistry()
    logger = logger if logger is not None else new_logger()
    tracer_provider = (
        tracer_provider if tracer_provider is not None else TracerProvider()
    )
    ProcessCollector(registry=registry)
    # The request metrics the platform's golden-signal queries read:
    # http_request_duration_seconds{code,method,route} (latency, traffic, errors).
    duration = Histogram(
        "http_request_duration_seconds",
        "Duration of HTTP requests in seconds.",
        ["code", "method", "route"],
        registry=registry,
    )
    requests = Counter(
        "http_requests",
        "HTTP requests served.",
        ["code", "method", "route"],
        registry=registry,
    )

    app = FastAPI(title="${{ values.name }}")

    @app.middleware("http")
    async def instrument(request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        if route is None or route.path == "/metrics":
            return response
        elapsed = time.perf_counter() - start
        labels = (str(response.status_code), request.method, route.path)
        duration.labels(*labels).observe(elapsed)
        requests.labels(*labels).inc()
        fields = {
            "method": request.method,
            "route": route.path,
            "status": response.status_code,
            "duration_ms": round(elapsed * 1000, 3),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            fields["trace_id"] = trace.format_trace_id(span.trace_id)
            fields["span_id"] = trace.format_span_id(span.span_id)
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(level, "request", extra=fields)
        return response

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/hello", response_model=None)
    def hello(name: str = Query(default="world")) -> dict[str, str] | JSONResponse:
        if len(name) > 64:
            return JSONResponse(
                status_code=400, content={"error": "name is longer than 64 characters"}
            )
        return {"message": greeting(name)}

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    # A server span per request, continuing the caller's W3C traceparent; it wraps the
    # middleware above, whose request log reads the span's ids. Its per-message ASGI
    # send/receive spans are left out.
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=tracer_provider,
        excluded_urls="/metrics",
        exclude_spans=["receive", "send"],
    )
    return app


app = create_app(tracer_provider=new_tracer_provider(os.environ))
