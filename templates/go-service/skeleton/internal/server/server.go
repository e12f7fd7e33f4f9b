// Package server is the HTTP API of ${{ values.name }}: its routes, request metrics and logs.
package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// metrics are the request metrics the platform's golden-signal queries read:
// http_request_duration_seconds{code,method,route} (latency, traffic, errors).
type metrics struct {
	duration *prometheus.HistogramVec
	requests *prometheus.CounterVec
}

func newMetrics(registry *prometheus.Registry) *metrics {
	m := &metrics{
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "Duration of HTTP requests in seconds.",
			Buckets: prometheus.DefBuckets,
		}, []string{"code", "method", "route"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests served.",
		}, []string{"code", "method", "route"}),
	}
	registry.MustRegister(
		m.duration,
		m.requests,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// New returns the service's handler: /healthz, /hello and /metrics. A nil registry gets a new
// one; a nil tracer provider one that exports nothing (request logs still carry trace ids).
func New(logger *slog.Logger, registry *prometheus.Registry, tracerProvider trace.TracerProvider) http.Handler {
	if registry == nil {
		registry = prometheus.NewRegistry()
	}
	if tracerProvider == nil {
		tracerProvider = sdktrace.NewTracerProvider()
	}
	m := newMetrics(registry)
	mux := http.NewServeMux()
	// A server span per request, continuing the caller's W3C traceparent when it sends one.
	route := func(pattern, name string, h http.HandlerFunc) {
		mux.Handle(pattern, otelhttp.NewHandler(instrument(logger, m, name, h), pattern,
			otelhttp.WithTracerProvider(tracerProvider),
			otelhttp.WithPropagators(propagation.TraceContext{}),
		))
	}
	route("GET /healthz", "/healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	route("GET /hello", "/hello", func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("name")
		if name == "" {
			name = "world"
		}
		if len(name) > 64 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "name is longer than 64 characters"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"message": Greeting(name)})
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	return mux
}

// Greeting is the example route's message.
func Greeting(name string) string {
	return "Hello, " + name + "!"
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// instrument records each request's duration and status and logs it with the ids of its span.
func instrument(logger *slog.Logger, m *metrics, route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		elapsed := time.Since(start)
		code := strconv.Itoa(rec.status)
		m.duration.WithLabelValues(code, r.Method, route).Observe(elapsed.Seconds())
		m.requests.WithLabelValues(code, r.Method, route).Inc()
		attrs := []any{
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", rec.status),
			slog.Float64("duration_seconds", elapsed.Seconds()),
		}
		if span := trace.SpanContextFromContext(r.Context()); span.IsValid() {
			attrs = append(attrs, slog.String("trace_id", span.TraceID().String()), slog.String("span_id", span.SpanID().String()))
		}
		logger.InfoContext(r.Context(), "request", attrs...)
	})
}
