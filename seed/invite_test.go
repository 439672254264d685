package seed_test

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/seed"
)

// Ensure that the demo seed prints one owner invitation link, which works.
func TestSeedPrintsInvitation(t *testing.T) {
	t.Parallel()
	db, cfg := apptest.DB(t)
	var out bytes.Buffer
	err := seed.Run(context.Background(), db, seed.Options{Venues: 20, Password: apptest.Password, Location: cfg.Location,
		PublicBaseURL: "http://localhost:8080/"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`owner invitation for .*: http://localhost:8080/o/invite/([A-Za-z0-9_-]{43})\n`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no invitation link in:\n%s", out.String())
	}
	var n int64
	db.Raw("SELECT count(*) FROM owner_invites WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > now()").Scan(&n)
	apptest.Equal(t, "pending invitations", n, int64(1))
}
