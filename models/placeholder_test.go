package models

import (
	"errors"
	"strings"
	"testing"
)

// Ensure the documents' templates and the text messages read placeholders
// alike: whatever stands between braces is a name, so a name a text message
// lacks a value for — even one a narrower pattern would not see — is
// refused, and a document template's unknown one too.
func TestOnePlaceholderPattern(t *testing.T) {
	saved := smsTemplates
	t.Cleanup(func() { smsTemplates = saved })
	smsTemplates = map[string]string{"t": "【九小场所】{venue}：{Deadline}前{venue}整改"}

	_, err := RenderSMS("t", map[string]string{"venue": "甲店"})
	var v *ValidationError
	if !errors.As(err, &v) || !strings.Contains(err.Error(), "Deadline") {
		t.Fatalf("RenderSMS with {Deadline} unfilled = %v, want a validation error naming it", err)
	}
	out, err := RenderSMS("t", map[string]string{"venue": "甲店", "Deadline": "6月20日"})
	if err != nil || out != "【九小场所】甲店：6月20日前甲店整改" {
		t.Fatalf("RenderSMS = %q, %v", out, err)
	}

	var c Check
	checkPlaceholders(&c, "order", "于{Deadline}前改正")
	if c.Err() == nil {
		t.Error("a template's {Deadline} is accepted")
	}
	if got := fillPlaceholders("{venue}：{deadline}前", map[string]string{"venue": "甲店", "deadline": "6月20日"}); got != "甲店：6月20日前" {
		t.Errorf("fillPlaceholders = %q", got)
	}
	for name, text := range saved {
		if _, missing := expandPlaceholders(text, nil); len(missing) == 0 && strings.ContainsAny(text, "{}") {
			t.Errorf("SMS template %s has braces that are not placeholders: %s", name, text)
		}
	}
}
