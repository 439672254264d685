package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
	"gorm.io/gorm"
)

// checkEvents checks the settings of webhooks and text messages.
func (c *Config) checkEvents() error {
	switch {
	case c.WebhookTimeout <= 0 || c.WebhookTimeout > 5*time.Minute:
		return errors.New("configuration: WEBHOOK_TIMEOUT must be positive and at most 5m")
	case c.WebhookConcurrency < 1 || c.WebhookPerReceiver < 1:
		return errors.New("configuration: WEBHOOK_CONCURRENCY and WEBHOOK_PER_RECEIVER must be at least 1")
	case c.WebhookRetryFor < 24*time.Hour:
		return errors.New("configuration: WEBHOOK_RETRY_FOR must be at least 24h")
	case c.SMSDriver != "log" && c.SMSDriver != "webhook":
		return fmt.Errorf("configuration: SMS_DRIVER must be log or webhook, not %q", c.SMSDriver)
	case c.SMSDriver == "webhook":
		if u, err := url.Parse(c.SMSWebhookURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return errors.New("configuration: SMS_DRIVER=webhook needs SMS_WEBHOOK_URL, an http(s) URL")
		}
		if err := notify.CheckSecret(c.SMSWebhookSecret); err != nil {
			return fmt.Errorf("configuration: SMS_WEBHOOK_SECRET: %w", err)
		}
	}
	return nil
}

// webhookRules are where subscriptions may point: https outside
// development and test, internal addresses only through the allow-list.
func (c Config) webhookRules() models.WebhookRules {
	return models.WebhookRules{RequireHTTPS: c.Env != "development" && c.Env != "test", Allow: c.WebhookAllow}
}

// NewDispatcher is the configured dispatcher of webhooks and text messages
// on db, counting into m (nil: nowhere).
func NewDispatcher(cfg Config, db *gorm.DB, m *notify.Metrics) *notify.Dispatcher {
	o := notify.Options{
		Timeout: cfg.WebhookTimeout, Concurrency: cfg.WebhookConcurrency, PerReceiver: cfg.WebhookPerReceiver,
		RetryFor: cfg.WebhookRetryFor, Allow: cfg.WebhookAllow, Now: cfg.now, Metrics: m, Log: slog.Default(),
	}
	if cfg.SMSDriver == "webhook" {
		allow := cfg.WebhookAllow
		if u, err := url.Parse(cfg.SMSWebhookURL); err == nil {
			allow.Hosts = append(append([]string{}, allow.Hosts...), u.Hostname()) // configured, so trusted
		}
		o.SMS = notify.NewWebhookSMS(cfg.SMSWebhookURL, cfg.SMSWebhookSecret, allow)
	}
	return notify.New(db, o)
}

// startDispatcher runs the dispatcher until the returned function is called,
// which waits for the requests in flight to finish.
func startDispatcher(ctx context.Context, cfg Config, db *gorm.DB, m *notify.Metrics) func() {
	if !cfg.Dispatch {
		return func() {}
	}
	d := NewDispatcher(cfg, db, m)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	slog.Info("dispatcher started", "sms_driver", cfg.SMSDriver, "concurrency", cfg.WebhookConcurrency)
	return func() { cancel(); <-done }
}
