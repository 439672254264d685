package models

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Corrections and reissues. A document is never edited once made: a
// resubmission that corrects what an order lists, or a supervisor's reissue,
// makes a new document under a new number that names the old one
// (replaces_id), and the old one is void — unless it was served, since a
// served document never changes: it stays served, and the corrected one is
// issued (and served again) alongside.

// CorrectedReason is the void reason of a document a resubmission
// corrected.
const CorrectedReason = "corrected"

// currentDocuments are an inspection's documents that stand, by kind: not
// void, and not replaced by another that is not void.
func currentDocuments(ctx context.Context, tx *gorm.DB, inspectionID uuid.UUID) (map[vocab.DocumentKind]Document, error) {
	var ds []Document
	err := documents(ctx, tx, Actor{Role: vocab.Admin}).Select(documentColumns).
		Where(`d.inspection_id = ? AND d.status <> 'void' AND d.extension_id IS NULL
			AND NOT EXISTS (SELECT 1 FROM documents r WHERE r.replaces_id = d.id AND r.status <> 'void')`, inspectionID).
		Order("d.created_at").Clauses(clause.Locking{Strength: forUpdate.Strength, Table: clause.Table{Name: "d"}}).Find(&ds).Error
	if err != nil {
		return nil, translate(err, "read documents")
	}
	out := make(map[vocab.DocumentKind]Document, len(ds))
	for _, d := range ds {
		d.finish(schedules.Date{})
		out[d.Kind] = d
	}
	return out, nil
}

// sameListing reports whether a document lists what a new sheet would: the
// same hazards, items, checklist, notes and deadline.
func sameListing(cur Document, sheet forms.Sheet, ids []uuid.UUID) bool {
	if !slices.Equal([]uuid.UUID(cur.HazardIDs), ids) {
		return false
	}
	key := func(s forms.Sheet) string {
		b, _ := json.Marshal([]any{s.Items, s.Checklist, s.Notes, s.Deadline, s.Venue, s.Address})
		return string(b)
	}
	return key(cur.Content) == key(sheet)
}

// correctDocument replaces cur by n when the resubmission changed what it
// lists (CorrectedReason), and leaves it as it is otherwise.
func correctDocument(ctx context.Context, tx *gorm.DB, actor Actor, cur Document, n newDocument, cal schedules.Calendar, today schedules.Date) error {
	if sameListing(cur, n.Sheet, n.HazardIDs) {
		return nil
	}
	_, err := replaceDocument(ctx, tx, actor, cur, n, CorrectedReason, cal, today)
	return err
}

// replaceDocument voids cur (locked in tx) with reason unless it was served,
// and makes n in its place, naming it; each with its audit row and event.
func replaceDocument(ctx context.Context, tx *gorm.DB, actor Actor, cur Document, n newDocument, reason string,
	cal schedules.Calendar, today schedules.Date) (Document, error) {
	if cur.Status != vocab.DocServed {
		if _, err := voidLocked(ctx, tx, actor, cur, reason, today); err != nil {
			return Document{}, err
		}
	}
	n.ReplacesID = &cur.ID
	return makeDocument(ctx, tx, actor, n, cal, today)
}

// ReissueDocument voids an issued, unserved document in scope with a reason
// and issues a copy of it under a new number, to be served from today
// (POST /documents/{id}/reissue). Supervisors and admins only; a served
// document never changes (409), and a draft has no number to replace.
// The same request again answers the copy made.
func ReissueDocument(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, reason string, today schedules.Date) (Document, bool, error) {
	var c Check
	c.Add(strings.TrimSpace(reason) == "" || len([]rune(reason)) > 500, "reason", "say why it is reissued (1-500 characters)")
	if err := c.Err(); err != nil {
		return Document{}, false, err
	}
	var out Document
	made := false
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := lockDocument(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		if err := actor.MayDecide(VoidPaper, nil); err != nil {
			return err
		}
		if d.Status == vocab.DocVoid && d.VoidReason != nil && *d.VoidReason == reason {
			var copies []uuid.UUID
			if err := tx.Raw("SELECT id FROM documents WHERE replaces_id = ? ORDER BY created_at DESC LIMIT 1", id).Scan(&copies).Error; err != nil {
				return translate(err, "read reissue")
			}
			if len(copies) > 0 {
				out, err = GetDocument(ctx, tx, actor, copies[0], today)
				return err // a retry
			}
		}
		switch d.Status {
		case vocab.DocServed:
			return Conflict("status", "the document is served: a served document never changes")
		case vocab.DocIssued:
		default:
			return Conflict("status", "the document is %s; only an issued, unserved one is reissued", d.Status)
		}
		cal, err := schedules.LoadCalendar(ctx, tx, today)
		if err != nil {
			return err
		}
		out, err = replaceDocument(ctx, tx, actor, d, newDocument{Kind: d.Kind, GridID: d.GridID, VenueID: d.VenueID,
			InspectionID: d.InspectionID, ExtensionID: d.ExtensionID, HazardIDs: d.HazardIDs, Sheet: d.Content, ServeFrom: today, Invite: d.OwnerInviteID}, reason, cal, today)
		made = err == nil
		return err
	})
	return out, made, err
}
