package server

import (
	"io"
	"log/slog"
)

// NewLogger writes one JSON object per line, the format the platform's log collector ships.
func NewLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
