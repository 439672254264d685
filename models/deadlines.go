package models

import (
	"slices"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// This file is the rules of dates in field work: fix-by deadlines and
// their limit, when a reinspection opens and is due, when an inspection may
// start, the check-in radius, and the range of the figures.

// checkFix adds the problems of a hazard's fix mode and deadline to c
// under field f: an on-site fix has a photo and no deadline; a deadline is
// after today and at most MaxDeadlineDays ahead.
func (r FieldRules) checkFix(c *Check, f string, h NewHazard, today schedules.Date) {
	switch h.FixMode {
	case vocab.FixOnSite:
		c.Add(len(h.PhotoIDs) == 0, f+".photo_ids", "an on-site fix needs a photo of it")
		c.Add(h.Deadline != nil, f+".deadline", "an on-site fix has no deadline")
	case vocab.FixDeadline:
		c.Add(h.Deadline == nil, f+".deadline", "is required when fix_mode is deadline")
		if h.Deadline != nil {
			c.Add(!today.Before(*h.Deadline), f+".deadline", "must be after today (%s)", today)
			c.Add(h.Deadline.Sub(today) > r.MaxDeadlineDays, f+".deadline", "must be within %d days", r.MaxDeadlineDays)
		}
	default:
		term(c, f+".fix_mode", vocab.FixModes, h.FixMode)
	}
}

// offSite reports whether a start this far (metres) from the venue is
// beyond the check-in radius.
func (r FieldRules) offSite(distanceM float64) bool { return distanceM > r.CheckinRadiusM }

// reinspectionWindow is when the reinspection of a deadline opens (on the
// deadline) and is due: reinspectionWorkingDays working days after it.
func reinspectionWindow(cal schedules.Calendar, deadline schedules.Date) (opens, due schedules.Date) {
	return deadline, cal.AddWorkingDays(deadline, reinspectionWorkingDays)
}

// checkOpen is a ConflictError on "opens_on" when an inspection that opens
// on opensOn is started before then.
func checkOpen(opensOn, today schedules.Date) error {
	if today.Before(opensOn) {
		return Conflict("opens_on", "the inspection opens on %s", opensOn)
	}
	return nil
}

// maxStatsDays is the longest range of the figures: ten years.
const maxStatsDays = 3700

// checkStatsRange checks the range of the figures: both ends given, in
// order, at most maxStatsDays apart.
func checkStatsRange(from, to schedules.Date) error {
	var c Check
	c.Add(from.IsZero() || to.IsZero(), "from", "from and to are required dates")
	c.Add(!from.IsZero() && !to.IsZero() && to.Before(from), "to", "must not be before from")
	c.Add(to.Sub(from) > maxStatsDays, "to", "the range may span at most ten years")
	return c.Err()
}

// serveWorkingDays: an order is served within this many working days of
// the inspection (公安部令第120号 第十九条); a decision on an extension too.
const serveWorkingDays = 3

// serveBy is when a document made on day must be served by, or nil for a
// kind that is not served on the venue (the inspection record is signed
// during the visit and kept on file).
func serveBy(cal schedules.Calendar, kind vocab.DocumentKind, day schedules.Date) *schedules.Date {
	if kind == vocab.DocInspectionRecord {
		return nil
	}
	d := cal.AddWorkingDays(day, serveWorkingDays)
	return &d
}

// DocumentOverdue is the derived overdue flag: not yet served (nor void)
// and past its serve-by date.
func DocumentOverdue(status vocab.DocumentStatus, serveBy *schedules.Date, today schedules.Date) bool {
	return (status == vocab.DocDraft || status == vocab.DocIssued) && serveBy != nil && serveBy.Before(today)
}

// checkExtension is what an extension request of a hazard whose deadline is
// deadline must meet: asked on or before the deadline, for a later date at
// most MaxDeadlineDays from today.
func (r FieldRules) checkExtension(deadline, requested, today schedules.Date) error {
	if deadline.Before(today) {
		return Conflict("deadline", "the deadline (%s) has passed; an extension is asked before it", deadline)
	}
	var c Check
	c.Add(!deadline.Before(requested), "requested_deadline", "must be after the deadline now (%s)", deadline)
	c.Add(requested.Sub(today) > r.MaxDeadlineDays, "requested_deadline", "must be within %d days", r.MaxDeadlineDays)
	return c.Err()
}

// decideWorkingDays: a supervisor decides an extension within this many
// working days of the request.
const decideWorkingDays = 3

// The legal clock of a report (举报投诉, 公安部令第120号 第十八条): a report of
// blocked or locked exits and evacuation routes, or of fire facilities out
// of order, is checked within 24 hours of its receipt; any other within 3
// working days.
const (
	reportUrgentWithin = 24 * time.Hour
	reportWorkingDays  = 3
)

// reportUrgent are the kinds on the 24-hour clock.
var reportUrgent = []vocab.ReportKind{vocab.ReportBlockedExit, vocab.ReportFireFacility}

// ReportUrgent reports whether a report of kind is on the 24-hour clock.
func ReportUrgent(kind vocab.ReportKind) bool { return slices.Contains(reportUrgent, kind) }

// ReportDue is when a report received at received must be checked by: 24
// hours later for the urgent kinds; otherwise the end (24:00, that is 00:00
// of the next day) of the third working day after the day of receipt, in
// loc — the day of receipt is not counted, as periods of administrative
// procedure are counted, so a report received at 08:00 or at 23:00 on the
// same day has the same due time, and a holiday or a weekend (unless a
// make-up working day, 调休) is skipped.
func ReportDue(cal schedules.Calendar, kind vocab.ReportKind, received time.Time, loc *time.Location) time.Time {
	if ReportUrgent(kind) {
		return received.Add(reportUrgentWithin)
	}
	last := cal.AddWorkingDays(schedules.DateIn(received, loc), reportWorkingDays).AddDays(1)
	return time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, loc)
}

// ReportOverdue is the derived overdue flag of a report: not checked, and
// past its due time.
func ReportOverdue(status vocab.ReportStatus, due, now time.Time) bool {
	return status == vocab.ReportReceived && now.After(due)
}

// ReportInTime reports whether a checked report was checked by its due time.
func ReportInTime(due time.Time, checkedAt *time.Time) bool {
	return checkedAt != nil && !checkedAt.After(due)
}

// earlyReinspection is the window of a reinspection after the owner's 复查
// application on day applied (120号令 第二十条): it opens at once and is due
// reinspectionWorkingDays working days after the application, or when it
// was due already if that is sooner.
func earlyReinspection(cal schedules.Calendar, applied, wasDue schedules.Date) (opens, due schedules.Date) {
	due = cal.AddWorkingDays(applied, reinspectionWorkingDays)
	if wasDue.Before(due) {
		due = wasDue
	}
	return applied, due
}

// selfInspectionMonth is the month a self-inspection filed on day counts
// for (one per venue per month): its first day.
func selfInspectionMonth(day schedules.Date) schedules.Date {
	return day.AddDays(1 - day.Day())
}
