package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
)

// docs:begin verify-go
// Verify checks a Jiuxiao delivery: secret is the subscription's whsec_…
// secret, h and body the request as received. It returns nil when one of
// the signatures is right and the timestamp is within five minutes of now.
func Verify(secret string, h http.Header, body []byte, now time.Time) error {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return err
	}
	id, ts := h.Get("webhook-id"), h.Get("webhook-timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return errors.New("missing or stale webhook-timestamp")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, sig := range strings.Fields(h.Get("webhook-signature")) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return nil
		}
	}
	return errors.New("no valid signature")
}

// docs:end verify-go

// docsBlock is the code block of docs/EVENTS.md that follows the marker
// <!-- name -->.
func docsBlock(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../docs/EVENTS.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- "+name+" -->")
	if !ok {
		t.Fatalf("docs/EVENTS.md has no <!-- %s --> block", name)
	}
	_, rest, _ = strings.Cut(rest, "```")
	_, rest, _ = strings.Cut(rest, "\n")
	code, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("docs/EVENTS.md: the %s block does not end", name)
	}
	return strings.TrimSpace(code)
}

// realDelivery is one delivery of ours as a receiver gets it, and the
// subscription's secret.
func realDelivery(t *testing.T) (string, string, http.Header, []byte) {
	t.Helper()
	e := env(t, nil)
	var h http.Header
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, body = r.Header.Clone(), must(io.ReadAll(r.Body))
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	webhook, secret := subscribe(t, e, srv.URL, models.EventReportClosed)
	// During a rotation's overlap two signatures go; either secret verifies.
	rotated := e.Post("admin", "/api/v1/webhooks/"+webhook+"/rotate-secret", nil).Must(t, http.StatusOK).Map(t)["secret"].(string)
	queue(t, e, webhook, 1)
	if n, err := dispatcher(e, nil).RunOnce(context.Background()); err != nil || n != 1 {
		t.Fatalf("sent %d: %v", n, err)
	}
	if len(strings.Fields(h.Get("webhook-signature"))) != 2 {
		t.Fatalf("webhook-signature %q during a rotation, want two", h.Get("webhook-signature"))
	}
	return secret, rotated, h, body
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Ensure that the Go example of docs/EVENTS.md is this file's Verify, and
// that it verifies a real delivery of ours and refuses a forged one; and so
// for the Python and JavaScript examples, where python3 and node are found.
func TestDocsVerifyExamples(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("docs_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, goCode, _ := strings.Cut(string(src), "// docs:begin verify-go\n")
	goCode, _, _ = strings.Cut(goCode, "// docs:end verify-go")
	if got := docsBlock(t, "verify-go"); got != strings.TrimSpace(goCode) {
		t.Fatalf("docs/EVENTS.md's Go example is not Verify of docs_test.go:\n%s", got)
	}
	old, secret, h, body := realDelivery(t)
	for _, s := range []string{old, secret} {
		if err := Verify(s, h, body, time.Now()); err != nil {
			t.Fatalf("the Go example refuses a real delivery: %v", err)
		}
	}
	forged := append([]byte{}, body...)
	forged[len(forged)-2] ^= 1
	if err := Verify(secret, h, forged, time.Now()); err == nil {
		t.Fatal("the Go example accepts a forged body")
	}
	if err := Verify(secret, h, body, time.Now().Add(time.Hour)); err == nil {
		t.Fatal("the Go example accepts a stale timestamp")
	}

	for _, lang := range []struct{ name, bin, harness string }{
		{"verify-python", "python3", `
import json, sys
case = json.load(sys.stdin)
ok = verify(case["secret"], case["headers"], case["body"].encode())
print("ok" if ok else "refused")
`},
		{"verify-js", "node", `
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const c = JSON.parse(input);
  console.log(verify(c.secret, c.headers, Buffer.from(c.body)) ? "ok" : "refused");
});
`},
	} {
		t.Run(lang.name, func(t *testing.T) {
			bin, err := exec.LookPath(lang.bin)
			if err != nil {
				t.Skipf("no %s here", lang.bin)
			}
			script := filepath.Join(t.TempDir(), "verify")
			if err := os.WriteFile(script, []byte(docsBlock(t, lang.name)+"\n"+lang.harness), 0o644); err != nil {
				t.Fatal(err)
			}
			run := func(b []byte) string {
				headers := map[string]string{}
				for _, k := range []string{"webhook-id", "webhook-timestamp", "webhook-signature"} {
					headers[k] = h.Get(k)
				}
				in, _ := json.Marshal(map[string]any{"secret": secret, "headers": headers, "body": string(b)})
				cmd := exec.Command(bin, script)
				cmd.Stdin = strings.NewReader(string(in))
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("%s: %v\n%s", lang.bin, err, out)
				}
				return strings.TrimSpace(string(out))
			}
			if got := run(body); got != "ok" {
				t.Errorf("the %s example says %q of a real delivery", lang.name, got)
			}
			if got := run(forged); got != "refused" {
				t.Errorf("the %s example says %q of a forged one", lang.name, got)
			}
		})
	}
}

// Ensure docs/EVENTS.md has a section, with an example, for every event type.
func TestDocsEveryEventType(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../docs/EVENTS.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, typ := range append(models.EventTypes, models.EventWebhookTest) {
		_, rest, ok := strings.Cut(doc, "\n### `"+string(typ)+"`")
		if !ok {
			t.Errorf("docs/EVENTS.md has no section ### `%s`", typ)
			continue
		}
		section, _, _ := strings.Cut(rest, "\n### ")
		if !strings.Contains(section, `"type": "`+string(typ)+`"`) {
			t.Errorf("docs/EVENTS.md: the %s section has no example", typ)
		}
	}
}
