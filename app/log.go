package app

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// NewLogger makes the process's JSON logger at the configured level.
func NewLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

type ctxKey int

const loggerKey ctxKey = iota

// WithLogger puts a request's logger (carrying its request id) in ctx.
func WithLogger(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey, l)
}

// Logger returns the logger in ctx, or the default logger.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// gormLogger sends GORM's slow-query and error lines to slog, through the
// request's logger so they carry its request id.
type gormLogger struct {
	slow time.Duration
}

func (g gormLogger) LogMode(logger.LogLevel) logger.Interface { return g }
func (g gormLogger) Info(ctx context.Context, msg string, args ...any) {
	Logger(ctx).Info(msg, "args", args)
}
func (g gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	Logger(ctx).Warn(msg, "args", args)
}
func (g gormLogger) Error(ctx context.Context, msg string, args ...any) {
	Logger(ctx).Error(msg, "args", args)
}

// Trace logs failed statements (a missing row is not a failure) and slow ones.
func (g gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	switch {
	case err != nil && !errors.Is(err, gorm.ErrRecordNotFound):
		sql, rows := fc()
		Logger(ctx).Debug("sql error", "error", err, "sql", sql, "rows", rows, "elapsed_ms", elapsed.Milliseconds())
	case elapsed > g.slow:
		sql, rows := fc()
		Logger(ctx).Warn("slow sql", "sql", sql, "rows", rows, "elapsed_ms", elapsed.Milliseconds())
	}
}
