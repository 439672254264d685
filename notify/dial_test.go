package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
)

// Ensure that the address is checked when it is dialled, after DNS: a
// subscription stored with a name that resolves to 127.0.0.1 (here,
// localhost, written past the API's check) is refused without the
// allow-list, and reached once the list names the address.
func TestDialTimeCheck(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	rc := newReceiver(t, nil)
	webhook, _ := subscribe(t, e, rc.URL, quiet)
	port := rc.URL[strings.LastIndex(rc.URL, ":"):]
	if err := e.DB.Exec("UPDATE webhooks SET url = ? WHERE id = ?", "http://localhost"+port+"/in", webhook).Error; err != nil {
		t.Fatal(err)
	}
	event := queue(t, e, webhook, 1)[0]
	refusing := dispatcher(e, func(o *notify.Options) { o.Allow = models.AllowList{} })
	if _, err := refusing.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := deliveryOf(t, e, event); d.Status != "pending" || !strings.Contains(d.LastError, "refused") || len(rc.requests()) != 0 {
		t.Fatalf("localhost without the allow-list: %+v, %d requests; want refused before connecting", d, len(rc.requests()))
	}
	time.Sleep(5 * time.Millisecond) // past the backoff
	if _, err := dispatcher(e, nil).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := deliveryOf(t, e, event); d.Status != "delivered" || len(rc.requests()) != 1 {
		t.Fatalf("localhost with 127.0.0.1/32 allowed: %+v, %d requests; want delivered", d, len(rc.requests()))
	}
}
