package handlers

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jiuxiao/jiuxiao/models"
)

// A streamed answer read from the replica is held back until whole, so
// that when the replica fails midway it is made again on the primary and
// the client gets the primary's whole answer, never the replica's half.
func TestStreamFromReplicaMadeAgainOnPrimary(t *testing.T) {
	for _, c := range []struct {
		name        string
		fromReplica bool
		fail        error
		want        string
		wantCut     bool
	}{
		{"replica lost midway", true, &pgconn.PgError{Code: "57P01"}, "whole answer from the primary", false},
		{"the statement's own error", true, &pgconn.PgError{Code: "42601"}, "", true},
		{"from the primary", false, &pgconn.PgError{Code: "57P01"}, "half", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			api := &API{Streams: &Streams{PerUser: 2, InFlight: 2, Builds: 1}}
			attempts := 0
			app := fiber.New()
			app.Get("/", func(fc *fiber.Ctx) error {
				fc.Locals(ActorKey, models.Actor{UserID: uuid.New()})
				if c.fromReplica {
					fc.Locals(fromReplicaKey, true)
				}
				return api.stream(fc, "test", func(ctx context.Context, w io.Writer) error {
					attempts++
					if attempts == 1 {
						_, _ = io.WriteString(w, "half")
						return c.fail
					}
					_, err := io.WriteString(w, "whole answer from the primary")
					return err
				})
			})
			// app.Test reads the whole answer: a cut one is its error.
			var body []byte
			resp, err := app.Test(httptest.NewRequest("GET", "/", nil), -1)
			if err == nil {
				body, err = io.ReadAll(resp.Body)
			}
			if cut := err != nil; cut != c.wantCut {
				t.Fatalf("cut = %v (%v), want %v; body %q", cut, err, c.wantCut, body)
			}
			if !c.wantCut && string(body) != c.want {
				t.Fatalf("body %q, want %q", body, c.want)
			}
			if c.fromReplica && c.wantCut && len(body) > 0 {
				t.Fatalf("a held answer leaked %q before it failed", body)
			}
		})
	}
}
