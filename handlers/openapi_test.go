package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

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
			takesKey := path != "/api/v1/auth/login" && path != "/api/v1/auth/refresh" && !strings.HasPrefix(path, "/api/v1/public/owner-invites/")
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
	apptest.True(t, "/openapi.json is not the whole document: doc.Paths.Value(\"/api/v1/venues\") is set", doc.Paths.Value("/api/v1/venues") != nil)
	apptest.True(t, "/openapi.json is not the whole document: doc.Components.Schemas[\"Venue\"] is set", doc.Components.Schemas["Venue"] != nil)
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
		"wrong kind":         apptest.With(unit, "kind", "planet"),
		"missing field":      apptest.With(unit, "code", nil),
		"undocumented field": apptest.With(unit, "colour", "red"),
		"not a uuid":         apptest.With(unit, "id", "42"),
		"not nullable":       apptest.With(unit, "name", oaNull{}),
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
