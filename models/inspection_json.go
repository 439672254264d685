package models

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Marshal encodes a value as the API's answers are encoded (handlers'
// encoder).
type Marshal func(any) ([]byte, error)

// ListInspectionsJSON is ListInspections with each inspection already
// written as its JSON: the items of GET /inspections.
//
// On the service's pool a row is written straight from PostgreSQL's binary
// values, in the order and with the names of Inspection's json tags, each
// value as marshal writes its field. A row with a value the writer does
// not take as it is (a checklist with answers, a text with a control
// character, a float out of the plain range) is read into an Inspection
// and encoded by marshal; in a transaction (database/sql) every row is.
// The officer's task list is the service's hottest read: reading its 51
// rows into structs and encoding those was half of its CPU
// (docs/BENCHMARKS.md). TestInspectionsJSON holds the two ways to the same
// bytes, TestInspectionJSONValues each value.
func ListInspectionsJSON(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, p Page, today schedules.Date, marshal Marshal) (InspectionPage, error) {
	text, vars, err := listStatement(ctx, db, actor, f, p, today)
	if err != nil {
		return InspectionPage{}, err
	}
	page := InspectionPage{buf: pageBuffers.Get().(*[]byte)}
	err = readStatement(ctx, db, text, vars, func(r rowReader) (err error) {
		page.List, err = writeInspections(r, page.buf, p.limit(), listExtras(f), today, marshal)
		return err
	})
	if err != nil {
		page.Release()
		return InspectionPage{}, translate(err, "list inspections")
	}
	return page, nil
}

// InspectionPage is a page of ListInspectionsJSON. Its items are slices
// of one buffer, which Release gives back once the answer is written (a
// page of 50 is about 42 KB: a new one for every request was most of the
// bytes the task list allocated, and so of the garbage collector's work).
type InspectionPage struct {
	List[json.RawMessage]
	buf *[]byte
}

// Release gives the page's buffer back; the page is not to be used after.
func (p InspectionPage) Release() {
	if p.buf != nil && cap(*p.buf) <= maxPageBuffer {
		*p.buf = (*p.buf)[:0]
		pageBuffers.Put(p.buf)
	}
}

// pageBuffers keep the buffers of pages; one grown past maxPageBuffer (a
// page of many long tasks) is left to the collector.
var pageBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

const maxPageBuffer = 1 << 20

// inspectionRowsByStruct counts the rows ListInspectionsJSON could have
// written straight but read into an Inspection: what TestInspectionsJSON
// checks stays zero on ordinary tasks.
var inspectionRowsByStruct atomic.Int64

// writeInspections writes the first limit rows of rows into *into, and
// the cursor after them when there is one more.
func writeInspections(rows rowReader, into *[]byte, limit int, extra func(*Inspection) []any, today schedules.Date, marshal Marshal) (List[json.RawMessage], error) {
	var plan *inspectionPlan
	raw, native := rows.(pgx.Rows)
	if native {
		plan = planFor(raw.FieldDescriptions())
	}
	buf := (*into)[:0]
	defer func() { *into = buf }()
	ends := make([]int, 0, limit)
	dest := make([]any, 0, len(inspectionFields)+3)
	var key any
	var next *string
	for rows.Next() {
		if len(ends) == limit {
			c := EncodeCursor(key)
			next = &c
			break
		}
		start := len(buf)
		ok := false
		if plan != nil {
			vals := raw.RawValues()
			if buf, ok = plan.appendRow(buf, vals, today); ok && len(ends) == limit-1 {
				key, ok = plan.key(vals)
			}
			if !ok {
				buf = buf[:start]
				inspectionRowsByStruct.Add(1)
			}
		}
		if !ok {
			var in Inspection
			if err := scanInspection(rows, &in, dest, extra); err != nil {
				return List[json.RawMessage]{}, err
			}
			in.Overdue = IsOverdue(in.Status, in.DueDate, today)
			key = inspectionKey(in)
			b, err := marshal(in)
			if err != nil {
				return List[json.RawMessage]{}, err
			}
			buf = append(buf, b...)
		}
		ends = append(ends, len(buf))
	}
	if err := rows.Err(); err != nil {
		return List[json.RawMessage]{}, err
	}
	out := List[json.RawMessage]{Items: make([]json.RawMessage, len(ends)), NextCursor: next}
	start := 0
	for i, end := range ends {
		out.Items[i] = buf[start:end:end]
		start = end
	}
	return out, nil
}

// valueKind is how a field of Inspection is written from its column.
type valueKind uint8

const (
	kindUUID      valueKind = iota // uuid: the 16 bytes
	kindText                       // text, varchar or an enum
	kindDate                       // date: days since 2000-01-01
	kindTime                       // timestamptz: microseconds since 2000-01-01
	kindFloat                      // float8
	kindBool                       // bool
	kindInt                        // int2, int4 or int8
	kindChecklist                  // json or jsonb of ChecklistAnswers: [] alone is written straight
	kindUUIDs                      // uuid[]
	kindJSON                       // json or jsonb, as it is
	kindOverdue                    // no column: IsOverdue of status and due_date
	kindObject                     // an embedded struct (the venue), its fields' columns prefixed
)

// jsonField is a field of Inspection, in the order its JSON has them.
type jsonField struct {
	key       string // `"name":`
	column    string // the result's column
	kind      valueKind
	nullable  bool // a pointer: NULL is null
	omitEmpty bool // a pointer tagged omitempty: NULL or no column is no field
	fields    []jsonField
}

// inspectionJSON are Inspection's fields, by its json and gorm tags.
var inspectionJSON = jsonFieldsOf(reflect.TypeFor[Inspection](), "")

// jsonFieldsOf are the fields of struct type t, their columns prefixed.
// A field of a type the writer does not know is a programming error.
func jsonFieldsOf(t reflect.Type, prefix string) []jsonField {
	var out []jsonField
	for sf := range t.Fields() {
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		f := jsonField{key: strconv.Quote(name) + ":", column: prefix + name, omitEmpty: strings.Contains(opts, "omitempty")}
		typ := sf.Type
		if typ.Kind() == reflect.Pointer {
			f.nullable, typ = true, typ.Elem()
		}
		switch gormTag := sf.Tag.Get("gorm"); {
		case strings.Contains(gormTag, "embedded"):
			_, p, _ := strings.Cut(gormTag, "embeddedPrefix:")
			p, _, _ = strings.Cut(p, ";")
			f.kind, f.fields = kindObject, jsonFieldsOf(typ, prefix+p)
		case sf.Name == "Overdue":
			f.kind = kindOverdue
		case typ == reflect.TypeFor[uuid.UUID]():
			f.kind = kindUUID
		case typ == reflect.TypeFor[schedules.Date]():
			f.kind, f.nullable = kindDate, true // NULL is read as the zero date, which is null
		case typ == reflect.TypeFor[time.Time]():
			f.kind = kindTime
		case typ == reflect.TypeFor[ChecklistAnswers]():
			f.kind = kindChecklist
		case typ == reflect.TypeFor[[]uuid.UUID]():
			f.kind = kindUUIDs
		case typ == reflect.TypeFor[json.RawMessage]():
			f.kind, f.nullable = kindJSON, true // a nil RawMessage is null
		case typ.Kind() == reflect.String:
			f.kind = kindText
		case typ.Kind() == reflect.Float64:
			f.kind = kindFloat
		case typ.Kind() == reflect.Bool:
			f.kind = kindBool
		case typ.Kind() == reflect.Int:
			f.kind = kindInt
		default:
			panic(fmt.Sprintf("models: %s.%s (%s) has no JSON writer", t.Name(), sf.Name, sf.Type))
		}
		out = append(out, f)
	}
	return out
}

// inspectionPlan writes the rows of one result: each field with its
// column's index.
type inspectionPlan struct {
	columns []pgconn.FieldDescription // the result's, which the plan is for
	fields  []fieldPlan               // nil: a field has no column the writer takes
	// The columns of kindOverdue (status, due) and of the cursor's key;
	// dist is -1 without one.
	status, due, id, kind, dist int
}

type fieldPlan struct {
	jsonField
	col    int
	binary bool        // the column comes in the binary format
	object []fieldPlan // kindObject's fields
}

// inspectionPlans are the plans of the last results' columns, at most
// eight, newest first: a list has the same columns on every request, and
// planning them for each was 2% of the task list's CPU.
var inspectionPlans atomic.Pointer[[]*inspectionPlan]

// planFor is the plan of a result with these columns, or nil when one of
// Inspection's fields has no column of a type the writer takes.
func planFor(fds []pgconn.FieldDescription) *inspectionPlan {
	var kept []*inspectionPlan
	if ps := inspectionPlans.Load(); ps != nil {
		kept = *ps
	}
	for _, p := range kept {
		if sameColumns(p.columns, fds) {
			return p.usable()
		}
	}
	p := planInspections(fds)
	next := append([]*inspectionPlan{p}, kept[:min(len(kept), 7)]...)
	inspectionPlans.Store(&next) // a plan lost to a concurrent store is made again
	return p.usable()
}

func (p *inspectionPlan) usable() *inspectionPlan {
	if p.fields == nil {
		return nil
	}
	return p
}

// sameColumns tells whether two results have the same columns, of the
// same types, in the same formats.
func sameColumns(a, b []pgconn.FieldDescription) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].DataTypeOID != b[i].DataTypeOID || a[i].Format != b[i].Format {
			return false
		}
	}
	return true
}

// planInspections plans the writing of a result with these columns.
func planInspections(fds []pgconn.FieldDescription) *inspectionPlan {
	cols := make(map[string]int, len(fds))
	for i, fd := range fds {
		cols[fd.Name] = i
	}
	p := &inspectionPlan{columns: slices.Clone(fds)}
	col := func(name string, kind valueKind) int {
		if i, ok := cols[name]; ok && fits(kind, fds[i]) {
			return i
		}
		return -1
	}
	p.status, p.due, p.id, p.kind, p.dist = col("status", kindText), col("due_date", kindDate), col("id", kindUUID), col("kind", kindText), col("distance_m", kindFloat)
	if _, ok := cols["distance_m"]; ok && p.dist < 0 || p.id < 0 || p.kind < 0 || p.due < 0 {
		return p
	}
	var plan func([]jsonField) ([]fieldPlan, bool)
	plan = func(fields []jsonField) ([]fieldPlan, bool) {
		out := make([]fieldPlan, 0, len(fields))
		for _, f := range fields {
			fp := fieldPlan{jsonField: f, col: -1}
			switch i, ok := cols[f.column]; {
			case f.kind == kindObject:
				var done bool
				if fp.object, done = plan(f.fields); !done {
					return nil, false
				}
			case f.kind == kindOverdue:
				if p.status < 0 || p.due < 0 {
					return nil, false
				}
			case !ok && f.omitEmpty:
				continue
			case !ok || !fits(f.kind, fds[i]):
				return nil, false
			default:
				fp.col, fp.binary = i, fds[i].Format == pgtype.BinaryFormatCode
			}
			out = append(out, fp)
		}
		return out, true
	}
	if fields, ok := plan(inspectionJSON); ok {
		p.fields = fields
	}
	return p
}

// fits tells whether a column of fd's type and format can be written as kind.
func fits(kind valueKind, fd pgconn.FieldDescription) bool {
	binary := fd.Format == pgtype.BinaryFormatCode
	switch kind {
	case kindUUID:
		return binary && fd.DataTypeOID == pgtype.UUIDOID
	case kindText: // an enum comes as text
		return !binary || fd.DataTypeOID == pgtype.TextOID || fd.DataTypeOID == pgtype.VarcharOID
	case kindDate:
		return binary && fd.DataTypeOID == pgtype.DateOID
	case kindTime:
		return binary && fd.DataTypeOID == pgtype.TimestamptzOID
	case kindFloat:
		return binary && fd.DataTypeOID == pgtype.Float8OID
	case kindBool:
		return binary && fd.DataTypeOID == pgtype.BoolOID
	case kindInt:
		return binary && (fd.DataTypeOID == pgtype.Int2OID || fd.DataTypeOID == pgtype.Int4OID || fd.DataTypeOID == pgtype.Int8OID)
	case kindChecklist, kindJSON:
		return fd.DataTypeOID == pgtype.JSONBOID || fd.DataTypeOID == pgtype.JSONOID
	case kindUUIDs:
		return binary && fd.DataTypeOID == pgtype.UUIDArrayOID
	}
	return false
}

// appendRow appends the JSON of one row, or says it cannot.
func (p *inspectionPlan) appendRow(b []byte, vals [][]byte, today schedules.Date) ([]byte, bool) {
	return p.appendObject(b, p.fields, vals, today)
}

func (p *inspectionPlan) appendObject(b []byte, fields []fieldPlan, vals [][]byte, today schedules.Date) ([]byte, bool) {
	b = append(b, '{')
	first := true
	for i := range fields {
		f := &fields[i]
		var v []byte
		if f.col >= 0 {
			v = vals[f.col]
			if v == nil && f.omitEmpty {
				continue
			}
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.key...)
		ok := true
		switch {
		case f.kind == kindObject:
			b, ok = p.appendObject(b, f.object, vals, today)
		case f.kind == kindOverdue:
			b, ok = p.appendOverdue(b, vals, today)
		case v == nil:
			b, ok = append(b, "null"...), f.nullable
		default:
			b, ok = appendValue(b, f.kind, f.binary, v)
		}
		if !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

// key is the cursor key (inspectionKey) of a row.
func (p *inspectionPlan) key(vals [][]byte) (any, bool) {
	id, kind := vals[p.id], vals[p.kind]
	y, m, d, ok := pgDate(vals[p.due])
	if len(id) != 16 || kind == nil || !ok {
		return nil, false
	}
	in := Inspection{ID: uuid.UUID(id), Kind: vocab.InspectionKind(kind), DueDate: schedules.NewDate(y, m, d)}
	if p.dist >= 0 && vals[p.dist] != nil {
		if len(vals[p.dist]) != 8 {
			return nil, false
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(vals[p.dist]))
		in.DistanceM = &f
	}
	return inspectionKey(in), true
}

// appendOverdue writes IsOverdue of the row's status and due date.
func (p *inspectionPlan) appendOverdue(b []byte, vals [][]byte, today schedules.Date) ([]byte, bool) {
	status, due := vals[p.status], vals[p.due]
	y, m, d, ok := pgDate(due)
	if status == nil || !ok {
		return b, false
	}
	return strconv.AppendBool(b, IsOverdue(vocab.InspectionStatus(status), schedules.NewDate(y, m, d), today)), true
}

// appendValue writes the value v (not NULL) of a column of kind, in the
// binary format or not, as encoding/json writes its field's Go value, or
// says it cannot.
func appendValue(b []byte, kind valueKind, isBinary bool, v []byte) ([]byte, bool) {
	switch kind {
	case kindUUID:
		if len(v) != 16 {
			return b, false
		}
		return appendUUID(b, v), true
	case kindText:
		return appendString(b, v)
	case kindDate:
		y, m, d, ok := pgDate(v)
		if !ok {
			return b, false
		}
		return schedules.AppendDateJSON(b, y, m, d), true
	case kindTime:
		if len(v) != 8 {
			return b, false
		}
		us := int64(binary.BigEndian.Uint64(v))
		if us == math.MaxInt64 || us == math.MinInt64 { // ±infinity
			return b, false
		}
		// As pgx reads a timestamptz: in the process's location.
		t := time.Unix(y2kUnix+us/1_000_000, us%1_000_000*1_000)
		out, err := t.AppendText(append(b, '"'))
		if err != nil {
			return b, false
		}
		return append(out, '"'), true
	case kindFloat:
		if len(v) != 8 {
			return b, false
		}
		return appendFloat(b, math.Float64frombits(binary.BigEndian.Uint64(v)))
	case kindBool:
		if len(v) != 1 {
			return b, false
		}
		return strconv.AppendBool(b, v[0] != 0), true
	case kindInt:
		var n int64
		switch len(v) {
		case 2:
			n = int64(int16(binary.BigEndian.Uint16(v)))
		case 4:
			n = int64(int32(binary.BigEndian.Uint32(v)))
		case 8:
			n = int64(binary.BigEndian.Uint64(v))
		default:
			return b, false
		}
		return strconv.AppendInt(b, n, 10), true
	case kindChecklist:
		if v = jsonText(v, isBinary); string(v) != "[]" {
			return b, false
		}
		return append(b, "[]"...), true
	case kindJSON:
		return append(b, jsonText(v, isBinary)...), true
	case kindUUIDs:
		return appendUUIDs(b, v)
	}
	return b, false
}

// y2kUnix is 2000-01-01, PostgreSQL's epoch, in Unix seconds.
const y2kUnix = 946_684_800

// pgDate is a binary date: days since 2000-01-01. Infinity, a date Date
// would write as null (year 1) and years past 9999 (which pgx may refuse)
// are not.
func pgDate(v []byte) (int, time.Month, int, bool) {
	if len(v) != 4 {
		return 0, 0, 0, false
	}
	days := int32(binary.BigEndian.Uint32(v))
	if days == math.MaxInt32 || days == math.MinInt32 {
		return 0, 0, 0, false
	}
	y, m, d := time.Unix(y2kUnix+int64(days)*86_400, 0).UTC().Date()
	return y, m, d, y > 1 && y <= 9999
}

// jsonText is a json or jsonb value's text: binary jsonb begins with its
// version, 1.
func jsonText(v []byte, isBinary bool) []byte {
	if isBinary && len(v) > 0 && v[0] == 1 {
		return v[1:]
	}
	return v
}

// appendUUID writes the 16 bytes of a uuid as uuid.UUID's text, quoted.
func appendUUID(b, u []byte) []byte {
	var s [38]byte
	s[0], s[9], s[14], s[19], s[24], s[37] = '"', '-', '-', '-', '-', '"'
	hex.Encode(s[1:9], u[0:4])
	hex.Encode(s[10:14], u[4:6])
	hex.Encode(s[15:19], u[6:8])
	hex.Encode(s[20:24], u[8:10])
	hex.Encode(s[25:37], u[10:16])
	return append(b, s[:]...)
}

// appendUUIDs writes a binary uuid[] of one dimension as a JSON array.
func appendUUIDs(b, v []byte) ([]byte, bool) {
	be := binary.BigEndian
	if len(v) < 12 {
		return b, false
	}
	if be.Uint32(v[0:4]) == 0 { // no dimension: empty
		return append(b, "[]"...), true
	}
	if be.Uint32(v[0:4]) != 1 || be.Uint32(v[8:12]) != pgtype.UUIDOID || len(v) < 20 {
		return b, false
	}
	n, rest := int(int32(be.Uint32(v[12:16]))), v[20:]
	if n < 0 || len(rest) != 20*n {
		return b, false
	}
	b = append(b, '[')
	for i := range n {
		el := rest[20*i : 20*i+20]
		if int32(be.Uint32(el[:4])) != 16 {
			return b, false
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendUUID(b, el[4:])
	}
	return append(b, ']'), true
}

// appendString writes valid UTF-8 without control characters as a JSON
// string: only " and \ need escaping. Anything else is left to marshal.
func appendString(b, s []byte) ([]byte, bool) {
	if !utf8.Valid(s) {
		return b, false
	}
	b = append(b, '"')
	start := 0
	for i, c := range s {
		switch {
		case c < 0x20 || c == 0x7f:
			return b, false
		case c == '"' || c == '\\':
			b = append(append(b, s[start:i]...), '\\', c)
			start = i + 1
		}
	}
	return append(append(b, s[start:]...), '"'), true
}

// appendFloat writes f as encoding/json does in its plain range: the
// shortest decimal that reads back as f. Exponents, -0 and NaN are left
// to marshal.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if a := math.Abs(f); !(a >= 1e-6 && a < 1e21 || f == 0 && !math.Signbit(f)) {
		return b, false
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), true
}
