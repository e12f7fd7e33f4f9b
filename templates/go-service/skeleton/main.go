// Command ${{ values.name }} serves ${{ values.name }}'s HTTP API.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"${{ values.name }}/internal/server"
	"${{ values.name }}/internal/telemetry"
)

func main() {
	logger := server.NewLogger(os.Stdout)
	if err := run(logger); err != nil {
		logger.Error("server stopped", slog.String("error", err.Error()))
		os.Exit(1)
	}
}

// listenAddr is the address the server listens on: $PORT (8080 by default) on $HOST (all
// interfaces by default).
func listenAddr(getenv func(string) string) string {
	port := getenv("PORT")
	if port == "" {
		port = "8080"
	}
	return net.JoinHostPort(getenv("HOST"), port)
}

func run(logger *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	tracerProvider, err := telemetry.NewTracerProvider(ctx, os.Getenv)
	if err != nil {
		return err
	}
	defer func() {
		// Flushes the spans still batched; bounded so a gone collector cannot hold up the exit.
		flush, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := tracerProvider.Shutdown(flush); err != nil {
			logger.Warn("exporting the last spans failed", slog.String("error", err.Error()))
		}
	}()

	srv := &http.Server{
		Addr:              listenAddr(os.Getenv),
		Handler:           server.New(logger, nil, tracerProvider),
		ReadHeaderTimeout: 5 * time.Second,
	}
	errs := make(chan error, 1)
	go func() {
		logger.Info("listening", slog.String("addr", srv.Addr))
		errs <- srv.ListenAndServe()
	}()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errs; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
