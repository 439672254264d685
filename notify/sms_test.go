package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
	"gorm.io/gorm"
)

// syncBuffer is a log sink the dispatcher's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Ensure the daily run reminds a venue of an open hazard's deadline three
// days before, on the day and when overdue, once each, only at a mobile
// number on file; and that SMS_DRIVER=log writes the Chinese text to the log.
func TestDeadlineReminders(t *testing.T) {
	t.Parallel()
	c := newClock(time.Date(2026, 6, 1, 10, 0, 0, 0, chinaTime))
	e := env(t, c)
	const off = "off-dcf-1-g1"
	_, codes := checklist(t, e)
	mobile, landline := venue(t, e, "dcf-1-g1", "甲便利店"), venue(t, e, "dcf-1-g1", "乙便利店")
	e.Do(apptestPatch("/api/v1/venues/"+landline["id"].(string), map[string]any{"contact_phone": "0635-8123456", "version": 1})).Must(t, http.StatusOK)
	visit(t, e, off, mobile, hazard(codes[0], "major", "deadline", "2026-06-04"))
	visit(t, e, off, landline, hazard(codes[0], "major", "deadline", "2026-06-04"))
	fixed := hazard(codes[1], "general", "deadline", "2026-06-04")
	visit(t, e, off, venue(t, e, "dcf-1-g1", "丙便利店"), fixed)
	e.Post(off, "/api/v1/hazards/"+fixed["id"].(string)+"/rectify", map[string]any{"description": "已整改"}).Must(t, http.StatusOK)

	templates := func() []string {
		var out []string
		if err := e.DB.Raw("SELECT template || ' ' || phone FROM sms_messages ORDER BY created_at, id").Scan(&out).Error; err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, day := range []int{1, 1, 2, 4, 4, 5, 6, 20} {
		c.Add(time.Date(2026, 6, day, 10, 0, 0, 0, chinaTime).Sub(c.Now()))
		e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK)
	}
	want := []string{"hazard_deadline_soon 13800000000", "hazard_deadline_today 13800000000", "hazard_overdue 13800000000"}
	if got := templates(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("messages %v, want %v", got, want)
	}

	var log syncBuffer
	// Queued by the database's clock: sent by the real one.
	d := dispatcher(e, func(o *notify.Options) { o.Log, o.Now = slog.New(slog.NewJSONHandler(&log, nil)), time.Now })
	if _, err := d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"甲便利店", "须在2026-06-04前整改完毕，还剩3天", "今天（2026-06-04）到整改期限", "已超过整改期限（2026-06-04）"} {
		if !strings.Contains(log.String(), text) {
			t.Errorf("the log has no %q:\n%s", text, log.String())
		}
	}
	var undelivered int64
	if err := e.DB.Raw("SELECT count(*) FROM deliveries WHERE sms_id IS NOT NULL AND status <> 'delivered'").Scan(&undelivered).Error; err != nil || undelivered != 0 {
		t.Fatalf("%d text messages undelivered (%v)", undelivered, err)
	}
}

// Ensure that SMS_DRIVER=webhook POSTs {to, template, params}, signed like
// a webhook, retried like one; and that a message queued in a transaction
// that rolls back is never sent.
func TestSMSWebhookDriver(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	rc := newReceiver(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	errUndo := errors.New("undo")
	err := e.DB.Transaction(func(tx *gorm.DB) error {
		if _, err := models.QueueSMS(context.Background(), tx, "13900000001", models.SMSOneTimeCode, map[string]string{"code": "000000", "minutes": "5"}, ""); err != nil {
			return err
		}
		return errUndo
	})
	if !errors.Is(err, errUndo) {
		t.Fatal(err)
	}
	err = e.DB.Transaction(func(tx *gorm.DB) error {
		_, err := models.QueueSMS(context.Background(), tx, "13900000001", models.SMSOneTimeCode, map[string]string{"code": "428913", "minutes": "5"}, "otp:1")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if queued, err := models.QueueSMS(context.Background(), e.DB, "13900000001", models.SMSOneTimeCode, map[string]string{"code": "1", "minutes": "5"}, "otp:1"); err != nil || queued {
		t.Fatalf("a second message with the key: queued %v, %v", queued, err)
	}
	for _, bad := range []struct {
		phone, template string
		params          map[string]string
		field           string
	}{
		{"0635-8123456", models.SMSOneTimeCode, map[string]string{"code": "1", "minutes": "5"}, "phone"},
		{"13900000001", "hello", nil, "template"},
		{"13900000001", models.SMSOneTimeCode, map[string]string{"code": "1"}, "params"},
	} {
		_, err := models.QueueSMS(context.Background(), e.DB, bad.phone, bad.template, bad.params, "")
		var v *models.ValidationError
		if !errors.As(err, &v) || v.Errors[0].Field != bad.field {
			t.Errorf("QueueSMS(%q, %q): %v, want a ValidationError on %s", bad.phone, bad.template, err, bad.field)
		}
	}
	allow := e.Cfg.WebhookAllow
	d := dispatcher(e, func(o *notify.Options) { o.SMS = notify.NewWebhookSMS(rc.URL+"/sms", secret, allow) })
	for range 2 {
		if _, err := d.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	reqs := rc.requests()
	if len(reqs) != 2 || reqs[0].ID != reqs[1].ID {
		t.Fatalf("the gateway got %d requests, want one failed and its retry with the same webhook-id", len(reqs))
	}
	verify(t, secret, reqs[1], time.Now())
	var m map[string]any
	if err := json.Unmarshal(reqs[1].Body, &m); err != nil {
		t.Fatal(err)
	}
	params, _ := m["params"].(map[string]any)
	if m["to"] != "13900000001" || m["template"] != "otp" || params["code"] != "428913" || len(m) != 3 {
		t.Fatalf("the gateway got %s", reqs[1].Body)
	}
}
