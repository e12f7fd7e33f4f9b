package main

import "testing"

func TestListenAddr(t *testing.T) {
	env := map[string]string{}
	getenv := func(key string) string { return env[key] }
	if got := listenAddr(getenv); got != ":8080" {
		t.Fatalf("listenAddr without PORT = %q, want :8080", got)
	}
	env["PORT"] = "9090"
	if got := listenAddr(getenv); got != ":9090" {
		t.Fatalf("listenAddr with PORT=9090 = %q, want :9090", got)
	}
	env["HOST"] = "127.0.0.1"
	if got := listenAddr(getenv); got != "127.0.0.1:9090" {
		t.Fatalf("listenAddr with HOST=127.0.0.1 = %q, want 127.0.0.1:9090", got)
	}
}
