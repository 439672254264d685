package handlers_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/xuri/excelize/v2"
)

// The XLSX ledgers as a station files them: a title row, a bold frozen
// header with a filter, typed cells, fitted widths and a print setup.

// ledgerFix is a station's May: venues of one grid with their routine
// inspections due 2026-05-31, one of them visited, approved, with an
// on-site hazard verified and a deadline hazard open (and its order).
type ledgerFix struct {
	e            *apptest.Env
	visited      string // the visited inspection
	onSite, open string // its hazards
	longest      string // the longest venue name
	grid1        string // their grid's name
}

const ledgerMay = "from=2026-05-01&to=2026-05-31"

// ledgerMinute is how a time cell shows (instants are the database's, not
// the test's clock).
const ledgerMinute = `\d{4}-\d{2}-\d{2} \d{2}:\d{2}`

func newLedgerFix(t *testing.T, venues int) ledgerFix {
	t.Helper()
	e := apptest.New(t, apptest.Options{At: "2026-05-20T10:00:00+08:00"})
	fx := ledgerFix{e: e, onSite: "a1000000-0000-4000-8000-000000000000", open: "a2000000-0000-4000-8000-000000000000"}
	var first string
	for i := range venues {
		name := fmt.Sprintf("古楼便利店%03d", i+1)
		if i == 1 {
			name = "东关大街鑫源超市（古楼店）"
		}
		if len(name) > len(fx.longest) {
			fx.longest = name
		}
		id := e.VenueID(t, "dcf-1-g1", "name", name, "category", "shop", "risk_level", "red", "address", "聊城市东昌府区古楼街道"+strconv.Itoa(i+1)+"号")
		if first == "" {
			first = id
		}
	}
	e.Generate(t, "")
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	fx.visited = e.Routine(t, first, "2026-05-31")
	e.CheckIn(t, off, fx.visited, false)
	e.SubmitAll(t, off, fx.visited, "shop", apptest.OnSite(fx.onSite, "extinguisher", "general", e.Photo(t, off, apptest.PNG(0))),
		apptest.Deadline(fx.open, "wiring", "major", "2026-06-10"))
	e.Review(t, sup, fx.visited, true)
	e.Verify(t, sup, fx.onSite, true)
	if err := e.DB.Raw("SELECT name FROM org_units WHERE code = 'dcf-1-g1'").Scan(&fx.grid1).Error; err != nil {
		t.Fatal(err)
	}
	e.Clock.Set(t, "2026-06-03T10:00:00+08:00")
	return fx
}

// ledgerFile is a downloaded XLSX ledger, opened.
type ledgerFile struct {
	*excelize.File
	sheet    string
	sheetXML string
	header   []string
	rows     [][]string // the formatted rows after the header
}

func openLedger(t *testing.T, body []byte) ledgerFile {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("excelize cannot open the ledger: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	l := ledgerFile{File: f, sheet: f.GetSheetList()[0]}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			l.sheetXML = string(b)
		}
	}
	rows, err := f.GetRows(l.sheet)
	if err != nil || len(rows) < 2 {
		t.Fatalf("rows %q: %v", rows, err)
	}
	l.header, l.rows = rows[1], rows[2:]
	return l
}

// cell is the name of the cell of column name in row (1 is the title).
func (l ledgerFile) cell(t *testing.T, name string, row int) string {
	t.Helper()
	i := slices.Index(l.header, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, l.header)
	}
	c, _ := excelize.CoordinatesToCellName(i+1, row)
	return c
}

// numFmt is the number format of a cell: its custom code, or its built-in id.
func (l ledgerFile) numFmt(t *testing.T, cell string) string {
	t.Helper()
	id, err := l.GetCellStyle(l.sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if s.CustomNumFmt != nil {
		return *s.CustomNumFmt
	}
	return strconv.Itoa(s.NumFmt)
}

// wantNumber fails unless cell holds a number (no t="s"/"str"/"inlineStr")
// whose format is fmt and whose formatted value matches the pattern shown.
func (l ledgerFile) wantNumber(t *testing.T, cell, format, shown string) {
	t.Helper()
	raw, err := l.GetCellValue(l.sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := strconv.ParseFloat(raw, 64); err != nil {
		t.Errorf("%s: raw value %q is not a number", cell, raw)
	}
	if m := regexp.MustCompile(`<c r="` + cell + `"[^>]*>`).FindString(l.sheetXML); m == "" || strings.Contains(m, ` t="`) {
		t.Errorf("%s: the cell is %q, want a number cell", cell, m)
	}
	if got := l.numFmt(t, cell); got != format {
		t.Errorf("%s: number format %q, want %q", cell, got, format)
	}
	if got, _ := l.GetCellValue(l.sheet, cell); !regexp.MustCompile("^" + shown + "$").MatchString(got) {
		t.Errorf("%s shows %q, want %s", cell, got, shown)
	}
}

// wantAbsent fails unless the cell is not in the sheet at all.
func (l ledgerFile) wantAbsent(t *testing.T, cell string) {
	t.Helper()
	if strings.Contains(l.sheetXML, `<c r="`+cell+`"`) {
		t.Errorf("%s: an empty cell is written: %s", cell, regexp.MustCompile(`<c r="`+cell+`"[^/]*/?>[^<]*`).FindString(l.sheetXML))
	}
}

// wantLayout checks what every XLSX ledger is: title, header, panes,
// filter, print setup, numbering.
func (l ledgerFile) wantLayout(t *testing.T, title string, rows int) {
	t.Helper()
	last, _ := excelize.ColumnNumberToName(len(l.header))
	if got, _ := l.GetCellValue(l.sheet, "A1"); got != title {
		t.Errorf("title %q, want %q", got, title)
	}
	merged, _ := l.GetMergeCells(l.sheet)
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if !slices.Contains(refs, "A1:"+last+"1") {
		t.Errorf("merged %v: the title does not span the columns", refs)
	}
	for _, c := range []string{"A2", last + "2"} {
		id, _ := l.GetCellStyle(l.sheet, c)
		if s, err := l.GetStyle(id); err != nil || s.Font == nil || !s.Font.Bold {
			t.Errorf("header cell %s is not bold", c)
		}
	}
	if p, err := l.GetPanes(l.sheet); err != nil || !p.Freeze || p.YSplit != 2 || p.XSplit != 0 || p.TopLeftCell != "A3" {
		t.Errorf("panes %+v (%v): want the two top rows frozen", p, err)
	}
	lastRow := 2 + max(rows, 1)
	if want := `<autoFilter ref="A2:` + last + strconv.Itoa(lastRow) + `"`; !strings.Contains(strings.ReplaceAll(l.sheetXML, "$", ""), want) {
		t.Errorf("no %s in the sheet: %s", want, regexp.MustCompile(`<autoFilter[^>]*>`).FindString(l.sheetXML))
	}
	names := map[string]string{}
	for _, d := range l.GetDefinedName() {
		names[d.Name+"@"+d.Scope] = d.RefersTo
	}
	if got, want := names["_xlnm.Print_Titles@"+l.sheet], "'"+l.sheet+"'!$1:$2"; got != want {
		t.Errorf("print titles %q, want %q (names %v)", got, want, names)
	}
	if got := names["_xlnm._FilterDatabase@"+l.sheet]; !strings.Contains(got, "$A$2:$"+last+"$"+strconv.Itoa(lastRow)) {
		t.Errorf("filter database %q", got)
	}
	pl, err := l.GetPageLayout(l.sheet)
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %s (%v): want A4 (9) landscape, 1 page wide", show(pl), err)
	}
	if sp, err := l.GetSheetProps(l.sheet); err != nil || sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("sheet props: fit to page is not set (%v)", err)
	}
	if len(l.rows) != max(rows, 1) {
		t.Fatalf("%d rows, want %d", len(l.rows), rows)
	}
	for i := range rows {
		l.wantNumber(t, "A"+strconv.Itoa(i+3), "1", strconv.Itoa(i+1))
	}
	if rows == 0 {
		if got := l.rows[0][0]; got != "无记录" {
			t.Errorf("an empty ledger's row %q, want 无记录", l.rows[0])
		}
		if !slices.Contains(refs, "A3:"+last+"3") {
			t.Errorf("merged %v: 无记录 does not span the columns", refs)
		}
	}
}

func show(p excelize.PageLayoutOptions) string {
	s := func(v *string) string {
		if v == nil {
			return "nil"
		}
		return *v
	}
	i := func(v *int) string {
		if v == nil {
			return "nil"
		}
		return strconv.Itoa(*v)
	}
	return fmt.Sprintf("{size %s, orientation %s, fit %s×%s}", i(p.Size), s(p.Orientation), i(p.FitToWidth), i(p.FitToHeight))
}

// ledgerCountOf is GET /exports/{name}/count.
func ledgerCountOf(t *testing.T, e *apptest.Env, as, name, query string) (int, string) {
	t.Helper()
	var c struct {
		Count *int   `json:"count"`
		Title string `json:"title"`
	}
	e.Get(as, "/api/v1/exports/"+name+"/count?"+query).Must(t, http.StatusOK).JSON(t, &c)
	if c.Count == nil {
		t.Fatalf("%s count: no count", name)
	}
	return *c.Count, c.Title
}

func TestLedgerLayout(t *testing.T) {
	t.Parallel()
	fx := newLedgerFix(t, 3)
	e := fx.e
	const sup = "sup-dcf-1"
	const unit = "聊城市东昌府区古楼派出所" // 聊城市, 东昌府区, 东昌府区古楼派出所
	// Hazards and documents are kept by the day they were made, which is
	// the database's (today), not the test clock's.
	day := time.Now().In(e.Cfg.Location).Format("2006-01-02")
	made := "from=" + day + "&to=" + day
	get := func(t *testing.T, as, name, query string) ledgerFile {
		t.Helper()
		return openLedger(t, e.Get(as, "/api/v1/exports/"+name+".xlsx?"+query).Must(t, http.StatusOK).Body)
	}

	t.Run("OK/Inspections", func(t *testing.T) {
		// Ensure the inspection ledger of May is laid out, typed and
		// counted as a station files it, with its reviewer.
		l := get(t, sup, "inspections", ledgerMay)
		title := unit + " 消防监督检查台账 2026-05-01 至 2026-05-31"
		l.wantLayout(t, title, 3)
		if n, got := ledgerCountOf(t, e, sup, "inspections", ledgerMay); n != 3 || got != title {
			t.Errorf("count %d %q, want 3 %q", n, got, title)
		}
		var row int
		for i, r := range l.rows {
			if r[1] == fx.visited {
				row = i + 3
			}
		}
		if row == 0 {
			t.Fatalf("the visited inspection is not in %q", l.rows)
		}
		l.wantNumber(t, l.cell(t, "应检日期", row), "yyyy-mm-dd", "2026-05-31")
		l.wantNumber(t, l.cell(t, "周期开始", row), "yyyy-mm-dd", "2026-05-01")
		l.wantNumber(t, l.cell(t, "提交时间", row), "yyyy-mm-dd hh:mm", ledgerMinute)
		l.wantNumber(t, l.cell(t, "审核时间", row), "yyyy-mm-dd hh:mm", ledgerMinute)
		l.wantNumber(t, l.cell(t, "隐患数", row), "1", "2")
		l.wantNumber(t, l.cell(t, "签到距离(米)", row), "1", "0")
		if got, _ := l.GetCellValue(l.sheet, l.cell(t, "审核人", row)); got == "" || got == "sup-dcf-1" {
			t.Errorf("审核人 %q, want the supervisor's name", got)
		}
		other := 3
		if row == 3 {
			other = 4
		}
		for _, c := range []string{"开始时间", "提交时间", "签到距离(米)", "审核人", "审核时间", "审核意见", "检查人"} {
			l.wantAbsent(t, l.cell(t, c, other))
		}
		widths := map[string]float64{}
		for _, c := range []string{"场所名称", "应检日期", "提交时间", "序号"} {
			col := strings.TrimRight(l.cell(t, c, 1), "0123456789")
			widths[c], _ = l.GetColWidth(l.sheet, col)
		}
		if w := widths["场所名称"]; w < float64(2*len([]rune(fx.longest))) || w > 40 {
			t.Errorf("场所名称 is %.0f wide, want room for %q", w, fx.longest)
		}
		if widths["应检日期"] < 10 || widths["提交时间"] < 16 || widths["序号"] > 8 {
			t.Errorf("widths %v: dates cut, or 序号 too wide", widths)
		}
	})

	t.Run("OK/Hazards", func(t *testing.T) {
		// Ensure the hazard ledger names the kind of hazard in words and
		// who found, fixed and accepted it.
		l := get(t, sup, "hazards", made)
		l.wantLayout(t, unit+" 火灾隐患台账 "+day+" 至 "+day, 2)
		byID := map[string]int{}
		for i, r := range l.rows {
			byID[r[1]] = i + 3
		}
		on, open := byID[fx.onSite], byID[fx.open]
		if on == 0 || open == 0 {
			t.Fatalf("rows %q", l.rows)
		}
		val := func(name string, row int) string {
			v, _ := l.GetCellValue(l.sheet, l.cell(t, name, row))
			return v
		}
		if val("隐患类别", on) != "灭火器缺失、过期或失效" || val("隐患类别", open) != "私拉乱接电线" {
			t.Errorf("隐患类别 %q, %q: want the checklist items' names", val("隐患类别", on), val("隐患类别", open))
		}
		for _, r := range l.rows {
			for _, code := range []string{"extinguisher", "wiring", "general", "major", "on_site", "deadline", "open", "verified"} {
				if slices.Contains(r, code) {
					t.Errorf("a raw code %q in %q", code, r)
				}
			}
		}
		for _, c := range []string{"发现人", "整改人", "验收人"} {
			if val(c, on) == "" {
				t.Errorf("%s of the verified hazard is empty", c)
			}
		}
		if val("发现人", open) == "" || val("整改人", open) != "" || val("验收人", open) != "" {
			t.Errorf("the open hazard's people: %q %q %q", val("发现人", open), val("整改人", open), val("验收人", open))
		}
		l.wantNumber(t, l.cell(t, "整改期限", open), "yyyy-mm-dd", "2026-06-10")
		l.wantNumber(t, l.cell(t, "发现时间", open), "yyyy-mm-dd hh:mm", ledgerMinute)
		l.wantNumber(t, l.cell(t, "验收时间", on), "yyyy-mm-dd hh:mm", ledgerMinute)
		l.wantAbsent(t, l.cell(t, "整改期限", on))
		l.wantAbsent(t, l.cell(t, "验收时间", open))
		if n, _ := ledgerCountOf(t, e, sup, "hazards", made); n != 2 {
			t.Errorf("count %d, want 2", n)
		}
	})

	t.Run("OK/Documents", func(t *testing.T) {
		// Ensure the document ledger is laid out as the others.
		n, title := ledgerCountOf(t, e, sup, "documents", made)
		if n < 1 {
			t.Fatalf("no document made today (the deadline hazard's order)")
		}
		l := get(t, sup, "documents", made)
		l.wantLayout(t, title, n)
		if title != unit+" 法律文书台账 "+day+" 至 "+day {
			t.Errorf("title %q", title)
		}
	})

	t.Run("OK/Range", func(t *testing.T) {
		// Ensure from and to keep the period, both ends included, for the
		// ledger, its count and its CSV alike.
		now := time.Now().In(e.Cfg.Location)
		prev, next := now.AddDate(0, 0, -1).Format("2006-01-02"), now.AddDate(0, 0, 1).Format("2006-01-02")
		for _, c := range []struct {
			name, query string
			want        int
		}{
			{"inspections", "from=2026-05-31&to=2026-05-31", 3},
			{"inspections", "from=2026-06-01", 1}, // the reinspection of the deadline hazard
			{"inspections", "to=2026-05-30", 0},
			{"hazards", made, 2},
			{"hazards", "from=" + next, 0},
			{"hazards", "to=" + prev, 0},
			{"hazards", "to=" + day, 2},
			{"documents", "from=" + next, 0},
			{"documents", "to=" + prev, 0},
		} {
			n, _ := ledgerCountOf(t, e, sup, c.name, c.query)
			header := map[string][]string{"inspections": inspectionHeader, "hazards": hazardHeader}[c.name]
			if header != nil {
				if rows := csvLedger(t, e, sup, "/api/v1/exports/"+c.name+".csv?"+c.query, header, c.name+"-2026-06-03"); len(rows) != c.want {
					t.Errorf("%s ?%s: the CSV has %d rows, want %d", c.name, c.query, len(rows), c.want)
				}
			}
			if n != c.want {
				t.Errorf("%s ?%s: count %d, want %d", c.name, c.query, n, c.want)
			}
		}
	})

	t.Run("OK/Empty", func(t *testing.T) {
		// Ensure an empty ledger says so: title, header, 无记录.
		for _, name := range []string{"inspections", "hazards", "documents"} {
			q := "from=2026-07-01&to=2026-07-31"
			n, title := ledgerCountOf(t, e, sup, name, q)
			if n != 0 || !strings.HasSuffix(title, " 2026-07-01 至 2026-07-31") {
				t.Errorf("%s: count %d %q", name, n, title)
			}
			get(t, sup, name, q).wantLayout(t, title, 0)
		}
	})

	t.Run("OK/Unit", func(t *testing.T) {
		// Ensure the title names the grid asked for, but never a unit out
		// of the caller's scope, and says "as of today" without a range.
		_, title := ledgerCountOf(t, e, sup, "hazards", "grid_id="+e.Unit("dcf-1-g1"))
		if want := unit + " " + fx.grid1 + " 火灾隐患台账 截至 2026-06-03"; title != want {
			t.Errorf("title %q, want %q", title, want)
		}
		var other string
		e.DB.Raw("SELECT name FROM org_units WHERE code = 'kfq-1-g1'").Scan(&other)
		_, title = ledgerCountOf(t, e, sup, "inspections", "grid_id="+e.Unit("kfq-1-g1"))
		if strings.Contains(title, other) || !strings.HasPrefix(title, unit+" ") {
			t.Errorf("title %q names a grid out of scope (%s)", title, other)
		}
		_, title = ledgerCountOf(t, e, "off-dcf-1-g1", "inspections", "from=2026-05-01")
		if want := unit + " 消防监督检查台账 2026-05-01 起"; title != want { // an officer's unit is the station
			t.Errorf("an officer's title %q, want %q", title, want)
		}
	})

	t.Run("ErrRange", func(t *testing.T) {
		// Ensure a range that ends before it starts is 422 on to, and a bad
		// date 422 on its name, before anything is sent.
		for _, p := range []string{"/api/v1/exports/inspections.xlsx", "/api/v1/exports/hazards.csv", "/api/v1/exports/documents.xlsx",
			"/api/v1/exports/inspections/count", "/api/v1/exports/hazards/count", "/api/v1/exports/documents/count"} {
			r := e.Get(sup, p+"?from=2026-06-01&to=2026-05-31")
			wantProblem(t, r, http.StatusUnprocessableEntity, "to")
			if cd := r.Header.Get("Content-Disposition"); cd != "" {
				t.Errorf("%s: a refused ledger is an attachment: %q", p, cd)
			}
			wantProblem(t, e.Get(sup, p+"?from=2026-06-31"), http.StatusUnprocessableEntity, "from")
		}
	})
}
