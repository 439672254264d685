package models

import (
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
