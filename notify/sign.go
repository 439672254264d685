// Package notify sends what the outbox holds: events to webhook
// subscriptions, signed as Standard Webhooks specifies, and text messages to
// the SMS gateway (or the log). A Dispatcher runs in every replica; the
// deliveries table (models) makes them share the work without doing it twice.
package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Sign is the webhook-signature header of a message: "v1,<base64 of
// HMAC-SHA256 of {id}.{timestamp}.{body}>" for each secret (whsec_ and the
// key in base64), space-separated, so that during a rotation a receiver
// holding either secret can verify.
func Sign(secrets []string, id string, ts time.Time, body []byte) (string, error) {
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		key, err := secretKey(s)
		if err != nil {
			return "", err
		}
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
		mac.Write(body)
		sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	}
	return strings.Join(sigs, " "), nil
}

// secretKey is the HMAC key of a whsec_ secret.
func secretKey(secret string) ([]byte, error) {
	b64, ok := strings.CutPrefix(secret, "whsec_")
	if !ok {
		return nil, errors.New("a signing secret starts with whsec_")
	}
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(key) < 16 {
		return nil, errors.New("a signing secret is whsec_ and at least 16 bytes in base64")
	}
	return key, nil
}

// CheckSecret reports whether s can sign (SMS_WEBHOOK_SECRET).
func CheckSecret(s string) error {
	_, err := secretKey(s)
	return err
}
