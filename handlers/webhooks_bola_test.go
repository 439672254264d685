package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// relAdminOnlyWebhooks are the webhook routes, all admins' alone: the
// generated access tests (bola_test.go) expect 403 from everyone else.
var relAdminOnlyWebhooks = map[string]bool{
	"GET /api/v1/webhooks":                    true,
	"POST /api/v1/webhooks":                   true,
	"GET /api/v1/webhooks/:id":                true,
	"PATCH /api/v1/webhooks/:id":              true,
	"DELETE /api/v1/webhooks/:id":             true,
	"POST /api/v1/webhooks/:id/rotate-secret": true,
	"POST /api/v1/webhooks/:id/test":          true,
	"GET /api/v1/webhooks/:id/deliveries":     true,
	"POST /api/v1/deliveries/:id/retry":       true,
}

// relWebhook is an admin's subscription to the victim's events, and the
// delivery of a test event to it, for the access tests.
func relWebhook(t testing.TB, e *apptest.Env) (string, string) {
	t.Helper()
	w := relField(t, e.Post("admin", "/api/v1/webhooks", map[string]any{
		"url": "https://hooks.example.com/bola", "event_types": []string{"hazard.found"}, "org_unit_id": e.Unit("dcf-1-g1"),
	}).Must(t, http.StatusCreated), "id")
	d := relField(t, e.Post("admin", "/api/v1/webhooks/"+w+"/test", nil).Must(t, http.StatusAccepted), "id")
	return w, d
}
