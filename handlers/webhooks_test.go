package handlers_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
)

// oaCheckWebhooks checks every webhook operation against openapi.yaml, for
// TestOpenAPIResponses. No delivery is sent: nothing dispatches in tests
// unless a test starts a dispatcher.
func oaCheckWebhooks(t *testing.T, oa *oaChecker) {
	e := oa.e
	const admin, sup = "admin", "sup-dcf-1"
	body := map[string]any{"url": "https://hooks.example.com/jiuxiao", "event_types": []string{"hazard.found", "inspection.submitted"}}
	created := oa.post(t, 201, admin, "/api/v1/webhooks", body)
	id := oaString(t, created, "id")
	if !strings.HasPrefix(oaString(t, created, "secret"), "whsec_") {
		t.Errorf("the create shows no whsec_ secret: %s", created.Body)
	}
	oa.post(t, 422, admin, "/api/v1/webhooks", apptest.With(body, "event_types", []string{"hazard.exploded"}))
	oa.post(t, 400, admin, "/api/v1/webhooks", "{not json")
	oa.post(t, 403, sup, "/api/v1/webhooks", body)
	oaNonEmpty(t, oa.get(t, 200, admin, "/api/v1/webhooks"), "items")
	oa.get(t, 403, sup, "/api/v1/webhooks")
	got := oa.get(t, 200, admin, "/api/v1/webhooks/"+id)
	if _, shown := got.Map(t)["secret"]; shown {
		t.Errorf("GET shows the secret: %s", got.Body)
	}
	oa.get(t, 404, admin, "/api/v1/webhooks/"+missingID)
	oa.send(t, 200, http.MethodPatch, admin, "/api/v1/webhooks/"+id, map[string]any{"active": false, "org_unit_id": e.Unit("dcf-1"), "version": 1}, nil)
	oa.send(t, 412, http.MethodPatch, admin, "/api/v1/webhooks/"+id, map[string]any{"active": true, "version": 1}, nil)
	oa.send(t, 428, http.MethodPatch, admin, "/api/v1/webhooks/"+id, map[string]any{"active": true}, nil)
	oa.send(t, 422, http.MethodPatch, admin, "/api/v1/webhooks/"+id, map[string]any{"event_types": []string{}, "version": 2}, nil)
	oa.send(t, 200, http.MethodPatch, admin, "/api/v1/webhooks/"+id, map[string]any{"org_unit_id": nil}, map[string]string{"If-Match": `"2"`})
	rotated := oa.post(t, 200, admin, "/api/v1/webhooks/"+id+"/rotate-secret", map[string]any{"overlap_hours": 2})
	if oaString(t, rotated, "secret") == oaString(t, created, "secret") {
		t.Error("rotating kept the secret")
	}
	oa.post(t, 200, admin, "/api/v1/webhooks/"+id+"/rotate-secret", nil)
	oa.post(t, 422, admin, "/api/v1/webhooks/"+id+"/rotate-secret", map[string]any{"overlap_hours": 1000})
	delivery := oaString(t, oa.post(t, 202, admin, "/api/v1/webhooks/"+id+"/test", nil), "id")
	oaNonEmpty(t, oa.get(t, 200, admin, "/api/v1/webhooks/"+id+"/deliveries"), "items")
	oa.get(t, 200, admin, "/api/v1/webhooks/"+id+"/deliveries?status=pending&limit=1")
	oa.get(t, 422, admin, "/api/v1/webhooks/"+id+"/deliveries?status=lost")
	oa.post(t, 409, admin, "/api/v1/deliveries/"+delivery+"/retry", nil)
	if err := e.DB.Exec("UPDATE deliveries SET status = 'failed', attempts = 40, last_status = 500 WHERE id = ?", delivery).Error; err != nil {
		t.Fatal(err)
	}
	oa.post(t, 202, admin, "/api/v1/deliveries/"+delivery+"/retry", nil)
	oa.post(t, 404, admin, "/api/v1/deliveries/"+missingID+"/retry", nil)
	oa.send(t, 204, http.MethodDelete, admin, "/api/v1/webhooks/"+id, nil, nil)
	oa.send(t, 404, http.MethodDelete, admin, "/api/v1/webhooks/"+id, nil, nil)
}

const missingID = "0190a5c4-0000-7000-8000-000000000000"

// Ensure that subscriptions are admins' alone, that bad ones answer 422
// naming the field, and that a secret is shown in the create's and the
// rotation's answers only.
func TestWebhookSubscriptions(t *testing.T) {
	t.Parallel()
	prod := apptest.New(t, apptest.Options{Config: func(c *app.Config) { c.Env = "production" }})
	dev := apptest.New(t, apptest.Options{Config: func(c *app.Config) {
		c.WebhookAllow, _ = models.ParseAllowList([]string{"10.1.2.0/24", "hooks.internal"})
	}})
	good := map[string]any{"url": "https://hooks.example.com/in", "event_types": []string{"hazard.found"}}
	for _, tc := range []struct {
		name  string
		e     *apptest.Env
		body  map[string]any
		field string
	}{
		{"unknown event type", dev, apptest.With(good, "event_types", []string{"hazard.found", "hazard.exploded"}), "event_types"},
		{"no event type", dev, apptest.With(good, "event_types", []string{}), "event_types"},
		{"http in production", prod, apptest.With(good, "url", "http://hooks.example.com/in"), "url"},
		{"loopback", dev, apptest.With(good, "url", "http://127.0.0.1:8080/in"), "url"},
		{"loopback v6", dev, apptest.With(good, "url", "http://[::1]/in"), "url"},
		{"mapped loopback", dev, apptest.With(good, "url", "http://[::ffff:127.0.0.1]/in"), "url"},
		{"private", prod, apptest.With(good, "url", "https://192.168.1.10/in"), "url"},
		{"link-local metadata", prod, apptest.With(good, "url", "https://169.254.169.254/latest"), "url"},
		{"localhost", dev, apptest.With(good, "url", "http://localhost:9000/in"), "url"},
		{"a bare name", prod, apptest.With(good, "url", "https://intranet/in"), "url"},
		{"credentials", prod, apptest.With(good, "url", "https://user:pw@hooks.example.com/in"), "url"},
		{"not a URL", prod, apptest.With(good, "url", "hooks.example.com"), "url"},
		{"ftp", prod, apptest.With(good, "url", "ftp://hooks.example.com/in"), "url"},
		{"unknown unit", prod, apptest.With(good, "org_unit_id", missingID), "org_unit_id"},
		{"private outside the list", dev, apptest.With(good, "url", "http://10.1.3.1/in"), "url"},
	} {
		t.Run("Bad/"+tc.name, func(t *testing.T) {
			r := tc.e.Post("admin", "/api/v1/webhooks", tc.body).Must(t, http.StatusUnprocessableEntity)
			if !strings.Contains(string(r.Body), `"field":"`+tc.field+`"`) {
				t.Errorf("422 does not name %s: %s", tc.field, r.Body)
			}
		})
	}
	for name, url := range map[string]string{"allowed CIDR": "http://10.1.2.7:8443/in", "allowed name": "http://hooks.internal/in", "public": "https://hooks.example.com/in"} {
		t.Run("OK/"+name, func(t *testing.T) {
			dev.Post("admin", "/api/v1/webhooks", apptest.With(good, "url", url)).Must(t, http.StatusCreated)
		})
	}
	t.Run("OK/SecretOnce", func(t *testing.T) {
		r := prod.Post("admin", "/api/v1/webhooks", good).Must(t, http.StatusCreated)
		id, secret := relField(t, r, "id"), relField(t, r, "secret")
		for _, path := range []string{"/api/v1/webhooks/" + id, "/api/v1/webhooks", "/api/v1/audit?entity=webhook"} {
			if b := prod.Get("admin", path).Must(t, http.StatusOK).Body; strings.Contains(string(b), secret) || strings.Contains(string(b), "whsec_") {
				t.Errorf("%s shows a secret: %s", path, b)
			}
		}
	})
	t.Run("Forbidden", func(t *testing.T) {
		for _, as := range []string{"sup-lc", "off-dcf-1-g1"} {
			prod.Post(as, "/api/v1/webhooks", good).Must(t, http.StatusForbidden)
			prod.Get(as, "/api/v1/webhooks").Must(t, http.StatusForbidden)
		}
	})
}

// Ensure that the event types are defined once: the OpenAPI document's
// EventType lists exactly models.EventTypes.
func TestEventTypesDocumented(t *testing.T) {
	t.Parallel()
	doc := oaLoad(t)
	var inDoc []string
	for _, v := range doc.Components.Schemas["EventType"].Value.Enum {
		inDoc = append(inDoc, v.(string))
	}
	var inGo []string
	for _, v := range models.EventTypes {
		inGo = append(inGo, string(v))
	}
	if !slices.Equal(inDoc, inGo) {
		t.Errorf("openapi.yaml's EventType is\n%v\nwant models.EventTypes\n%v", inDoc, inGo)
	}
	if !regexp.MustCompile(`/api/v1/webhooks`).Match(handlers.OpenAPIYAML) {
		t.Error("no webhooks in openapi.yaml")
	}
}
