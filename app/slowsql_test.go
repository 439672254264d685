package app

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestSlowSQLLineReadable(t *testing.T) {
	// Ensure a slow statement carrying thousands of ids is logged on one
	// short line, with the request's id, and that the batch commands log it
	// at debug level only.
	ids := make([]string, 3000)
	for i := range ids {
		ids[i] = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	}
	sql := "INSERT INTO venues (id, grid_id)\n\t\tSELECT gen_random_uuid(), g FROM unnest('{" + strings.Join(ids, ",") +
		"}'::uuid[]) AS g WHERE name <> 'it''s' AND note = '" + strings.Repeat("消防", 50) + "'"
	logged := func(g gormLogger, level slog.Level) string {
		var buf bytes.Buffer
		ctx := withRequestID(context.Background(), slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: level})), "rid-slow-1")
		g.Trace(ctx, time.Now().Add(-time.Second), func() (string, int64) { return sql, 3000 }, nil)
		return buf.String()
	}
	line := logged(gormLogger{slow: time.Millisecond}, slog.LevelInfo)
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil || m["msg"] != "slow sql" || m["request_id"] != "rid-slow-1" {
		t.Fatalf("no slow sql line: %q", line)
	}
	got, _ := m["sql"].(string)
	if len(line) > 700 || !strings.HasPrefix(got, "INSERT INTO venues (id, grid_id) SELECT gen_random_uuid(), g FROM unnest('{0190a1b2") ||
		!strings.Contains(got, "bytes)") || strings.Contains(got, "\n") {
		t.Errorf("slow sql line of %d bytes: %s", len(line), line)
	}
	if m["sql_bytes"] != float64(len(sql)) {
		t.Errorf("sql_bytes %v, want %d", m["sql_bytes"], len(sql))
	}
	if got := logged(gormLogger{slow: time.Millisecond, quiet: true}, slog.LevelInfo); got != "" {
		t.Errorf("a batch command's slow statement at info level: %s", got)
	}
	if got := logged(gormLogger{slow: time.Millisecond, quiet: true}, slog.LevelDebug); !strings.Contains(got, `"level":"DEBUG"`) {
		t.Errorf("a batch command's slow statement at debug level: %q", got)
	}
}

func TestShortSQL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"  SELECT\n\t a ,  b  FROM t  ", "SELECT a , b FROM t"},
		{"SELECT 'it''s' FROM t", "SELECT 'it''s' FROM t"},
		{"SELECT '" + strings.Repeat("x", 100) + "'", "SELECT '" + strings.Repeat("x", 39) + "…' (102 bytes)"},
		{"SELECT 'unterminated", "SELECT 'unterminated"},
	} {
		if got := shortSQL(c.in); got != c.want {
			t.Errorf("shortSQL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := shortSQL("SELECT " + strings.Repeat("a, ", 500))
	if len(long) > maxSQLLog+40 || !strings.HasSuffix(long, "more bytes)") {
		t.Errorf("a long statement is not cut: %d bytes", len(long))
	}
}
