package models

import (
	"context"
	"errors"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// A report about an address (not a venue in Jiuxiao) has no complaint
// inspection until it is tied to a venue. After checking the address, the
// grid's officer or a supervisor either ties it to the venue that is there
// (a known one: LinkReport; a new one: ReportToVenue), whose complaint
// inspection then checks and closes it, or closes it with a reason
// (CloseReport): nothing found, no such place, or not fire supervision's
// business and referred. A report about a venue is closed by its complaint
// inspection only.

// lockAddressReport locks a received report about an address in scope.
func lockAddressReport(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (Report, error) {
	if actor.IsOwner() || actor.IsService() {
		return Report{}, ErrNotFound
	}
	var locked struct{ ID uuid.UUID }
	err := actor.Scoped(tx.WithContext(ctx).Table("reports r"), "r.grid_id").Select("r.id").Where("r.id = ?", id).Clauses(forUpdate).Take(&locked).Error
	if err != nil {
		return Report{}, translate(err, "lock report")
	}
	r, err := readReport(ctx, tx, actor, id, now)
	switch {
	case err != nil:
		return r, err
	case r.Status != vocab.ReportReceived:
		return r, Conflict("status", "the report is checked already")
	case r.VenueID != nil:
		return r, Conflict("venue_id", "the report is about a venue: its complaint inspection checks it (submit the inspection)")
	}
	return r, nil
}

// CloseReport closes a report about an address in scope after the address
// was checked: checked now, the reporter told the reason's outcome (by SMS
// if they left a number), the note kept for staff only.
func CloseReport(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, reason vocab.ReportCloseReason, note string, now time.Time) (Report, error) {
	var c Check
	term(&c, "reason", vocab.ReportCloseReasons, reason)
	c.Add(utf8.RuneCountInString(note) > 2000, "note", "is at most 2000 characters")
	if err := c.Err(); err != nil {
		return Report{}, err
	}
	var out Report
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := lockAddressReport(ctx, tx, actor, id, now); err != nil {
			return err
		}
		var err error
		out, err = closeReport(ctx, tx, actor, id, closeOutcomes[reason], &reason, note, now)
		return err
	})
	if err != nil {
		return Report{}, err
	}
	return out, out.finish(actor, now)
}

// LinkReport ties a report about an address in scope to the known venue in
// scope that is there: the report moves to the venue's grid and joins (or
// makes) its complaint inspection, on the report's own clock.
func LinkReport(ctx context.Context, db *gorm.DB, actor Actor, id, venueID uuid.UUID, clock ReportClock) (Report, error) {
	var out Report
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockAddressReport(ctx, tx, actor, id, clock.Now)
		if err != nil {
			return err
		}
		v, err := GetVenue(ctx, tx, actor, venueID)
		if errors.Is(err, ErrNotFound) {
			return Invalid("venue_id", "is not a venue you can see")
		} else if err != nil {
			return err
		}
		if v.Status != vocab.VenueActive {
			return Conflict("venue_id", "the venue is %s", v.Status)
		}
		err = tx.Exec("UPDATE reports SET venue_id = ?, grid_id = ?, version = version + 1, updated_at = now() WHERE id = ?", v.ID, v.GridID, id).Error
		if err != nil {
			return translate(err, "link report")
		}
		if err := complaintFor(ctx, tx, actor, id, v, before.DueAt, clock); err != nil {
			return err
		}
		if out, err = readReport(ctx, tx, actor, id, clock.Now); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "link_venue", "report", id, &out.GridID, before.audit(), out.audit())
	})
	if err != nil {
		return Report{}, err
	}
	return out, out.finish(actor, clock.Now)
}
