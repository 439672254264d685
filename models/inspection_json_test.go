package models_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Ensure the list writer writes each value of PostgreSQL's binary format
// as the API's encoder writes the field it is read into, and leaves to
// that encoder what it does not write the same way. No database: the
// values are pgx's own encoding of each.
func TestInspectionJSONValues(t *testing.T) {
	t.Parallel()
	m := pgtype.NewMap()
	wire := func(oid uint32, v any) []byte {
		b, err := m.Encode(oid, pgtype.BinaryFormatCode, v, nil)
		if err != nil {
			t.Fatalf("encode %v as %d: %v", v, oid, err)
		}
		return b
	}
	id, other := uuid.MustParse("0193e0a0-0000-7000-8000-00000000ab01"), uuid.New()
	at := time.Date(2026, 12, 3, 7, 35, 22, 123456000, time.UTC).Local()
	beforeY2K := time.Date(1999, 12, 31, 23, 59, 59, 500000000, time.FixedZone("CST", 8*3600))
	jsonb := func(s string) []byte { return append([]byte{1}, s...) }
	type value struct {
		kind     string
		wire     []byte
		field    any  // the struct's value, encoded by handlers.MarshalJSON
		straight bool // written by the list writer, not left to the struct
	}
	values := []value{
		{"uuid", wire(pgtype.UUIDOID, id), id, true},
		{"uuid", wire(pgtype.UUIDOID, other), other, true},
		{"text", wire(pgtype.TextOID, "柳园路 12号"), "柳园路 12号", true},
		{"text", wire(pgtype.TextOID, ""), "", true},
		{"text", wire(pgtype.TextOID, `"引号" 反斜杠\ <&> `+"\u2028\u2029 😀"), `"引号" 反斜杠\ <&> ` + "\u2028\u2029 😀", true},
		{"text", wire(pgtype.TextOID, "两行\n"), "两行\n", false},
		{"text", wire(pgtype.TextOID, "\t"), "\t", false},
		{"text", wire(pgtype.TextOID, "\x7f"), "\x7f", false},
		{"text", []byte("a\xffb"), "a\xffb", false},
		{"bool", wire(pgtype.BoolOID, true), true, true},
		{"bool", wire(pgtype.BoolOID, false), false, true},
		{"int", wire(pgtype.Int4OID, int32(7)), 7, true},
		{"int", wire(pgtype.Int8OID, int64(-3)), -3, true},
		{"int", wire(pgtype.Int2OID, int16(300)), 300, true},
		{"checklist", jsonb("[]"), models.ChecklistAnswers{}, true},
		{"checklist", jsonb(`[{"item_code": "exits", "result": "pass"}]`), nil, false},
		{"uuids", wire(pgtype.UUIDArrayOID, []uuid.UUID{}), []uuid.UUID{}, true},
		{"uuids", wire(pgtype.UUIDArrayOID, []uuid.UUID{id, other}), []uuid.UUID{id, other}, true},
		{"uuids", wire(pgtype.UUIDArrayOID, []*uuid.UUID{&id, nil}), nil, false},
		{"json", jsonb(`{"month": "2026-11", "failed": ["exits"]}`), json.RawMessage(`{"month": "2026-11", "failed": ["exits"]}`), true},
	}
	for _, d := range []time.Time{
		time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		values = append(values, value{"date", wire(pgtype.DateOID, d), schedules.NewDate(d.Date()), true})
	}
	values = append(values, value{"date", wire(pgtype.DateOID, pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}), nil, false},
		value{"date", wire(pgtype.DateOID, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)), nil, false})
	for _, tm := range []time.Time{at, at.Truncate(time.Second), beforeY2K, time.Date(2000, 1, 1, 0, 0, 0, 1000, time.UTC)} {
		values = append(values, value{"time", wire(pgtype.TimestamptzOID, tm), tm.Local(), true})
	}
	values = append(values, value{"time", wire(pgtype.TimestamptzOID, pgtype.Timestamptz{InfinityModifier: pgtype.Infinity, Valid: true}), nil, false})
	for _, f := range []float64{36.456789, 115.98, 0, 12.5, -3.25, 1e-6, 1e20, 123456789.123, 0.1 + 0.2} {
		values = append(values, value{"float", wire(pgtype.Float8OID, f), f, true})
	}
	for _, f := range []float64{1e-7, 1e21, math.Copysign(0, -1), math.NaN(), math.Inf(1)} {
		values = append(values, value{"float", wire(pgtype.Float8OID, f), f, false})
	}
	for _, v := range values {
		name := fmt.Sprintf("%s %x", v.kind, v.wire)
		got, ok := models.WriteInspectionValue(v.kind, v.wire)
		if ok != v.straight {
			t.Errorf("%s: written straight %v, want %v (%s)", name, ok, v.straight, got)
			continue
		}
		if !ok {
			continue
		}
		want, err := handlers.MarshalJSON(v.field)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: written %s, the encoder writes %s", name, got, want)
		}
	}
}

// Ensure GET /inspections answers the bytes of its page read into structs,
// whatever the tasks hold (started, returned with hazards, texts to
// escape, numbers out of the plain range, a checklist with answers), for
// an officer's task list, its later pages, a supervisor's filters and a
// search by distance; in a transaction too (database/sql); and that the
// rows of ordinary tasks are written straight.
func TestInspectionsJSON(t *testing.T) {
	e := apptest.New(t, apptest.Options{Venues: 400, At: "2026-05-10T09:00:00+08:00"})
	ctx := context.Background()
	today := schedules.NewDate(2026, 5, 10)
	venue := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	e.Generate(t, "2026-05-10")
	mine := models.InspectionFilter{Mine: true}
	// A task returned by its supervisor, and the reinspection of its
	// hazard (no period).
	returned := e.ID("inspections", "venue_id", venue)
	e.Visit(t, "off-dcf-1-g1", returned, "shop", apptest.Deadline(uuid.NewString(), "wiring", "major", "2026-05-12"))
	e.Review(t, "sup-dcf-1", returned, false)

	// Only a task whose checklist holds answers (the returned one) is
	// read into a struct.
	before, answered := models.InspectionRowsByStruct(), 0
	pageOf := func(r *apptest.Response) models.List[json.RawMessage] {
		var page models.List[json.RawMessage]
		r.JSON(t, &page)
		for _, it := range page.Items {
			var in struct{ Checklist []any }
			if err := json.Unmarshal(it, &in); err != nil {
				t.Fatal(err)
			}
			if len(in.Checklist) > 0 {
				answered++
			}
		}
		return page
	}
	page := pageOf(e.SameInspections(t, "off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=4", mine, models.Page{Limit: 4}, today))
	if len(page.Items) != 4 || page.NextCursor == nil {
		t.Fatalf("a page of %d tasks, cursor %v: want 4 and a cursor", len(page.Items), page.NextCursor)
	}
	pageOf(e.SameInspections(t, "off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=4&cursor="+*page.NextCursor, mine, models.Page{Limit: 4, Cursor: *page.NextCursor}, today))
	all := pageOf(e.SameInspections(t, "off-dcf-1-g1", "/api/v1/inspections?mine=true", mine, models.Page{}, today))
	var kinds []string
	for _, it := range all.Items {
		var in struct{ Kind, Status string }
		_ = json.Unmarshal(it, &in)
		if !slices.Contains(kinds, in.Kind+" "+in.Status) {
			kinds = append(kinds, in.Kind+" "+in.Status)
		}
	}
	if len(kinds) < 3 {
		t.Fatalf("the tasks are all of %v: want a returned one and a reinspection too", kinds)
	}
	if n := models.InspectionRowsByStruct() - before; n != int64(answered) {
		t.Errorf("%d rows were read into structs; %d tasks have answers in their checklist", n, answered)
	}

	// Tasks with something of everything.
	var open []string
	e.DB.Raw(`SELECT i.id::text FROM inspections i JOIN user_grids ug ON ug.grid_id = i.grid_id JOIN users u ON u.id = ug.user_id
		WHERE u.username = 'off-dcf-1-g1' AND i.status = 'scheduled' AND i.kind = 'routine' ORDER BY i.due_date, i.id LIMIT 6`).Scan(&open)
	if len(open) < 6 {
		t.Fatalf("%d scheduled tasks, want 6", len(open))
	}
	e.Start("off-dcf-1-g1", open[0], apptest.OffSiteLat, apptest.VenueLng).Must(t, http.StatusOK)
	for _, edit := range []struct {
		sql  string
		args []any
	}{
		{"UPDATE inspections SET notes = ?, review_comment = ? WHERE id = ?", []any{`带"引号"和\反斜杠 <&>` + "\u2028", "两行\n第二行", open[1]}},
		{"UPDATE inspections SET start_lat = ?, start_lng = ?, start_accuracy_m = ?, start_distance_m = ? WHERE id = ?", []any{36.5, 1e-7, 1e22, math.Copysign(0, -1), open[2]}},
		{`UPDATE inspections SET checklist = '[{"item_code": "exits", "result": "pass"}]' WHERE id = ?`, []any{open[3]}},
		{"UPDATE venues SET name = ?, address = ? WHERE id = (SELECT venue_id FROM inspections WHERE id = ?)", []any{"店\t名", `"地址" \ 😀`, open[4]}},
	} {
		if err := e.DB.Exec(edit.sql, edit.args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	var lat, lng float64
	e.DB.Raw("SELECT v.lat, v.lng FROM venues v JOIN inspections i ON i.venue_id = v.id WHERE i.id = ?", open[5]).Row().Scan(&lat, &lng)
	near := &models.LatLng{Lat: lat, Lng: lng}

	for _, c := range []struct {
		as, path string
		f        models.InspectionFilter
		p        models.Page
	}{
		{"off-dcf-1-g1", "/api/v1/inspections?mine=true", mine, models.Page{}},
		{"off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=3", mine, models.Page{Limit: 3}},
		{"off-dcf-1-g1", "/api/v1/inspections?status=returned,in_progress", models.InspectionFilter{Statuses: []vocab.InspectionStatus{vocab.Returned, vocab.InProgress}}, models.Page{}},
		{"sup-dcf-1", "/api/v1/inspections?overdue=false&limit=200", models.InspectionFilter{Overdue: new(false)}, models.Page{Limit: 200}},
		{"sup-dcf-1", fmt.Sprintf("/api/v1/inspections?near=%v,%v&limit=7", lat, lng), models.InspectionFilter{Near: near}, models.Page{Limit: 7}},
	} {
		e.SameInspections(t, c.as, c.path, c.f, c.p, today)
	}
	if models.InspectionRowsByStruct() == before {
		t.Error("no row was left to the structs: the tasks hold nothing the writer leaves to them")
	}

	// Through database/sql, in a transaction, every row is read into an
	// Inspection: the same bytes.
	officer := e.Actor(t, "off-dcf-1-g1")
	native, err := models.ListInspectionsJSON(ctx, e.DB, officer, mine, models.Page{}, today, handlers.MarshalJSON)
	if err != nil {
		t.Fatal(err)
	}
	defer native.Release()
	err = e.DB.Transaction(func(tx *gorm.DB) error {
		viaSQL, err := models.ListInspectionsJSON(ctx, tx, officer, mine, models.Page{}, today, handlers.MarshalJSON)
		if err != nil {
			return err
		}
		defer viaSQL.Release()
		a, _ := handlers.MarshalJSON(native.List)
		b, _ := handlers.MarshalJSON(viaSQL.List)
		if len(native.Items) < 10 || string(a) != string(b) {
			t.Errorf("the page through pgx (%d tasks) and through database/sql (%d) differ:\n%s\n%s", len(native.Items), len(viaSQL.Items), a, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzInspectionJSONValue: whatever a text, a float, a time or a date
// holds, the list writer either leaves it to the struct and the encoder,
// or writes what the encoder writes for the value pgx reads from it.
func FuzzInspectionJSONValue(f *testing.F) {
	f.Add("柳园路 12号", 36.456789, int64(849_000_000_123_456), int32(9_800))
	f.Add(`"\`+"\u2028\x7f\n", 1e-7, int64(-1), int32(-1))
	f.Add("a\xffb", math.Inf(1), int64(math.MaxInt64), int32(math.MaxInt32))
	f.Add("", math.Copysign(0, -1), int64(math.MinInt64), int32(-730_119))
	m := pgtype.NewMap()
	f.Fuzz(func(t *testing.T, text string, fl float64, us int64, days int32) {
		check := func(kind string, wire []byte, field any, readable bool) {
			got, ok := models.WriteInspectionValue(kind, wire)
			switch {
			case !ok:
				return
			case !readable:
				t.Fatalf("%s %x: written %s, but pgx does not read it", kind, wire, got)
			}
			want, err := handlers.MarshalJSON(field)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s %x: written %s, the encoder writes %s (%v)", kind, wire, got, want, err)
			}
		}
		check("text", []byte(text), text, true)
		check("float", binary.BigEndian.AppendUint64(nil, math.Float64bits(fl)), fl, true)

		wire := binary.BigEndian.AppendUint64(nil, uint64(us))
		var ts pgtype.Timestamptz
		err := m.Scan(pgtype.TimestamptzOID, pgtype.BinaryFormatCode, wire, &ts)
		check("time", wire, ts.Time, err == nil && ts.InfinityModifier == pgtype.Finite)

		wire = binary.BigEndian.AppendUint32(nil, uint32(days))
		var d pgtype.Date
		err = m.Scan(pgtype.DateOID, pgtype.BinaryFormatCode, wire, &d)
		check("date", wire, schedules.NewDate(d.Time.Date()), err == nil && d.InfinityModifier == pgtype.Finite)
	})
}
