package notify

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
)

// SMSSender sends one text message; id names it (the webhook-id of the
// webhook driver). A non-nil error means "try again later".
type SMSSender interface {
	Send(ctx context.Context, id string, m models.SMS) (*int, error)
}

// LogSMS is SMS_DRIVER=log: the message is written to the log, whole (a demo
// reads its one-time code there).
type LogSMS struct{ Log *slog.Logger }

// Send logs the message as its template renders it.
func (l LogSMS) Send(_ context.Context, id string, m models.SMS) (*int, error) {
	text, err := models.RenderSMS(m.Template, m.Params)
	if err != nil {
		return nil, err
	}
	l.Log.Info("sms", "id", id, "to", m.Phone, "template", m.Template, "text", text)
	return nil, nil
}

// WebhookSMS is SMS_DRIVER=webhook: a JSON POST of {to, template, params} to
// the gateway's URL, signed like a webhook delivery with Secret.
type WebhookSMS struct {
	URL    string
	Secret string
	Now    func() time.Time
	client *http.Client
}

// NewWebhookSMS is the webhook driver; the gateway's host is trusted as
// configured (it may be on the internal network).
func NewWebhookSMS(url, secret string, allow models.AllowList) *WebhookSMS {
	return &WebhookSMS{URL: url, Secret: secret, client: newClient(allow, 16)}
}

// Send POSTs the message.
func (w *WebhookSMS) Send(ctx context.Context, id string, m models.SMS) (*int, error) {
	body, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	return postSigned(ctx, w.client, w.URL, []string{w.Secret}, id, now(), body)
}
