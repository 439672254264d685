package models_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Ensure a batch writes its rows in the order they were queued, with each
// subject's events numbered in that order after the ones it had, and
// nothing at all when the transaction fails.
func TestAuditBatch(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 1})
	actor := models.Actor{UserID: uuid.MustParse(e.User("admin")), Role: vocab.Admin, RequestID: "batch-test"}
	subject, grid := uuid.New(), uuid.MustParse(e.Unit("dcf-1-g1"))
	ctx := context.Background()
	audit := func(ctx context.Context, tx *gorm.DB, action, status string) error {
		return models.AuditOne(ctx, tx, actor, action, "venue", subject, &grid, nil, map[string]string{"status": status, "step": action})
	}
	// One event before the batch.
	if err := audit(ctx, e.DB, "create", "active"); err != nil {
		t.Fatal(err)
	}
	err := e.DB.Transaction(models.BatchAudits(ctx, actor, func(ctx context.Context, tx *gorm.DB) error {
		for _, step := range []string{"reclassify", "update", "update"} {
			if err := audit(ctx, tx, step, "active"); err != nil {
				return err
			}
		}
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Action   string
		Type     string
		Sequence int64
	}
	e.DB.Raw(`SELECT a.action, x.type, x.sequence FROM audit_log a JOIN events x ON x.audit_id = a.id
		WHERE a.entity_id = ? ORDER BY a.id`, subject).Scan(&rows)
	want := []string{"create venue.created 1", "reclassify venue.reclassified 2", "update venue.updated 3", "update venue.updated 4"}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	for i, r := range rows {
		if got := r.Action + " " + r.Type + " " + strconv.FormatInt(r.Sequence, 10); got != want[i] {
			t.Errorf("row %d: %s, want %s", i+1, got, want[i])
		}
	}
	var request string
	e.DB.Raw("SELECT request_id FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT 1", subject).Scan(&request)
	apptest.Equal(t, "the actor's request", request, "batch-test")

	// A failed transaction writes none of its queued rows.
	_ = e.DB.Transaction(models.BatchAudits(ctx, actor, func(ctx context.Context, tx *gorm.DB) error {
		if err := audit(ctx, tx, "update", "closed"); err != nil {
			return err
		}
		return gorm.ErrInvalidData
	}))
	var n int64
	e.DB.Raw("SELECT count(*) FROM audit_log WHERE entity_id = ?", subject).Scan(&n)
	apptest.Equal(t, "rows after a failed batch", n, int64(4))
}
