package telemetry_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"

	"${{ values.name }}/internal/server"
	"${{ values.name }}/internal/telemetry"
)

// otlpReceiver is a minimal OTLP/HTTP trace receiver: it decodes each protobuf export request
// posted to /v1/traces and keeps the spans' trace ids.
type otlpReceiver struct {
	mu       sync.Mutex
	traceIDs []string
}

func (o *otlpReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if r.URL.Path != "/v1/traces" || err != nil {
		http.Error(w, "not an OTLP trace export", http.StatusBadRequest)
		return
	}
	var req coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	o.mu.Lock()
	for _, rs := range req.GetResourceSpans() {
		for _, ss := range rs.GetScopeSpans() {
			for _, span := range ss.GetSpans() {
				o.traceIDs = append(o.traceIDs, hex.EncodeToString(span.GetTraceId()))
			}
		}
	}
	o.mu.Unlock()
	out, _ := proto.Marshal(&coltracepb.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

// startOTLPReceiver listens on 127.0.0.1 only.
func startOTLPReceiver(t *testing.T) (*otlpReceiver, string) {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	receiver := &otlpReceiver{}
	srv := httptest.NewUnstartedServer(receiver)
	srv.Listener = listener
	srv.Start()
	t.Cleanup(srv.Close)
	return receiver, srv.URL
}

func TestRequestSpanIsExportedWithTheTraceIDOfItsLogLine(t *testing.T) {
	receiver, endpoint := startOTLPReceiver(t)
	env := map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint}
	for key, value := range env {
		t.Setenv(key, value)
	}
	ctx := context.Background()
	tracerProvider, err := telemetry.NewTracerProvider(ctx, func(key string) string { return env[key] })
	if err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	srv := httptest.NewServer(server.New(server.NewLogger(logs), nil, tracerProvider))
	defer srv.Close()

	res, err := http.Get(srv.URL + "/hello?name=Ada")
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	// Shutdown flushes the batched span to the receiver.
	if err := tracerProvider.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}

	var entry map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(logs.String())), &entry); err != nil {
		t.Fatalf("request log %q: %v", logs.String(), err)
	}
	traceID, _ := entry["trace_id"].(string)
	if len(traceID) != 32 {
		t.Fatalf("request log has no trace id: %v", entry)
	}
	receiver.mu.Lock()
	defer receiver.mu.Unlock()
	if len(receiver.traceIDs) != 1 || receiver.traceIDs[0] != traceID {
		t.Fatalf("receiver got spans of traces %v, want one of trace %s", receiver.traceIDs, traceID)
	}
}

func TestExportConfigured(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, true},
		{map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"}, true},
	} {
		if got := telemetry.ExportConfigured(func(key string) string { return tc.env[key] }); got != tc.want {
			t.Errorf("ExportConfigured(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
}
