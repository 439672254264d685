package handlers_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/storage/s3test"
)

// TestDocumentSignatureS3: a receiver's signature image is a photo, kept in
// the S3 store like the others: a served document's PDF prints it from the
// bucket, and while the store is down the PDF is 503 with Retry-After
// rather than a paper that looks unsigned.
func TestDocumentSignatureS3(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	e := s3Env(t, srv, 2*time.Second, false)
	docDay(t, e, "2026-06-03")
	const off = "off-dcf-1-g1"
	venue := e.Venue(t, "dcf-1-g1")
	in := docVisit(t, e, off, venue, apptest.Hazard("evacuation_route", "major", "deadline", "2026-06-10"))
	order := docsOf(t, e, off, "inspection_id="+in)["deadline_order"]["id"].(string)
	png := apptest.PNG(9)
	sig := e.Photo(t, off, png)
	if !srv.Has(sha(png)) {
		t.Fatal("the signature is not in the bucket")
	}
	unsigned := e.Get(off, "/api/v1/documents/"+order+"/pdf").Must(t, http.StatusOK).Body
	e.Post(off, "/api/v1/documents/"+order+"/service", map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}).
		Must(t, http.StatusOK)
	signed := e.Get(off, "/api/v1/documents/"+order+"/pdf").Must(t, http.StatusOK).Body
	if n, m := bytes.Count(signed, []byte("/Image")), bytes.Count(unsigned, []byte("/Image")); n <= m {
		t.Fatalf("the served PDF has %d images, the unserved %d: the signature is not printed", n, m)
	}
	srv.Stop()
	wantUnavailable(t, e.Get(off, "/api/v1/documents/"+order+"/pdf"))
}
