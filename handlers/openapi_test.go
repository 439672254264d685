package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/handlers"
)

// The tests below keep handlers/openapi.yaml honest: it must load and
// validate, it must describe exactly the routes the app registers, and real
// requests and responses must match it. To cover a new endpoint, document it
// and add one oa.check line (or oa.get / oa.post) to TestOpenAPIResponses;
// the test fails until every documented operation has had a 2xx checked.

// oaLoad loads and validates the embedded document.
func oaLoad(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(handlers.OpenAPIYAML)
	if err != nil {
		t.Fatalf("load openapi.yaml: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	// UUIDs are checked as RFC 9562 (which has v7, the kind the service makes).
	doc.SetStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562))
	return doc
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	doc := oaLoad(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" || op.Summary == "" {
				t.Errorf("%s %s: needs an operationId and a summary", method, path)
			}
			// Login and refresh answer with credentials, which are never
			// stored for replay: they ignore Idempotency-Key.
			takesKey := path != "/api/v1/auth/login" && path != "/api/v1/auth/refresh"
			if method == http.MethodPost && strings.HasPrefix(path, "/api/v1/") && takesKey && op.Parameters.GetByInAndName("header", "Idempotency-Key") == nil {
				t.Errorf("%s %s: every POST takes an Idempotency-Key header", method, path)
			}
			if method == http.MethodPatch && op.Parameters.GetByInAndName("header", "If-Match") == nil {
				t.Errorf("%s %s: every PATCH takes an If-Match header", method, path)
			}
			for status, resp := range op.Responses.Map() {
				// Errors under /api/v1 are problem documents (/readyz answers
				// its 503 as plain JSON, like its 200).
				if strings.HasPrefix(path, "/api/v1/") && (status[0] == '4' || status[0] == '5' || status == "default") {
					if resp.Value.Content.Get("application/problem+json") == nil {
						t.Errorf("%s %s: response %s is not application/problem+json", method, path, status)
					}
				}
			}
		}
	}
}

// oaFiberParam matches a Fiber path parameter such as :id.
var oaFiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

func TestOpenAPIRoutes(t *testing.T) {
	t.Parallel()
	doc := oaLoad(t)
	e := apptest.New(t)

	// Ensure every route the app registers is documented.
	registered := map[string]bool{}
	// GetRoutes(true) leaves out what Use registered: middleware, the
	// console's static files and the catch-all 404, none of them endpoints.
	for _, r := range e.App.GetRoutes(true) {
		// HEAD is Fiber's shadow of each GET.
		if r.Method == http.MethodHead {
			continue
		}
		path := oaFiberParam.ReplaceAllString(r.Path, "{$1}")
		key := r.Method + " " + path
		registered[key] = true
		item := doc.Paths.Value(path)
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("%s is registered but not in openapi.yaml", key)
		}
	}
	// Ensure nothing is documented that the app does not serve.
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !registered[method+" "+path] {
				t.Errorf("%s %s is in openapi.yaml but not registered", method, path)
			}
		}
	}
}

func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	r := e.Get("", "/openapi.json").Must(t, http.StatusOK)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(r.Body)
	if err != nil {
		t.Fatalf("/openapi.json does not load: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("/openapi.json is not a valid OpenAPI document: %v", err)
	}
	if doc.Paths.Value("/api/v1/venues") == nil || doc.Components.Schemas["Venue"] == nil {
		t.Fatal("/openapi.json is not the whole document")
	}
}

// oaChecker sends requests through the app and validates each exchange
// against the document.
type oaChecker struct {
	e      *apptest.Env
	doc    *openapi3.T
	router routers.Router
	opts   *openapi3filter.Options
	// ok records the operations ("GET /api/v1/venues/{id}") that answered a
	// checked 2xx.
	ok map[string]bool
}

func newOAChecker(t *testing.T, e *apptest.Env) *oaChecker {
	t.Helper()
	doc := oaLoad(t)
	oaCloseObjects(doc)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:   true,
		MultiError:              true,
		SchemaValidationOptions: doc.GetSchemaValidationOptions(),
	}
	// Name the offending value by its place in the body rather than dump
	// the whole schema.
	opts.WithCustomSchemaErrorFunc(func(err *openapi3.SchemaError) string {
		return "at /" + strings.Join(err.JSONPointer(), "/") + ": " + err.Reason
	})
	return &oaChecker{e: e, doc: doc, router: router, ok: map[string]bool{}, opts: opts}
}

// oaCloseObjects makes every object schema that lists its properties refuse
// others. The published document leaves responses open (clients must ignore
// fields they do not know), but here every field the server sends must be
// documented.
func oaCloseObjects(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			s.AdditionalProperties.Has = openapi3.Ptr(false)
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range list {
				walk(x)
			}
		}
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, r := range op.Responses.Map() {
				for _, mt := range r.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
}

// check sends r through the app, fails the test unless it answers status
// want, and validates the exchange against the document: the route must be
// documented with this status, the response must match its schema and
// headers, and a request that succeeded must match the documented request.
func (c *oaChecker) check(t *testing.T, want int, r apptest.Request) *apptest.Response {
	t.Helper()
	resp := c.e.Do(r)
	where := r.Method + " " + r.Path
	if resp.Status != want {
		t.Fatalf("%s: status %d, want %d: %s", where, resp.Status, want, oaExcerpt(resp.Body))
	}

	body := oaRawBody(t, r.Body)
	req := httptest.NewRequest(r.Method, r.Path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.As != "" || r.Token != "" {
		req.Header.Set("Authorization", "Bearer token")
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s: not in openapi.yaml: %v", where, err)
	}
	op := r.Method + " " + route.Path
	if resp.Status < 500 && route.Operation.Responses.Status(resp.Status) == nil {
		t.Fatalf("%s: status %d is not documented for %s", where, resp.Status, op)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: c.opts}
	ctx := context.Background()
	if resp.Status < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Fatalf("%s: the request does not match %s in openapi.yaml: %v", where, op, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.Status, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(resp.Body)), Options: c.opts,
	}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Fatalf("%s: the %d response does not match %s in openapi.yaml: %v\nbody: %s", where, resp.Status, op, err, oaExcerpt(resp.Body))
	}
	if resp.Status < 300 {
		c.ok[op] = true
	}
	return resp
}

// get checks a GET as the given user.
func (c *oaChecker) get(t *testing.T, want int, as, path string) *apptest.Response {
	t.Helper()
	return c.check(t, want, apptest.Request{Method: http.MethodGet, Path: path, As: as})
}

// post checks a POST of body as the given user.
func (c *oaChecker) post(t *testing.T, want int, as, path string, body any) *apptest.Response {
	t.Helper()
	return c.check(t, want, apptest.Request{Method: http.MethodPost, Path: path, As: as, Body: body})
}

// send checks any method, with extra headers.
func (c *oaChecker) send(t *testing.T, want int, method, as, path string, body any, header map[string]string) *apptest.Response {
	t.Helper()
	return c.check(t, want, apptest.Request{Method: method, Path: path, As: as, Body: body, Header: header})
}

// uncovered lists the documented operations that never answered a checked 2xx.
func (c *oaChecker) uncovered() []string {
	var out []string
	for path, item := range c.doc.Paths.Map() {
		for method := range item.Operations() {
			if !c.ok[method+" "+path] {
				out = append(out, method+" "+path)
			}
		}
	}
	slices.Sort(out)
	return out
}

// oaRawBody is the body apptest.Do sends for b.
func oaRawBody(t *testing.T, b any) []byte {
	t.Helper()
	switch b := b.(type) {
	case nil:
		return nil
	case string:
		return []byte(b)
	case []byte:
		return b
	}
	raw, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func oaExcerpt(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// oaNull is a JSON null for oaWith, whose nil deletes a field.
type oaNull struct{}

func (oaNull) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// oaString reads a string field of a JSON object response.
func oaString(t *testing.T, r *apptest.Response, field string) string {
	t.Helper()
	s, ok := r.Map(t)[field].(string)
	if !ok || s == "" {
		t.Fatalf("no %q in %s", field, oaExcerpt(r.Body))
	}
	return s
}

// oaNonEmpty fails unless the list field of a JSON object response has
// items, so that the schema of its items is really exercised.
func oaNonEmpty(t *testing.T, r *apptest.Response, field string) {
	t.Helper()
	if items, _ := r.Map(t)[field].([]any); len(items) == 0 {
		t.Errorf("%s is empty, so its items' schema was not checked: %s", field, oaExcerpt(r.Body))
	}
}

// oaPhoto is a multipart body holding a small PNG, and its content type.
func oaPhoto(t *testing.T) ([]byte, string) {
	t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, err := w.CreateFormFile("file", "hazard.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(img.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return body.Bytes(), w.FormDataContentType()
}

func TestOpenAPIResponses(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	oa := newOAChecker(t, e)

	const (
		admin   = "admin"
		sup     = "sup-dcf-1"
		officer = "off-dcf-1-g1"
		other   = "off-kfq-1-g1" // an officer of another district
	)
	station, grid1, grid2, farGrid := e.Unit("dcf-1"), e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2"), e.Unit("kfq-1-g1")
	missing := uuid.NewString()
	today := time.Now().In(e.Cfg.Location)
	get, post := oa.get, oa.post
	patchOA := func(t *testing.T, want int, as, path string, body any, header map[string]string) *apptest.Response {
		t.Helper()
		return oa.send(t, want, http.MethodPatch, as, path, body, header)
	}
	putOA := func(t *testing.T, want int, as, path string, body any) *apptest.Response {
		t.Helper()
		return oa.send(t, want, http.MethodPut, as, path, body, nil)
	}

	t.Run("Operations", func(t *testing.T) {
		get(t, 200, "", "/healthz")
		get(t, 200, "", "/readyz")
		get(t, 200, "", "/metrics")
		get(t, 200, "", "/openapi.json")
	})

	t.Run("Auth", func(t *testing.T) {
		creds := map[string]string{"username": officer, "password": apptest.Password}
		s := post(t, 200, "", "/api/v1/auth/login", creds)
		refresh := oaString(t, s, "refresh_token")
		post(t, 401, "", "/api/v1/auth/login", map[string]string{"username": officer, "password": "wrong-password"})
		post(t, 422, "", "/api/v1/auth/login", map[string]string{"username": officer})
		post(t, 422, "", "/api/v1/auth/login", map[string]string{"username": officer, "password": "x", "otp": "1"})
		post(t, 400, "", "/api/v1/auth/login", "{not json")
		next := post(t, 200, "", "/api/v1/auth/refresh", map[string]string{"refresh_token": refresh})
		post(t, 200, "", "/api/v1/auth/refresh", map[string]string{"refresh_token": refresh}) // a retry: the same pair
		post(t, 401, "", "/api/v1/auth/refresh", map[string]string{"refresh_token": "not-a-refresh-token"})
		post(t, 204, officer, "/api/v1/auth/logout", map[string]string{"refresh_token": oaString(t, next, "refresh_token")})
		// Logging out everywhere ends every session, so as another officer.
		elsewhere := post(t, 200, "", "/api/v1/auth/login", map[string]string{"username": "off-dcf-2-g1", "password": apptest.Password})
		oa.check(t, 204, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Token: oaString(t, elsewhere, "access_token")})
		post(t, 401, "", "/api/v1/auth/logout", nil)
		get(t, 200, officer, "/api/v1/me")
		get(t, 401, "", "/api/v1/me")
		oa.check(t, 401, apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: "not-a-jwt"})

		// Throttling after too many failures for one username.
		for range e.Cfg.LoginMaxFailures {
			e.Post("", "/api/v1/auth/login", map[string]string{"username": "oa-nobody", "password": "wrong-password"}).Must(t, 401)
		}
		r := post(t, 429, "", "/api/v1/auth/login", map[string]string{"username": "oa-nobody", "password": "wrong-password"})
		if r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	})

	t.Run("OrgUnits", func(t *testing.T) {
		get(t, 200, admin, "/api/v1/org-units?kind=grid&limit=2")
		get(t, 200, sup, "/api/v1/org-units?under="+station)
		get(t, 200, admin, "/api/v1/org-units?parent_id="+station)
		get(t, 422, admin, "/api/v1/org-units?kind=planet")
		get(t, 422, admin, "/api/v1/org-units?limit=0")
		get(t, 422, admin, "/api/v1/org-units?cursor=garbage")
		get(t, 401, "", "/api/v1/org-units")

		id := uuid.NewString()
		body := map[string]any{"id": id, "kind": "grid", "code": "oa-g9", "name": "测试网格", "parent_id": station}
		post(t, 201, admin, "/api/v1/org-units", body)
		post(t, 201, admin, "/api/v1/org-units", body) // the same again
		post(t, 409, admin, "/api/v1/org-units", with(body, "name", "别的名字"))
		post(t, 409, admin, "/api/v1/org-units", with(body, "id", uuid.NewString())) // the code is taken
		post(t, 403, sup, "/api/v1/org-units", with(body, "id", uuid.NewString(), "code", "oa-g10"))
		post(t, 422, admin, "/api/v1/org-units", map[string]any{"kind": "grid", "code": "oa g", "name": "x", "parent_id": station})

		get(t, 200, admin, "/api/v1/org-units/"+id)
		get(t, 404, admin, "/api/v1/org-units/"+missing)
		get(t, 404, admin, "/api/v1/org-units/not-a-uuid")
		get(t, 404, other, "/api/v1/org-units/"+id) // out of scope

		path := "/api/v1/org-units/" + id
		patchOA(t, 200, admin, path, map[string]any{"name": "测试网格二", "version": 1}, nil)
		patchOA(t, 200, admin, path, map[string]any{"code": "oa-g9b"}, map[string]string{"If-Match": `"2"`})
		patchOA(t, 412, admin, path, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 412, admin, path, map[string]any{"name": "x"}, map[string]string{"If-Match": `"1"`})
		patchOA(t, 428, admin, path, map[string]any{"name": "x"}, nil)
		patchOA(t, 422, admin, path, map[string]any{"name": "", "version": 3}, nil)
		patchOA(t, 422, admin, path, map[string]any{"kind": "station", "version": 3}, nil)
		patchOA(t, 403, sup, path, map[string]any{"name": "x", "version": 3}, nil)
		patchOA(t, 404, admin, "/api/v1/org-units/"+missing, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 409, admin, path, map[string]any{"code": "dcf-1", "version": 3}, nil)
	})

	t.Run("Users", func(t *testing.T) {
		get(t, 200, admin, "/api/v1/users?role=officer&limit=3")
		get(t, 200, sup, "/api/v1/users?org_unit_id="+station)
		get(t, 422, admin, "/api/v1/users?role=chief")
		get(t, 422, admin, "/api/v1/users?org_unit_id=nope")

		id := uuid.NewString()
		body := map[string]any{"id": id, "username": "oa-officer", "name": "测试民警", "role": "officer", "org_unit_id": station, "password": "long-enough-pw"}
		post(t, 201, admin, "/api/v1/users", body)
		post(t, 201, admin, "/api/v1/users", body) // the same again
		post(t, 409, admin, "/api/v1/users", with(body, "name", "别人"))
		post(t, 403, officer, "/api/v1/users", with(body, "id", uuid.NewString(), "username", "oa-other"))
		post(t, 422, admin, "/api/v1/users", with(body, "id", uuid.NewString(), "username", "oa-short", "password", "short"))

		path := "/api/v1/users/" + id
		get(t, 200, admin, path)
		get(t, 404, admin, "/api/v1/users/"+missing)
		get(t, 404, officer, path)
		patchOA(t, 200, admin, path, map[string]any{"name": "测试民警甲"}, map[string]string{"If-Match": `"1"`})
		patchOA(t, 412, admin, path, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 428, admin, path, map[string]any{"name": "x"}, nil)
		patchOA(t, 422, admin, path, map[string]any{"role": "chief", "version": 2}, nil)
		patchOA(t, 403, sup, path, map[string]any{"active": false, "version": 2}, nil)

		putOA(t, 200, admin, path+"/grids", map[string]any{"grid_ids": []string{grid2}})
		putOA(t, 422, admin, path+"/grids", map[string]any{"grid_ids": []string{farGrid}})
		putOA(t, 422, admin, path+"/grids", map[string]any{"grid_ids": []string{"nope"}})
		putOA(t, 400, admin, path+"/grids", "[]")
		putOA(t, 403, officer, path+"/grids", map[string]any{"grid_ids": []string{}})
		putOA(t, 404, admin, "/api/v1/users/"+missing+"/grids", map[string]any{"grid_ids": []string{}})
	})

	newVenue := func(name, level string) map[string]any {
		return map[string]any{
			"id": uuid.NewString(), "name": name, "category": "shop", "risk_level": level, "grid_id": grid1,
			"address": "聊城市东昌路12号", "lat": 36.45, "lng": 115.98, "contact_name": "王先生",
			"contact_phone": "13800000000", "license_no": "91350100M000100Y43",
		}
	}
	// venue is where the inspections happen; venue2 is patched and closed.
	venue := oaString(t, post(t, 201, officer, "/api/v1/venues", newVenue("鑫源便利店", "yellow")), "id")
	body2 := newVenue("老王小吃", "green")
	body2["license_no"] = nil
	venue2 := oaString(t, post(t, 201, admin, "/api/v1/venues", body2), "id")

	t.Run("Venues", func(t *testing.T) {
		post(t, 201, admin, "/api/v1/venues", body2) // the same again
		post(t, 409, admin, "/api/v1/venues", with(body2, "name", "别的"))
		post(t, 422, officer, "/api/v1/venues", with(newVenue("x", "yellow"), "grid_id", farGrid))
		post(t, 422, officer, "/api/v1/venues", with(newVenue("x", "purple"), "license_no", "123"))
		post(t, 422, officer, "/api/v1/venues", with(newVenue("x", "red"), "lat", "north"))
		post(t, 401, "", "/api/v1/venues", newVenue("x", "red"))

		get(t, 200, officer, "/api/v1/venues")
		get(t, 200, sup, "/api/v1/venues?grid_id="+grid1+"&risk_level=yellow&category=shop&status=active&q=便利")
		get(t, 200, admin, "/api/v1/venues?org_unit_id="+station+"&limit=1")
		oaNonEmpty(t, get(t, 200, officer, "/api/v1/venues?near=36.45,115.98&radius_m=5000"), "items")
		get(t, 422, officer, "/api/v1/venues?near=north")
		get(t, 422, officer, "/api/v1/venues?radius_m=100")
		get(t, 422, officer, "/api/v1/venues?risk_level=purple")
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/venues/points?org_unit_id="+station+"&risk_level=yellow"), "items")
		get(t, 200, officer, "/api/v1/venues/points?limit=1&near=36.45,115.98&radius_m=5000")
		get(t, 422, officer, "/api/v1/venues/points?limit=0")
		get(t, 401, "", "/api/v1/venues/points")

		path := "/api/v1/venues/" + venue2
		get(t, 200, officer, path)
		get(t, 404, other, path)
		get(t, 404, officer, "/api/v1/venues/"+missing)
		patchOA(t, 200, officer, path, map[string]any{"contact_name": "李女士", "license_no": "", "version": 1}, nil)
		patchOA(t, 200, officer, path, map[string]any{"address": "聊城市东昌路14号"}, map[string]string{"If-Match": `"2"`})
		patchOA(t, 412, officer, path, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 428, officer, path, map[string]any{"name": "x"}, nil)
		patchOA(t, 422, officer, path, map[string]any{"risk_level": "red", "version": 3}, nil)
		patchOA(t, 422, officer, path, map[string]any{"status": "gone", "version": 3}, nil)
		patchOA(t, 422, officer, path, map[string]any{"name": "x", "version": 3}, map[string]string{"If-Match": `"2"`})
		patchOA(t, 404, other, path, map[string]any{"name": "x", "version": 3}, nil)

		get(t, 200, officer, path+"/history")
		get(t, 404, other, path+"/history")
	})

	t.Run("Reclassifications", func(t *testing.T) {
		files := "/api/v1/venues/" + venue + "/reclassifications"
		body := map[string]any{"id": uuid.NewString(), "to_level": "red", "reason": "发现电动车室内充电"}
		r1 := oaString(t, post(t, 201, officer, files, body), "id")
		post(t, 201, officer, files, body)                                   // the same again
		post(t, 409, officer, files, with(body, "id", uuid.NewString()))     // one pending already
		post(t, 409, officer, files, with(body, "reason", "another reason")) // same id, other body
		post(t, 422, officer, files, map[string]any{"to_level": "purple", "reason": ""})
		post(t, 404, other, files, with(body, "id", uuid.NewString()))

		get(t, 200, sup, "/api/v1/reclassifications?status=pending")
		get(t, 200, officer, "/api/v1/reclassifications?venue_id="+venue)
		get(t, 422, sup, "/api/v1/reclassifications?status=maybe")
		get(t, 200, sup, "/api/v1/reclassifications/"+r1)
		get(t, 404, other, "/api/v1/reclassifications/"+r1)

		post(t, 403, officer, "/api/v1/reclassifications/"+r1+"/approve", nil)
		post(t, 200, sup, "/api/v1/reclassifications/"+r1+"/approve", map[string]string{"comment": "同意"})
		post(t, 409, sup, "/api/v1/reclassifications/"+r1+"/approve", nil)
		post(t, 404, sup, "/api/v1/reclassifications/"+missing+"/approve", nil)
		r2 := oaString(t, post(t, 201, officer, files, map[string]any{"to_level": "green", "reason": "整改完毕"}), "id")
		post(t, 422, sup, "/api/v1/reclassifications/"+r2+"/reject", map[string]string{"comment": strings.Repeat("长", 1001)})
		post(t, 200, sup, "/api/v1/reclassifications/"+r2+"/reject", map[string]string{"comment": "尚未整改"})
		post(t, 409, sup, "/api/v1/reclassifications/"+r2+"/reject", nil)
		// Filed by an admin, it is applied at once.
		post(t, 201, admin, "/api/v1/venues/"+venue2+"/reclassifications", map[string]any{"to_level": "yellow", "reason": "复核"})
		get(t, 200, officer, "/api/v1/venues/"+venue+"/history")
	})

	t.Run("Policy", func(t *testing.T) {
		get(t, 200, officer, "/api/v1/policy")
		putOA(t, 200, admin, "/api/v1/policy", map[string]string{"red": "monthly", "yellow": "quarterly", "green": "yearly"})
		putOA(t, 403, sup, "/api/v1/policy", map[string]string{"red": "monthly", "yellow": "quarterly", "green": "yearly"})
		putOA(t, 422, admin, "/api/v1/policy", map[string]string{"red": "weekly", "yellow": "quarterly", "green": "yearly"})
		putOA(t, 422, admin, "/api/v1/policy", map[string]string{"red": "monthly"})

		get(t, 200, officer, "/api/v1/calendar/2026")
		get(t, 404, officer, "/api/v1/calendar/1999")
		cal := map[string]any{"holidays": []string{"2030-01-01"}, "workdays": []string{"2030-01-05"}}
		putOA(t, 200, admin, "/api/v1/calendar/2030", cal)
		putOA(t, 403, sup, "/api/v1/calendar/2030", cal)
		putOA(t, 422, admin, "/api/v1/calendar/2030", map[string]any{"holidays": []string{"2031-01-01"}, "workdays": []string{}})
		putOA(t, 400, admin, "/api/v1/calendar/2030", `{"holidays": [], "workdays": []} {}`)
		putOA(t, 404, admin, "/api/v1/calendar/3000", cal)

		post(t, 200, admin, "/api/v1/schedules/generate", nil)
		// Idempotency-Key: a replay, a key reused for another payload, a bad key.
		asOf := map[string]string{"as_of": today.Format("2006-01-02")}
		key := map[string]string{"Idempotency-Key": uuid.NewString()}
		oa.send(t, 200, http.MethodPost, admin, "/api/v1/schedules/generate", asOf, key)
		r := oa.send(t, 200, http.MethodPost, admin, "/api/v1/schedules/generate", asOf, key)
		if r.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("no Idempotent-Replayed on a replay: %v", r.Header)
		}
		oa.send(t, 422, http.MethodPost, admin, "/api/v1/schedules/generate", map[string]string{"as_of": "2026-01-01"}, key)
		oa.send(t, 400, http.MethodPost, admin, "/api/v1/schedules/generate", asOf, map[string]string{"Idempotency-Key": strings.Repeat("k", 256)})
		post(t, 403, sup, "/api/v1/schedules/generate", nil)
		post(t, 422, admin, "/api/v1/schedules/generate", map[string]string{"asof": "2026-01-01"})
	})

	// The checklist of the venues' category, all answered "pass".
	items := struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}{}
	get(t, 200, officer, "/api/v1/checklist-items?category=shop").JSON(t, &items)
	if len(items.Items) < 2 {
		t.Fatalf("the shop checklist has %d items", len(items.Items))
	}
	var checklist []map[string]string
	for _, it := range items.Items {
		checklist = append(checklist, map[string]string{"item_code": it.Code, "result": "pass"})
	}
	checklist[0]["result"], checklist[0]["note"] = "fail", "灭火器过期"

	var photo string
	t.Run("ChecklistAndPhotos", func(t *testing.T) {
		get(t, 200, officer, "/api/v1/checklist-items")
		get(t, 422, officer, "/api/v1/checklist-items?category=bank")

		body, ct := oaPhoto(t)
		upload := apptest.Request{Method: http.MethodPost, Path: "/api/v1/photos", As: officer, Body: body, Header: map[string]string{"Content-Type": ct}}
		photo = oaString(t, oa.check(t, 201, upload), "id")
		oa.check(t, 422, apptest.Request{Method: http.MethodPost, Path: "/api/v1/photos", As: officer, Body: `{"file": "x"}`})
		get(t, 200, officer, "/api/v1/photos/"+photo)
		get(t, 404, other, "/api/v1/photos/"+photo)
		get(t, 404, officer, "/api/v1/photos/"+missing)
	})

	deadlineHazard, onSiteHazard := uuid.NewString(), uuid.NewString()
	t.Run("Inspections", func(t *testing.T) {
		body := map[string]any{"id": uuid.NewString(), "venue_id": venue, "notes": "群众举报"}
		in := oaString(t, post(t, 201, officer, "/api/v1/inspections", body), "id")
		post(t, 201, officer, "/api/v1/inspections", body) // the same again
		post(t, 409, officer, "/api/v1/inspections", with(body, "venue_id", venue2))
		post(t, 422, other, "/api/v1/inspections", map[string]any{"venue_id": venue})
		post(t, 422, officer, "/api/v1/inspections", map[string]any{"venue": venue})

		get(t, 200, officer, "/api/v1/inspections?mine=true")
		get(t, 200, sup, "/api/v1/inspections?status=scheduled,in_progress&kind=ad_hoc&venue_id="+venue+"&grid_id="+grid1)
		get(t, 200, sup, "/api/v1/inspections?overdue=false&due_before=2099-01-01&limit=5")
		oaNonEmpty(t, get(t, 200, officer, "/api/v1/inspections?near=36.45,115.98"), "items")
		get(t, 422, officer, "/api/v1/inspections?kind=surprise")
		get(t, 422, officer, "/api/v1/inspections?status=done")
		get(t, 422, officer, "/api/v1/inspections?due_before=tomorrow")

		path := "/api/v1/inspections/" + in
		get(t, 200, officer, path)
		get(t, 404, other, path)
		get(t, 404, officer, "/api/v1/inspections/"+missing)

		post(t, 422, officer, path+"/start", map[string]any{"lat": 36.45})
		post(t, 422, officer, path+"/start", map[string]any{"lat": 91, "lng": 115.98})
		post(t, 404, other, path+"/start", map[string]any{"lat": 36.45, "lng": 115.98})
		post(t, 200, officer, path+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801, "accuracy_m": 12})
		post(t, 200, officer, path+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801, "accuracy_m": 12}) // a retry
		post(t, 409, sup, path+"/start", map[string]any{"lat": 36.45, "lng": 115.98})

		deadline := today.AddDate(0, 0, 10).Format("2006-01-02")
		submit := map[string]any{
			"checklist": checklist,
			"hazards": []map[string]any{
				{"id": deadlineHazard, "code": items.Items[0].Code, "severity": "major", "description": "灭火器过期", "fix_mode": "deadline", "deadline": deadline},
				{"id": onSiteHazard, "code": items.Items[1].Code, "severity": "general", "description": "通道堆放杂物", "fix_mode": "on_site", "photo_ids": []string{photo}},
			},
			"notes": "已责令整改",
		}
		post(t, 422, officer, path+"/submit", map[string]any{"checklist": checklist[:1]})
		post(t, 403, sup, path+"/submit", submit)
		post(t, 200, officer, path+"/submit", submit)
		post(t, 200, officer, path+"/submit", submit) // a retry
		post(t, 409, officer, path+"/submit", with(submit, "notes", "别的"))

		oaNonEmpty(t, get(t, 200, sup, "/api/v1/review/queue"), "items")
		get(t, 200, admin, "/api/v1/review/queue?limit=1")
		get(t, 403, officer, "/api/v1/review/queue")

		post(t, 403, officer, path+"/approve", nil)
		post(t, 422, sup, path+"/return", nil)
		post(t, 200, sup, path+"/approve", map[string]string{"comment": "合格"})
		post(t, 409, sup, path+"/approve", nil)
		post(t, 404, sup, "/api/v1/inspections/"+missing+"/approve", nil)

		// A second visit, returned to its officer.
		in2 := oaString(t, post(t, 201, officer, "/api/v1/inspections", map[string]any{"venue_id": venue}), "id")
		post(t, 200, officer, "/api/v1/inspections/"+in2+"/start", map[string]any{"lat": 36.6, "lng": 116.1}) // off site
		post(t, 200, officer, "/api/v1/inspections/"+in2+"/submit", map[string]any{"checklist": checklist})
		post(t, 403, officer, "/api/v1/inspections/"+in2+"/return", map[string]string{"comment": "补拍照片"})
		post(t, 200, sup, "/api/v1/inspections/"+in2+"/return", map[string]string{"comment": "补拍照片"})
		post(t, 409, sup, "/api/v1/inspections/"+in2+"/return", map[string]string{"comment": "补拍照片"})
		get(t, 200, officer, "/api/v1/inspections?status=returned")
	})

	t.Run("Hazards", func(t *testing.T) {
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/hazards"), "items")
		get(t, 200, officer, "/api/v1/hazards?status=open&severity=major&overdue=false&venue_id="+venue+"&grid_id="+grid1)
		get(t, 422, officer, "/api/v1/hazards?severity=minor")
		h := get(t, 200, officer, "/api/v1/hazards/"+deadlineHazard)
		// Its reinspection opens on the deadline: too early to start.
		post(t, 409, officer, "/api/v1/inspections/"+oaString(t, h, "reinspection_id")+"/start", map[string]any{"lat": 36.45, "lng": 115.98})
		get(t, 200, officer, "/api/v1/hazards/"+onSiteHazard)
		get(t, 404, other, "/api/v1/hazards/"+deadlineHazard)

		fix := map[string]any{"description": "已更换灭火器", "photo_ids": []string{photo}}
		post(t, 422, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", map[string]any{"description": ""})
		post(t, 422, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", map[string]any{"description": "x", "photo_ids": []string{missing}})
		post(t, 404, other, "/api/v1/hazards/"+deadlineHazard+"/rectify", fix)
		post(t, 200, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", fix)
		post(t, 409, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", with(fix, "description", "别的"))

		post(t, 403, officer, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"accepted": true})
		post(t, 422, sup, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"accepted": false})
		post(t, 422, sup, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"comment": "ok"})
		post(t, 200, sup, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"accepted": false, "comment": "照片不清楚"})
		post(t, 200, sup, "/api/v1/hazards/"+deadlineHazard+"/verify", map[string]any{"accepted": true, "comment": "验收合格"})
		post(t, 409, sup, "/api/v1/hazards/"+deadlineHazard+"/verify", map[string]any{"accepted": true})
		post(t, 404, sup, "/api/v1/hazards/"+missing+"/verify", map[string]any{"accepted": true})
	})

	t.Run("SyncStatsExportsAudit", func(t *testing.T) {
		// Closing venue2 (a supervisor's decision: an officer gets 403)
		// cancels its routine inspection: a tombstone to sync.
		v := get(t, 200, officer, "/api/v1/venues/"+venue2).Map(t)
		patchOA(t, 403, officer, "/api/v1/venues/"+venue2, map[string]any{"status": "closed", "version": v["version"]}, nil)
		patchOA(t, 200, sup, "/api/v1/venues/"+venue2, map[string]any{"status": "closed", "version": v["version"]}, nil)

		// Sync hands out rows older than the oldest writing transaction of
		// the cluster; tests in parallel (other databases, same cluster) can
		// hold that back for a moment.
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if m := e.Get(officer, "/api/v1/sync/changes").Must(t, 200).Map(t); m["tombstones"] != nil && len(m["tombstones"].([]any)) > 0 {
				break
			}
		}
		first := get(t, 200, officer, "/api/v1/sync/changes")
		for _, f := range []string{"venues", "inspections", "hazards", "tombstones"} {
			oaNonEmpty(t, first, f)
		}
		get(t, 200, officer, "/api/v1/sync/changes?limit=1")
		get(t, 200, officer, "/api/v1/sync/changes?since="+oaString(t, first, "next_cursor"))
		get(t, 422, officer, "/api/v1/sync/changes?since=garbage")
		get(t, 422, officer, "/api/v1/sync/changes?limit=201")

		year := today.Format("2006")
		get(t, 200, sup, "/api/v1/stats/overview")
		get(t, 200, admin, "/api/v1/stats/overview?org_unit_id="+station+"&from="+year+"-01-01&to="+year+"-12-31")
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/stats/grids"), "items")
		get(t, 200, admin, "/api/v1/stats/grids?org_unit_id="+station)
		get(t, 422, sup, "/api/v1/stats/overview?from=2026-13-01")
		get(t, 422, sup, "/api/v1/stats/grids?from=2026-06-01&to=2026-01-01")
		get(t, 404, sup, "/api/v1/stats/overview?org_unit_id="+farGrid)
		get(t, 404, sup, "/api/v1/stats/grids?org_unit_id="+farGrid)

		get(t, 200, sup, "/api/v1/exports/inspections.csv")
		get(t, 200, sup, "/api/v1/exports/inspections.xlsx?status=approved,returned&kind=ad_hoc")
		get(t, 200, sup, "/api/v1/exports/hazards.csv?severity=major")
		get(t, 200, sup, "/api/v1/exports/hazards.xlsx")
		get(t, 404, sup, "/api/v1/exports/hazards.pdf")
		get(t, 422, sup, "/api/v1/exports/inspections.csv?status=done")
		get(t, 422, sup, "/api/v1/exports/hazards.csv?status=fixed")
		get(t, 401, "", "/api/v1/exports/hazards.csv")

		oaNonEmpty(t, get(t, 200, admin, "/api/v1/audit"), "items")
		get(t, 200, admin, "/api/v1/audit?entity=venue&entity_id="+venue2)
		get(t, 200, sup, "/api/v1/audit?limit=2")
		get(t, 422, admin, "/api/v1/audit?entity_id=nope")
	})

	t.Run("Webhooks", func(t *testing.T) { oaCheckWebhooks(t, oa) })

	if t.Failed() {
		return
	}
	if left := oa.uncovered(); len(left) > 0 {
		t.Errorf("no checked 2xx answer for %d documented operations; add a line to TestOpenAPIResponses for each:\n%s",
			len(left), strings.Join(left, "\n"))
	}
}

// TestOpenAPICatchesMismatch makes sure the checker is not a rubber stamp:
// a response that breaks its schema fails validation.
func TestOpenAPICatchesMismatch(t *testing.T) {
	t.Parallel()
	doc := oaLoad(t)
	oaCloseObjects(doc)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, SchemaValidationOptions: doc.GetSchemaValidationOptions()}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/org-units/"+uuid.NewString(), nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	unit := map[string]any{"id": uuid.NewString(), "kind": "grid", "code": "g1", "name": "网格", "parent_id": nil,
		"version": 1, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}
	validate := func(status int, ct string, body any) error {
		raw, _ := json.Marshal(body)
		return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts},
			Status:                 status, Header: http.Header{"Content-Type": {ct}, "Etag": {`"1"`}},
			Body: io.NopCloser(bytes.NewReader(raw)), Options: opts,
		})
	}
	if err := validate(200, "application/json", unit); err != nil {
		t.Fatalf("a good org unit fails: %v", err)
	}
	for name, bad := range map[string]map[string]any{
		"wrong kind":         with(unit, "kind", "planet"),
		"missing field":      with(unit, "code", nil),
		"undocumented field": with(unit, "colour", "red"),
		"not a uuid":         with(unit, "id", "42"),
		"not nullable":       with(unit, "name", oaNull{}),
	} {
		if err := validate(200, "application/json", bad); err == nil {
			t.Errorf("%s: an org unit with it passes", name)
		}
	}
	if err := validate(404, "application/json", unit); err == nil {
		t.Error("a 404 that is not a problem document passes")
	}
	if err := validate(404, "application/problem+json", map[string]any{"title": "x"}); err == nil {
		t.Error("a problem without type and status passes")
	}
}
