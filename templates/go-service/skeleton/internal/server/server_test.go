package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func newTestServer(t *testing.T) (*httptest.Server, *prometheus.Registry, *bytes.Buffer) {
	t.Helper()
	logs := &bytes.Buffer{}
	registry := prometheus.NewRegistry()
	srv := httptest.NewServer(New(NewLogger(logs), registry, nil))
	t.Cleanup(srv.Close)
	return srv, registry, logs
}

func get(t *testing.T, url string, header http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(body)
}

func TestHealthz(t *testing.T) {
	srv, _, _ := newTestServer(t)
	status, body := get(t, srv.URL+"/healthz", nil)
	if status != http.StatusOK || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Fatalf("GET /healthz = %d %s", status, body)
	}
}

func TestHello(t *testing.T) {
	srv, _, _ := newTestServer(t)
	status, body := get(t, srv.URL+"/hello?name=Ada", nil)
	if status != http.StatusOK || strings.TrimSpace(body) != `{"message":"Hello, Ada!"}` {
		t.Fatalf("GET /hello?name=Ada = %d %s", status, body)
	}
	status, _ = get(t, srv.URL+"/hello?name="+strings.Repeat("a", 65), nil)
	if status != http.StatusBadRequest {
		t.Fatalf("GET /hello with a 65-character name = %d, want 400", status)
	}
}

func TestRequestMetrics(t *testing.T) {
	srv, registry, _ := newTestServer(t)
	get(t, srv.URL+"/hello", nil)
	get(t, srv.URL+"/hello", nil)
	get(t, srv.URL+"/hello?name="+strings.Repeat("a", 65), nil)

	count, err := testutil.GatherAndCount(registry, "http_request_duration_seconds")
	if err != nil {
		t.Fatal(err)
	}
	if count != 2 {
		t.Fatalf("http_request_duration_seconds has %d series, want 2 (200 and 400)", count)
	}
	_, body := get(t, srv.URL+"/metrics", nil)
	for _, want := range []string{
		`http_request_duration_seconds_count{code="200",method="GET",route="/hello"} 2`,
		`http_request_duration_seconds_count{code="400",method="GET",route="/hello"} 1`,
		`http_requests_total{code="200",method="GET",route="/hello"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestRequestLogsCarryTraceIDs(t *testing.T) {
	srv, _, logs := newTestServer(t)
	header := http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}
	get(t, srv.URL+"/hello", header)
	get(t, srv.URL+"/healthz", nil)
	get(t, srv.URL+"/healthz", http.Header{"Traceparent": {"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}})

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d log lines, want 3: %s", len(lines), logs.String())
	}
	entries := make([]map[string]any, len(lines))
	for i, line := range lines {
		if err := json.Unmarshal([]byte(line), &entries[i]); err != nil {
			t.Fatal(err)
		}
	}
	traced, fresh, malformed := entries[0], entries[1], entries[2]
	// The request's server span continues the caller's trace as a child of the caller's span.
	if traced["trace_id"] != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("traced request log = %v", traced)
	}
	if spanID, _ := traced["span_id"].(string); len(spanID) != 16 || spanID == "00f067aa0ba902b7" {
		t.Errorf("traced request log has span id %v, want its own span's", traced["span_id"])
	}
	if traced["route"] != "/hello" || traced["status"] != float64(200) || traced["level"] != "INFO" {
		t.Errorf("traced request log = %v", traced)
	}
	// Without a valid traceparent a request starts a trace of its own.
	for _, entry := range []map[string]any{fresh, malformed} {
		traceID, _ := entry["trace_id"].(string)
		if len(traceID) != 32 || traceID == "4bf92f3577b34da6a3ce929d0e0e4736" || traceID == strings.Repeat("0", 32) {
			t.Errorf("request log has trace id %v, want a new trace's", entry["trace_id"])
		}
	}
	if fresh["trace_id"] == malformed["trace_id"] {
		t.Errorf("two requests share trace id %v", fresh["trace_id"])
	}
}
