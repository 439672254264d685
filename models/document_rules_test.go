package models

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

func TestDocumentLife(t *testing.T) {
	t.Parallel()
	wantLife(t, DocumentLife, vocab.DocumentStatuses.Values(), map[string]map[vocab.DocumentStatus]vocab.DocumentStatus{
		ActIssue: {vocab.DocDraft: vocab.DocIssued},
		ActServe: {vocab.DocIssued: vocab.DocServed},
		ActVoid:  {vocab.DocDraft: vocab.DocVoid, vocab.DocIssued: vocab.DocVoid},
	})
}

func TestExtensionLife(t *testing.T) {
	t.Parallel()
	wantLife(t, ExtensionLife, vocab.ExtensionStatuses.Values(), map[string]map[vocab.ExtensionStatus]vocab.ExtensionStatus{
		ActApproveExtension: {vocab.ExtensionPending: vocab.ExtensionApproved},
		ActRejectExtension:  {vocab.ExtensionPending: vocab.ExtensionRejected},
	})
}

// Ensure a supervisor decides an extension, never on their own request,
// and only supervisors and admins void or approve a notice.
func TestDocumentDuties(t *testing.T) {
	t.Parallel()
	me, other := uuid.New(), uuid.New()
	sup := Actor{UserID: me, Role: vocab.Supervisor}
	off := Actor{UserID: me, Role: vocab.Officer}
	for _, c := range []struct {
		a      Actor
		d      Decision
		doneBy *uuid.UUID
		ok     bool
	}{
		{sup, GrantExtension, &other, true},
		{sup, GrantExtension, &me, false},
		{off, GrantExtension, &other, false},
		{sup, ApproveNotice, &other, true},
		{sup, ApproveNotice, &me, false},
		{off, ApproveNotice, &other, false},
		{sup, VoidPaper, nil, true},
		{off, VoidPaper, nil, false},
	} {
		err := c.a.MayDecide(c.d, c.doneBy)
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrForbidden)) {
			t.Errorf("%s decision %d on work by %v: %v, want ok=%v", c.a.Role, c.d, c.doneBy, err, c.ok)
		}
	}
}

// Ensure the serve-by date is 3 working days on the calendar, and the
// inspection record has none.
func TestServeBy(t *testing.T) {
	t.Parallel()
	d := func(y int, m time.Month, day int) schedules.Date { return schedules.NewDate(y, m, day) }
	cal := schedules.Calendar{Holidays: map[schedules.Date]bool{d(2026, 6, 19): true}, Workdays: map[schedules.Date]bool{}}
	for _, c := range []struct {
		kind vocab.DocumentKind
		day  schedules.Date
		want string
	}{
		{vocab.DocDeadlineOrder, d(2026, 6, 3), "2026-06-08"},   // Wed → Thu, Fri, Mon
		{vocab.DocImmediateOrder, d(2026, 6, 17), "2026-06-23"}, // Wed → Thu, (Fri 19 a holiday), Mon, Tue
		{vocab.DocExtensionDecision, d(2026, 6, 6), "2026-06-10"},
		{vocab.DocInspectionRecord, d(2026, 6, 3), ""},
	} {
		got := serveBy(cal, c.kind, c.day)
		if (got == nil && c.want != "") || (got != nil && got.String() != c.want) {
			t.Errorf("serveBy(%s, %s) = %v, want %q", c.kind, c.day, got, c.want)
		}
	}
	by := d(2026, 6, 8)
	for _, c := range []struct {
		status vocab.DocumentStatus
		today  schedules.Date
		want   bool
	}{
		{vocab.DocIssued, d(2026, 6, 8), false},
		{vocab.DocIssued, d(2026, 6, 9), true},
		{vocab.DocDraft, d(2026, 6, 9), true},
		{vocab.DocServed, d(2026, 6, 9), false},
		{vocab.DocVoid, d(2026, 6, 9), false},
	} {
		if got := DocumentOverdue(c.status, &by, c.today); got != c.want {
			t.Errorf("DocumentOverdue(%s, %s) = %v", c.status, c.today, got)
		}
	}
	if DocumentOverdue(vocab.DocIssued, nil, d(2030, 1, 1)) {
		t.Error("a document without serve_by is overdue")
	}
}

// Ensure an extension is asked before the deadline, for a later date,
// within MAX_DEADLINE_DAYS of today.
func TestCheckExtension(t *testing.T) {
	t.Parallel()
	r := FieldRules{MaxDeadlineDays: 90}
	today := schedules.NewDate(2026, 6, 3)
	for _, c := range []struct {
		deadline, requested schedules.Date
		field               string
		conflict            bool
	}{
		{today.AddDays(5), today.AddDays(10), "", false},
		{today, today.AddDays(90), "", false},
		{today.AddDays(-1), today.AddDays(10), "deadline", true},
		{today.AddDays(5), today.AddDays(5), "requested_deadline", false},
		{today.AddDays(5), today.AddDays(91), "requested_deadline", false},
	} {
		err := r.checkExtension(c.deadline, c.requested, today)
		var conflict *ConflictError
		var invalid *ValidationError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s → %s: %v", c.deadline, c.requested, err)
		case c.conflict && (!errors.As(err, &conflict) || conflict.Field != c.field):
			t.Errorf("%s → %s: %v, want a conflict on %s", c.deadline, c.requested, err, c.field)
		case c.field != "" && !c.conflict && !errors.As(err, &invalid):
			t.Errorf("%s → %s: %v, want invalid %s", c.deadline, c.requested, err, c.field)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	t.Parallel()
	vals := map[string]string{"venue": "㵘水小吃店", "deadline": "2026年06月20日"}
	if got := fillPlaceholders("{venue}：于{deadline}前改正", vals); got != "㵘水小吃店：于2026年06月20日前改正" {
		t.Errorf("filled = %q", got)
	}
	for s, ok := range map[string]bool{"{venue}{station}{decision}": true, "无占位符": true, "{due}": false, "{venue": false, "venue}": false, "{}": false} {
		var c Check
		checkPlaceholders(&c, "order", s)
		if (c.Err() == nil) != ok {
			t.Errorf("checkPlaceholders(%q) = %v, want ok=%v", s, c.Err(), ok)
		}
	}
	if got := DocumentNumber("聊东", "限", 2026, 7); got != "聊东公（消）限字〔2026〕第0007号" {
		t.Errorf("number = %q", got)
	}
}

// TestDocumentLedgerWords: the document ledger's term columns show the
// vocabulary's words.
func TestDocumentLedgerWords(t *testing.T) {
	today := schedules.NewDate(2026, 6, 3)
	base := documentRecord{ID: "d", Kind: vocab.DocDeadlineOrder, Status: vocab.DocIssued, Method: vocab.ServeInPerson}
	row := func(edit func(*documentRecord)) []string {
		r := base
		edit(&r)
		return rowText(documentRow(r, today, time.UTC))
	}
	h := DocumentLedgerHeader
	ledgerColumn(t, h, vocab.DocumentKinds, func(v vocab.DocumentKind) []string { return row(func(r *documentRecord) { r.Kind = v }) })
	ledgerColumn(t, h, vocab.DocumentStatuses, func(v vocab.DocumentStatus) []string { return row(func(r *documentRecord) { r.Status = v }) })
	ledgerColumn(t, h, vocab.ServiceMethods, func(v vocab.ServiceMethod) []string { return row(func(r *documentRecord) { r.Method = v }) })
}
