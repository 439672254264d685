package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// NewLogger makes the process's JSON logger at the configured level.
func NewLogger(level string) *slog.Logger { return newLoggerTo(os.Stderr, level) }

func newLoggerTo(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

type ctxKey int

const loggerKey ctxKey = iota

// requestLog is a request's logging: the process's logger and the
// request's id, joined only when something is logged. slog's With encodes
// its attributes at once, and most requests log nothing but their line.
type requestLog struct {
	base *slog.Logger
	id   string
}

// withRequestID puts a request's logging in ctx.
func withRequestID(ctx context.Context, l *slog.Logger, id string) context.Context {
	return context.WithValue(ctx, loggerKey, requestLog{base: l, id: id})
}

// Logger returns the logger in ctx (a request's carries its request id),
// or the default logger.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey).(requestLog); ok {
		return l.base.With("request_id", l.id)
	}
	return slog.Default()
}

// gormLogger sends GORM's slow-query and error lines to slog, through the
// request's logger so they carry its request id.
type gormLogger struct {
	slow  time.Duration
	quiet bool // slow statements at debug level (the batch commands)
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
		level := slog.LevelWarn
		if g.quiet {
			level = slog.LevelDebug
		}
		l := Logger(ctx)
		if !l.Enabled(ctx, level) {
			return
		}
		sql, rows := fc()
		l.Log(ctx, level, "slow sql", "sql", shortSQL(sql), "sql_bytes", len(sql), "rows", rows, "elapsed_ms", elapsed.Milliseconds())
	}
}

// Limits of a statement in the log: the generator's and the seed's carry
// arrays of thousands of ids written in, several KB a line.
const (
	maxSQLLiteral = 40
	maxSQLLog     = 400
)

// shortSQL is a statement made readable for one log line: runs of white
// space as one space, long quoted literals cut, and the whole cut at
// maxSQLLog bytes, each cut marked with how much it left out.
func shortSQL(sql string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(sql); i++ {
		ch := sql[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			space = b.Len() > 0
			continue
		case space:
			b.WriteByte(' ')
			space = false
		}
		if ch != '\'' {
			b.WriteByte(ch)
			continue
		}
		end := i + 1 // the closing quote ('' inside is a quote)
		for end < len(sql) && (sql[end] != '\'' || (end+1 < len(sql) && sql[end+1] == '\'')) {
			if sql[end] == '\'' {
				end++
			}
			end++
		}
		lit := sql[i:min(end+1, len(sql))]
		if len(lit) > maxSQLLiteral {
			lit = fmt.Sprintf("%s…' (%d bytes)", cutUTF8(lit, maxSQLLiteral), len(lit))
		}
		b.WriteString(lit)
		i = end
	}
	out := b.String()
	if len(out) > maxSQLLog {
		out = fmt.Sprintf("%s… (%d more bytes)", cutUTF8(out, maxSQLLog), len(out)-maxSQLLog)
	}
	return out
}

// cutUTF8 is s cut to at most n bytes, not inside a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
