package handlers_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Resources no client can exhaust (issue 12): streamed answers (ledgers,
// map points) hold no database connection while a slow client reads them,
// and are bounded per user and in all; /readyz tells a saturated pool;
// photos are streamed, with byte ranges and If-None-Match.

// smallBuffers makes every accepted connection's send buffer small, so that
// a client that does not read blocks the server after a few kilobytes
// rather than after the megabytes loopback buffers hold.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(8 << 10)
	}
	return c, err
}

// serve runs e's app on a real listener on loopback and returns its address.
func serve(t *testing.T, e *apptest.Env) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.App.Listener(smallBuffers{ln}) }()
	t.Cleanup(func() { _ = e.App.ShutdownWithTimeout(5 * time.Second) })
	return ln.Addr().String()
}

// slowGet sends a GET and reads only the status line and headers of the
// answer, then stops reading, as a client on a very slow link does. The
// connection is closed when the test ends.
func slowGet(t *testing.T, addr, path, token string) (net.Conn, int, http.Header) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.(*net.TCPConn).SetReadBuffer(8 << 10)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: jiuxiao\r\nAuthorization: Bearer %s\r\n\r\n", path, token)
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReaderSize(c, 512), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return c, resp.StatusCode, resp.Header
}

// eventually polls cond every 50 ms for up to 30 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not within 30 s", what)
}

// inUse is how many connections of the app's pool are taken.
func inUse(t *testing.T, e *apptest.Env) int {
	t.Helper()
	sqlDB, err := e.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	return sqlDB.Stats().InUse
}

// ledgerEnv is a city with enough venues and inspections that a ledger or
// the map's points are far larger than what socket buffers hold.
func ledgerEnv(t *testing.T, cfg func(*app.Config)) *apptest.Env {
	t.Helper()
	e := apptest.New(t, apptest.Options{Venues: 2000, Config: cfg})
	e.Post("admin", "/api/v1/schedules/generate", map[string]any{}).Must(t, http.StatusOK)
	return e
}

func TestStreamsHoldNoConnection(t *testing.T) {
	t.Parallel()
	e := ledgerEnv(t, func(c *app.Config) { c.StreamsPerUser = 8 })
	addr := serve(t, e)
	// Ensure five downloads whose clients read nothing (more than may read
	// the database at once) all start, and that their
	// rows are read to the end while the clients still read nothing: no
	// pool connection stays taken, and everyone else is served.
	for i, path := range []string{"/api/v1/exports/inspections.csv", "/api/v1/exports/inspections.xlsx", "/api/v1/exports/hazards.csv",
		"/api/v1/exports/inspections.csv", "/api/v1/venues/points"} {
		if _, status, _ := slowGet(t, addr, path, e.Token("admin")); status != http.StatusOK {
			t.Fatalf("download %d (%s): %d", i, path, status)
		}
	}
	eventually(t, "the pool's connections given back while the downloads are unread", func() bool { return inUse(t, e) == 0 })
	e.Get("off-dcf-1-g1", "/api/v1/me").Must(t, http.StatusOK)
	if r := e.Get("", "/readyz"); r.Status != http.StatusOK {
		t.Fatalf("/readyz: %d %s", r.Status, r.Body)
	}
}

func TestStreamsLimits(t *testing.T) {
	t.Parallel()
	e := ledgerEnv(t, func(c *app.Config) { c.StreamsPerUser, c.StreamsInFlight = 1, 2 })
	addr := serve(t, e)
	const ledger = "/api/v1/exports/inspections.csv"
	first, status, _ := slowGet(t, addr, ledger, e.Token("admin"))
	if status != http.StatusOK {
		t.Fatalf("first ledger: %d", status)
	}
	// Ensure a second ledger of the same user, while the first is still on
	// its way, is refused with 429 and Retry-After; the map, another kind
	// of answer, is not.
	r := newOAChecker(t, e).check(t, http.StatusTooManyRequests, apptest.Request{Method: "GET", Path: ledger, As: "admin"})
	wantProblem(t, r, http.StatusTooManyRequests, "")
	if r.Header.Get("Retry-After") == "" || !strings.Contains(string(r.Body), "/problems/too-many-streams") {
		t.Fatalf("429 without Retry-After or its type: %v %s", r.Header, r.Body)
	}
	e.Get("admin", "/api/v1/venues/points?limit=10").Must(t, http.StatusOK)
	// Ensure another user's ledger passes while the service has room, and
	// a third one is refused with 503 and Retry-After once it has none.
	eventually(t, "the map's slot given back", func() bool {
		_, status, _ := slowGet(t, addr, ledger, e.Token("sup-dcf-1"))
		return status == http.StatusOK
	})
	r = e.Get("sup-kfq-1", "/api/v1/exports/hazards.xlsx")
	wantProblem(t, r, http.StatusServiceUnavailable, "")
	if r.Header.Get("Retry-After") == "" || !strings.Contains(string(r.Body), "/problems/busy") {
		t.Fatalf("503 without Retry-After or its type: %v %s", r.Header, r.Body)
	}
	// Ensure a slot is given back when its client goes away.
	first.Close()
	eventually(t, "a ledger after its client went away", func() bool { return e.Get("admin", ledger).Status == http.StatusOK })
}

func TestReadyzSaturatedPool(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	if r := e.Get("", "/readyz"); r.Status != http.StatusOK {
		t.Fatalf("/readyz: %d %s", r.Status, r.Body)
	}
	// Ensure /readyz answers 503, saying why, while every connection of the
	// pool is taken, and 200 again once they are given back.
	sqlDB, err := e.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range sqlDB.Stats().MaxOpenConnections {
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
	}
	r := e.Get("", "/readyz")
	if m := r.Map(t); r.Status != http.StatusServiceUnavailable || m["status"] != "database pool saturated" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("/readyz with the pool taken: %d %v %v", r.Status, r.Header, m)
	}
}

func TestPhotoRanges(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	const off = "off-dcf-1-g1"
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	data := pic.Bytes()
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "fix.png")
	_, _ = fw.Write(data)
	_ = mw.Close()
	p := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/photos", As: off, Body: form.Bytes(),
		Header: map[string]string{"Content-Type": mw.FormDataContentType()}}).Must(t, http.StatusCreated).Map(t)
	url := p["url"].(string)
	get := func(h map[string]string) *apptest.Response {
		return e.Do(apptest.Request{Method: "GET", Path: url, As: off, Header: h})
	}
	whole := get(nil).Must(t, http.StatusOK)
	etag := whole.Header.Get("ETag")
	if !bytes.Equal(whole.Body, data) || whole.Header.Get("Accept-Ranges") != "bytes" || etag != `"`+p["sha256"].(string)+`"` {
		t.Fatalf("whole photo: %d bytes, headers %v", len(whole.Body), whole.Header)
	}
	n := len(data)
	for _, c := range []struct {
		rng        string
		start, end int // the bytes wanted, end excluded
	}{{"bytes=0-9", 0, 10}, {"bytes=10-", 10, n}, {"bytes=-7", n - 7, n}, {"bytes=5-100000", 5, n}} {
		r := get(map[string]string{"Range": c.rng}).Must(t, http.StatusPartialContent)
		want := fmt.Sprintf("bytes %d-%d/%d", c.start, c.end-1, n)
		if !bytes.Equal(r.Body, data[c.start:c.end]) || r.Header.Get("Content-Range") != want || r.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("Range %s: %d bytes, Content-Range %q (want %q)", c.rng, len(r.Body), r.Header.Get("Content-Range"), want)
		}
	}
	// Ensure a range past the end answers 416 with the size; several
	// ranges, or a client whose copy is another photo, get it whole.
	r := get(map[string]string{"Range": fmt.Sprintf("bytes=%d-", n)})
	if r.Status != http.StatusRequestedRangeNotSatisfiable || r.Header.Get("Content-Range") != fmt.Sprintf("bytes */%d", n) {
		t.Fatalf("Range past the end: %d %v", r.Status, r.Header)
	}
	if r := get(map[string]string{"Range": "bytes=0-1,5-6"}).Must(t, http.StatusOK); !bytes.Equal(r.Body, data) {
		t.Fatalf("two ranges: %d bytes", len(r.Body))
	}
	if r := get(map[string]string{"Range": "bytes=0-1", "If-Range": `"other"`}).Must(t, http.StatusOK); !bytes.Equal(r.Body, data) {
		t.Fatalf("If-Range of another photo: %d bytes", len(r.Body))
	}
	// Ensure a client that has the photo gets 304 without the bytes.
	if r := get(map[string]string{"If-None-Match": etag}); r.Status != http.StatusNotModified || len(r.Body) != 0 {
		t.Fatalf("If-None-Match: %d, %d bytes", r.Status, len(r.Body))
	}
	// Ensure the answers are the documented ones.
	oa := newOAChecker(t, e)
	for status, h := range map[int]map[string]string{206: {"Range": "bytes=0-9"}, 304: {"If-None-Match": etag}, 416: {"Range": "bytes=999999-"}} {
		oa.check(t, status, apptest.Request{Method: "GET", Path: url, As: off, Header: h})
	}
}

func TestVenuesNearBounded(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 60})
	// Ensure a radius beyond 5 km is refused: it made one query read a
	// province.
	wantProblem(t, e.Get("admin", "/api/v1/venues?near=36.45,115.98&radius_m=5001"), 422, "radius_m")
	wantProblem(t, e.Get("admin", "/api/v1/venues/points?near=36.45,115.98&radius_m=5001"), 422, "radius_m")
	e.Get("admin", "/api/v1/venues?near=36.45,115.98&radius_m=5000").Must(t, http.StatusOK)
	// Ensure venues at the same distance (one building: the same position)
	// are paged by id, each once, wherever a page ends among them: the
	// index orders by distance alone.
	grid := e.Unit("gxq-1-g1")
	const lat, lng = 36.61, 116.21
	for i := range 7 {
		e.Post("admin", "/api/v1/venues", map[string]any{"name": fmt.Sprintf("同楼商铺%d", i), "category": "shop", "risk_level": "green",
			"grid_id": grid, "address": "同一栋楼", "lat": lat, "lng": lng}).Must(t, http.StatusCreated)
	}
	for _, limit := range []int{1, 2, 3, 5} {
		items, _ := walk(t, e, "admin", fmt.Sprintf("/api/v1/venues?near=%g,%g&limit=%d", lat, lng, limit))
		sameSet(t, "venues by distance", ids(t, items), dbIDs(t, e, "SELECT id::text FROM venues"))
		for i := 1; i < len(items); i++ {
			a, b := items[i-1], items[i]
			da, db := a["distance_m"].(float64), b["distance_m"].(float64)
			if da > db || da == db && a["id"].(string) >= b["id"].(string) {
				t.Fatalf("limit %d, items %d and %d out of order: %v %v, %v %v", limit, i-1, i, a["id"], da, b["id"], db)
			}
		}
		if items[6]["distance_m"].(float64) != 0 || items[7]["distance_m"].(float64) == 0 {
			t.Fatalf("limit %d: the seven venues of the building are not first: %v", limit, items[:8])
		}
	}
}
