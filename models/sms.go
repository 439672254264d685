package models

import (
	"context"
	_ "embed"
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// SMS templates are data (sms_templates.json): a name, and the Chinese text
// with {param} placeholders. The log driver writes the text; a gateway gets
// the name and the params, and sends its own copy of the text, registered
// with the carrier under that name.
//
//go:embed sms_templates.json
var smsTemplatesJSON []byte

var smsTemplates = func() map[string]string {
	var m map[string]string
	if err := json.Unmarshal(smsTemplatesJSON, &m); err != nil {
		panic("models: sms_templates.json: " + err.Error())
	}
	return m
}()

// SMS template names.
const (
	SMSOneTimeCode     = "otp"
	SMSDeadlineSoon    = "hazard_deadline_soon"
	SMSDeadlineToday   = "hazard_deadline_today"
	SMSHazardOverdue   = "hazard_overdue"
	SMSReportOutcome   = "report_outcome"
	smsReminderWindow  = 3 // days before a deadline that its reminder goes out
	smsOverdueLookback = 7 // days after a deadline that an overdue reminder still goes out
)

// RenderSMS is a template's text with its params filled in. An unknown
// template, or a placeholder without a param, is a ValidationError.
func RenderSMS(template string, params map[string]string) (string, error) {
	text, ok := smsTemplates[template]
	if !ok {
		return "", Invalid("template", "is not a template of sms_templates.json")
	}
	out, missing := expandPlaceholders(text, params) // the placeholders of template.go
	if len(missing) > 0 {
		return "", Invalid("params", "lacks %s", strings.Join(missing, ", "))
	}
	return out, nil
}

// SMSTemplates are the names of the templates, sorted.
func SMSTemplates() []string {
	out := make([]string, 0, len(smsTemplates))
	for k := range smsTemplates {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// mobilePattern is a mainland mobile number, the only kind an SMS reaches.
var mobilePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

const mobileSQL = `'^1[3-9][0-9]{9}$'`

// QueueSMS queues a text message in tx's transaction: it is sent (or, with
// SMS_DRIVER=log, logged) by a dispatcher after the commit, with retries, and
// not at all if the transaction rolls back. dedupeKey, when not empty, makes
// it once only: a second message with the key is dropped and QueueSMS
// reports false. It is how one-time codes, reminders and a report's outcome
// reach owners and reporters.
func QueueSMS(ctx context.Context, tx *gorm.DB, phone, template string, params map[string]string, dedupeKey string) (bool, error) {
	if !mobilePattern.MatchString(phone) {
		return false, Invalid("phone", "must be a mainland mobile number (11 digits, 1[3-9]…)")
	}
	if _, err := RenderSMS(template, params); err != nil {
		return false, err
	}
	p, err := json.Marshal(params)
	if err != nil {
		return false, err
	}
	var key any
	if dedupeKey != "" {
		key = dedupeKey
	}
	var ids []struct{ SmsID uuid.UUID }
	err = tx.WithContext(ctx).Raw(`WITH s AS (
			INSERT INTO sms_messages (phone, template, params, dedupe_key) VALUES (?, ?, ?::jsonb, ?)
			ON CONFLICT (dedupe_key) DO NOTHING RETURNING id)
		INSERT INTO deliveries (sms_id) SELECT id FROM s RETURNING sms_id`, phone, template, string(p), key).Scan(&ids).Error
	if err != nil {
		return false, translate(err, "queue sms")
	}
	return len(ids) > 0, nil
}

// remindDeadlines is the daily run's reminders to venues with an open hazard
// to fix by a deadline: three days before it (or fewer, for a deadline set
// closer), on the day, and once overdue (within smsOverdueLookback days, so
// that a first run does not text every owner of an old hazard at once). Each
// goes once only (its dedupe key), and only to a venue's mobile number on
// file. It returns how many it queued.
func remindDeadlines(ctx context.Context, tx *gorm.DB, today schedules.Date) (int64, error) {
	res := tx.WithContext(ctx).Exec(`WITH cand AS (
			SELECT h.id, h.deadline, v.name AS venue, v.contact_phone AS phone, coalesce(c.label_zh, h.code) AS hazard,
			       CASE WHEN h.deadline > ?::date THEN ? WHEN h.deadline = ?::date THEN ? ELSE ? END AS template
			FROM hazards h JOIN venues v ON v.id = h.venue_id LEFT JOIN checklist_items c ON c.code = h.code
			WHERE h.status = 'open' AND h.fix_mode = 'deadline'
			  AND h.deadline BETWEEN ?::date - ?::int AND ?::date + ?::int
			  AND v.status = 'active' AND v.contact_phone ~ `+mobileSQL+`
		),
		s AS (
			INSERT INTO sms_messages (phone, template, params, dedupe_key)
			SELECT phone, template,
			       jsonb_build_object('venue', venue, 'hazard', hazard, 'deadline', deadline::text, 'days', (deadline - ?::date)::text),
			       'hazard:' || id || ':' || template
			FROM cand ORDER BY id
			ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
		)
		INSERT INTO deliveries (sms_id) SELECT id FROM s`,
		today, SMSDeadlineSoon, today, SMSDeadlineToday, SMSHazardOverdue,
		today, smsOverdueLookback, today, smsReminderWindow, today)
	return res.RowsAffected, translate(res.Error, "queue deadline reminders")
}
