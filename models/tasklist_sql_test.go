package models_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure TaskListSQL, the statement the load harness gives pgbench, is the
// task list's own: run with its values, it answers the rows
// ListInspections answers for the same officer, in the same order, and the
// officer is among its values for the scope and the filter.
func TestTaskListSQL(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 1000})
	ctx := context.Background()
	officer := uuid.MustParse(e.User("off-dcf-1-g1"))
	today := schedules.DateIn(time.Now(), e.Cfg.Location)
	e.Generate(t, today.String())
	q, vars, err := models.TaskListSQL(ctx, e.DB, officer, today)
	if err != nil {
		t.Fatal(err)
	}
	if n := slices.Index(vars, any(officer)); n < 0 || strings.Contains(q, officer.String()) {
		t.Fatalf("the officer is not a value of the statement (%v):\n%s", vars, q)
	}
	pool, err := e.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	var got []uuid.UUID
	rows, err := pool.QueryContext(ctx, q, vars...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	for rows.Next() {
		cols, _ := rows.Columns()
		dest := make([]any, len(cols))
		var id uuid.UUID
		dest[0] = &id
		for i := 1; i < len(dest); i++ {
			dest[i] = new(any)
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	rows.Close()
	list, err := models.ListInspections(ctx, e.DB, models.Actor{UserID: officer, Role: vocab.Officer},
		models.InspectionFilter{Mine: true}, models.Page{}, today)
	if err != nil {
		t.Fatal(err)
	}
	var want []uuid.UUID
	for _, in := range list.Items {
		want = append(want, in.ID)
	}
	if len(want) == 0 || len(got) != len(want)+1 && len(got) != len(want) || !slices.Equal(got[:len(want)], want) {
		t.Fatalf("the statement answered %d rows %v, the list %d %v", len(got), got, len(want), want)
	}
}
