package handlers_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/xuri/excelize/v2"
)

// The ledgers' header rows, as the contract's users (a station's paperwork)
// read them.
var (
	inspectionHeader = []string{"序号", "检查编号", "场所名称", "场所类别", "风险等级", "网格", "地址", "检查类型", "检查状态",
		"周期开始", "应检日期", "是否逾期", "检查人", "开始时间", "签到距离(米)", "异地签到", "提交时间", "隐患数", "审核人", "审核时间",
		"备注", "审核意见"}
	hazardHeader = []string{"序号", "隐患编号", "场所名称", "地址", "网格", "隐患类别", "隐患级别", "描述", "整改方式",
		"整改期限", "整改状态", "是否逾期", "发现时间", "发现人", "整改时间", "整改人", "整改说明", "复查编号", "验收时间", "验收人"}
)

// ledgerTime is how a ledger shows an instant: minutes in the service's zone.
var ledgerTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$`)

// csvLedger gets a CSV ledger and parses it, checking what every CSV
// export must be: UTF-8 with a byte-order mark, an attachment, and the
// header row in Chinese. It returns the rows after the header.
func csvLedger(t *testing.T, e *apptest.Env, as, path string, header []string, download string) [][]string {
	t.Helper()
	r := e.Get(as, path).Must(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	wantAttachment(t, r, download+".csv")
	if !bytes.HasPrefix(r.Body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("GET %s: no UTF-8 byte-order mark: %q", path, r.Body[:min(len(r.Body), 16)])
	}
	cr := csv.NewReader(bytes.NewReader(r.Body[3:]))
	cr.FieldsPerRecord = len(header)
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("GET %s: not CSV: %v\n%s", path, err, r.Body)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		t.Fatalf("GET %s: header %v, want %v", path, rows[:min(len(rows), 1)], header)
	}
	return rows[1:]
}

// xlsxLedger gets an XLSX ledger, opens it with excelize, and returns the
// rows of its one sheet after the header, each as wide as the header.
func xlsxLedger(t *testing.T, e *apptest.Env, as, path, sheet string, header []string, download string) [][]string {
	t.Helper()
	r := e.Get(as, path).Must(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	wantAttachment(t, r, download+".xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("GET %s: excelize cannot open it: %v", path, err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{sheet}) {
		t.Fatalf("GET %s: sheets %v, want [%s]", path, sheets, sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > len(header) {
			t.Fatalf("GET %s: row %d has %d cells: %v", path, i+1, len(row), row)
		}
		for len(row) < len(header) { // excelize leaves out empty cells at the end of a row
			row = append(row, "")
		}
		rows[i] = row
	}
	if len(rows) < 2 || !slices.Equal(rows[1], header) {
		t.Fatalf("GET %s: header %v, want %v under the title", path, rows[:min(len(rows), 2)], header)
	}
	rows = rows[2:]
	if len(rows) == 1 && rows[0][0] == "无记录" { // an empty ledger says so
		return [][]string{}
	}
	return rows
}

// wantAttachment fails unless the response is a download of the given name
// (and of its Chinese name, for clients that read filename*).
func wantAttachment(t *testing.T, r *apptest.Response, file string) {
	t.Helper()
	cd := r.Header.Get("Content-Disposition")
	disp, params, err := mime.ParseMediaType(cd)
	if err != nil || disp != "attachment" || params["filename"] == "" {
		t.Fatalf("Content-Disposition %q (%v)", cd, err)
	}
	if !strings.Contains(cd, `filename="`+file+`"`) {
		t.Errorf("Content-Disposition %q does not name %s", cd, file)
	}
	if !strings.Contains(cd, "filename*=UTF-8''") {
		t.Errorf("Content-Disposition %q has no UTF-8 name", cd)
	}
}

// ledgerIDs are the second cells (the ids, after 序号) of ledger rows, in
// order; it fails unless the rows are numbered from 1.
func ledgerIDs(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		if r[0] != strconv.Itoa(i+1) {
			panic(fmt.Sprintf("row %d is numbered %q", i+1, r[0]))
		}
		out[i] = r[1]
	}
	return out
}

// listIDs are the ids of every item of a list, in order.
func listIDs(t *testing.T, e *apptest.Env, as, path string) []string {
	t.Helper()
	items, _ := walk(t, e, as, path)
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it["id"].(string)
	}
	return out
}

// sorted is a sorted copy.
func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func TestExports(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-20T10:00:00+08:00"})
	clock := e.Clock
	const off1, off2, offK = "off-dcf-1-g1", "off-dcf-1-g2", "off-kfq-1-g1"
	v1 := e.VenueID(t, "dcf-1-g1", "name", "甲便利店", "category", "shop", "risk_level", "red", "address", "聊城市甲便利店路1号")
	v2 := e.VenueID(t, "dcf-1-g1", "name", "乙饭店", "category", "restaurant", "risk_level", "yellow", "address", "聊城市乙饭店路1号")
	v3 := e.VenueID(t, "dcf-1-g2", "name", "丙旅馆", "category", "hotel", "risk_level", "green", "address", "聊城市丙旅馆路1号")
	v4 := e.VenueID(t, "kfq-1-g1", "name", "丁加工厂", "category", "workshop", "risk_level", "red", "address", "聊城市丁加工厂路1号")
	e.Generate(t, "")
	v1May, v2Q2 := e.Routine(t, v1, "2026-05-31"), e.Routine(t, v2, "2026-06-30")
	v3H1, v4May := e.Routine(t, v3, "2026-06-30"), e.Routine(t, v4, "2026-05-31")

	// The hazards' ids run against the order they are found in, so that a
	// ledger sorted by id is not mistaken for one sorted by time.
	const (
		ha = "f1000000-0000-4000-8000-000000000000" // found first (with hb)
		hb = "f2000000-0000-4000-8000-000000000000"
		hc = "e0000000-0000-4000-8000-000000000000"
		hd = "d0000000-0000-4000-8000-000000000000" // found last
	)
	adHoc := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, adHoc, false)
	body := e.SubmitBody(t, "shop", apptest.OnSite(ha, "extinguisher", "general", e.Photo(t, off1, apptest.PNG(0))),
		apptest.Deadline(hb, "evacuation_route", "major", "2026-06-10"))
	body["notes"] = "老板不在, 已告知\"店员\"\n下次复查" // a comma, quotes and a line break, for the CSV
	adHocAnswer := e.Post(off1, "/api/v1/inspections/"+adHoc+"/submit", body).Must(t, http.StatusOK).Map(t)
	e.CheckIn(t, off2, v3H1, true)
	e.SubmitAll(t, off2, v3H1, "hotel", apptest.Deadline(hc, "wiring", "general", "2026-06-01"))
	e.Rectify(t, off2, hc)
	e.CheckIn(t, offK, v4May, false)
	e.SubmitAll(t, offK, v4May, "workshop", apptest.Deadline(hd, "gas", "general", "2026-06-05"))
	hbAnswer := e.Get("admin", "/api/v1/hazards/"+hb).Must(t, http.StatusOK).Map(t)
	reinspections := listIDs(t, e, "admin", "/api/v1/inspections?kind=reinspection")
	if len(reinspections) != 3 {
		t.Fatalf("%d reinspections, want 3 (one per deadline)", len(reinspections))
	}
	clock.Set(t, "2026-06-03T10:00:00+08:00") // hc's deadline has passed, but it is fixed; v1May is overdue

	gridName := func(code string) string {
		var name string
		if err := e.DB.Raw("SELECT name FROM org_units WHERE code = ?", code).Scan(&name).Error; err != nil || name == "" {
			t.Fatalf("grid %s: %v", code, err)
		}
		return name
	}

	t.Run("OK/InspectionsCSV", func(t *testing.T) {
		// Ensure the inspection ledger has one row per inspection the list
		// shows for the same filters, in the same order, and each row says
		// what the inspection is.
		for _, c := range []struct{ as, query string }{
			{"admin", ""},
			{"admin", "kind=routine"},
			{"admin", "kind=reinspection"},
			{"admin", "status=submitted"},
			{"admin", "overdue=true"},
			{"admin", "grid_id=" + e.Unit("dcf-1-g1") + "&kind=routine"},
			{"sup-dcf-1", ""},
			{"sup-dcf-1", "status=scheduled,submitted"},
			{off1, ""},
			{off1, "kind=routine"},
			{offK, ""},
		} {
			rows := csvLedger(t, e, c.as, "/api/v1/exports/inspections.csv?"+c.query, inspectionHeader, "inspections-2026-06-03")
			want := listIDs(t, e, c.as, "/api/v1/inspections?limit=200&"+c.query)
			if got := ledgerIDs(rows); !slices.Equal(got, want) {
				t.Errorf("%s ?%s: the ledger has %v, the list %v", c.as, c.query, got, want)
			}
		}
		// The hand count of a few of them.
		rows := csvLedger(t, e, "admin", "/api/v1/exports/inspections.csv?kind=routine", inspectionHeader, "inspections-2026-06-03")
		if got, want := sorted(ledgerIDs(rows)), sorted([]string{v1May, v2Q2, v3H1, v4May}); !slices.Equal(got, want) {
			t.Errorf("routine: %v, want %v", got, want)
		}
		rows = csvLedger(t, e, off1, "/api/v1/exports/inspections.csv", inspectionHeader, "inspections-2026-06-03")
		var hbReinspection string
		if id, _ := hbAnswer["reinspection_id"].(string); id != "" {
			hbReinspection = id
		}
		if got, want := sorted(ledgerIDs(rows)), sorted([]string{v1May, v2Q2, adHoc, hbReinspection}); !slices.Equal(got, want) {
			t.Errorf("off-dcf-1-g1's: %v, want the four of the grid %v", got, want)
		}
		rows = csvLedger(t, e, "admin", "/api/v1/exports/inspections.csv", inspectionHeader, "inspections-2026-06-03")
		if len(rows) != 8 {
			t.Errorf("%d inspections, want 8 (4 routine, 1 ad hoc, 3 reinspections)", len(rows))
		}
		byID := map[string][]string{}
		for _, r := range rows {
			byID[r[1]] = r[1:] // the row after 序号
		}
		a := byID[adHoc]
		if a == nil {
			t.Fatal("the ad hoc inspection is not in the ledger")
		}
		want := []string{adHoc, "甲便利店", "小商店", "红色", gridName("dcf-1-g1"), "聊城市甲便利店路1号", "临时检查", "待审核",
			"", "2026-05-20", "否", "古楼派出所网格员1", a[12], "0", "否", a[15], "2", "", "", body["notes"].(string), ""}
		if !slices.Equal(a, want) {
			t.Errorf("ad hoc row\n\t%q\nwant\n\t%q", a, want)
		}
		if !ledgerTime.MatchString(a[12]) || !ledgerTime.MatchString(a[15]) {
			t.Errorf("start %q and submission %q are not times", a[12], a[15])
		}
		if adHocAnswer["start_distance_m"] != float64(0) {
			t.Errorf("start_distance_m = %v", adHocAnswer["start_distance_m"])
		}
		want = []string{v1May, "甲便利店", "小商店", "红色", gridName("dcf-1-g1"), "聊城市甲便利店路1号", "日常检查", "待检查",
			"2026-05-01", "2026-05-31", "是", "", "", "", "否", "", "0", "", "", "", ""}
		if got := byID[v1May]; !slices.Equal(got, want) {
			t.Errorf("v1's May row\n\t%q\nwant\n\t%q", got, want)
		}
		if got := byID[v3H1]; got == nil || got[6] != "日常检查" || got[7] != "待审核" || got[14] != "是" || got[16] != "1" ||
			got[2] != "小旅馆" || got[3] != "绿色" || got[8] != "2026-01-01" {
			t.Errorf("v3's half-year row %q", got)
		}
	})

	t.Run("OK/HazardsCSV", func(t *testing.T) {
		// Ensure the hazard ledger (隐患台账) has one row per hazard the
		// list shows for the same filters, oldest first.
		for _, c := range []struct {
			as, query string
			want      []string
		}{
			{"admin", "", []string{ha, hb, hc, hd}},
			{"admin", "status=open", []string{hb, hd}},
			{"admin", "status=rectified", []string{ha, hc}},
			{"admin", "status=verified", []string{}},
			{"admin", "severity=major", []string{hb}},
			{"admin", "overdue=false", []string{ha, hb, hc, hd}},
			{"admin", "venue_id=" + v4, []string{hd}},
			{"sup-dcf-1", "", []string{ha, hb, hc}},
			{"sup-dcf-1", "grid_id=" + e.Unit("dcf-1-g2"), []string{hc}},
			{off1, "", []string{ha, hb}},
			{off1, "status=open", []string{hb}},
			{off1, "grid_id=" + e.Unit("kfq-1-g1"), []string{}},
			{offK, "", []string{hd}},
		} {
			rows := csvLedger(t, e, c.as, "/api/v1/exports/hazards.csv?"+c.query, hazardHeader, "hazards-2026-06-03")
			got := ledgerIDs(rows)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s ?%s: the ledger has %v, want %v, oldest first", c.as, c.query, got, c.want)
			}
			if list := listIDs(t, e, c.as, "/api/v1/hazards?limit=200&"+c.query); !slices.Equal(sorted(list), sorted(got)) {
				t.Errorf("%s ?%s: the ledger has %v, the list %v", c.as, c.query, got, list)
			}
		}
		rows := csvLedger(t, e, "admin", "/api/v1/exports/hazards.csv", hazardHeader, "hazards-2026-06-03")
		byID := map[string][]string{}
		for _, r := range rows {
			byID[r[1]] = r[1:] // the row after 序号
		}
		b := byID[hb]
		want := []string{hb, "甲便利店", "聊城市甲便利店路1号", gridName("dcf-1-g1"), "疏散通道、安全出口堵塞或锁闭", "重大隐患",
			"发现隐患：evacuation_route", "限期整改", "2026-06-10", "待整改", "否", b[11], "古楼派出所网格员1", "", "", "",
			hbAnswer["reinspection_id"].(string), "", ""}
		if !slices.Equal(b, want) {
			t.Errorf("hb's row\n\t%q\nwant\n\t%q", b, want)
		}
		a := byID[ha]
		if a == nil || a[5] != "一般隐患" || a[7] != "当场整改" || a[8] != "" || a[9] != "已整改待验收" || a[10] != "否" ||
			!ledgerTime.MatchString(a[11]) || !ledgerTime.MatchString(a[13]) || a[14] == "" || !strings.Contains(a[15], "当场整改") || a[16] != "" {
			t.Errorf("ha's row %q", a)
		}
		if c := byID[hc]; c == nil || c[8] != "2026-06-01" || c[9] != "已整改待验收" || c[10] != "否" || c[15] != "已整改完毕" || c[4] != "私拉乱接电线" ||
			c[12] == "" || c[14] == "" {
			t.Errorf("hc's row %q", c)
		}
	})

	t.Run("OK/XLSX", func(t *testing.T) {
		// Ensure the XLSX ledgers open, with their sheet named in Chinese,
		// and hold exactly the rows of the CSV ones.
		for _, c := range []struct{ as, query string }{{"admin", ""}, {"admin", "kind=routine"}, {off1, ""}, {"sup-dcf-1", "overdue=true"}} {
			x := xlsxLedger(t, e, c.as, "/api/v1/exports/inspections.xlsx?"+c.query, "检查台账", inspectionHeader, "inspections-2026-06-03")
			v := csvLedger(t, e, c.as, "/api/v1/exports/inspections.csv?"+c.query, inspectionHeader, "inspections-2026-06-03")
			if fmt.Sprintf("%q", x) != fmt.Sprintf("%q", v) {
				t.Errorf("%s ?%s: the XLSX has\n\t%q\nthe CSV\n\t%q", c.as, c.query, x, v)
			}
		}
		for _, c := range []struct{ as, query string }{{"admin", ""}, {"admin", "status=open"}, {off1, ""}, {offK, "status=open"}} {
			x := xlsxLedger(t, e, c.as, "/api/v1/exports/hazards.xlsx?"+c.query, "隐患台账", hazardHeader, "hazards-2026-06-03")
			v := csvLedger(t, e, c.as, "/api/v1/exports/hazards.csv?"+c.query, hazardHeader, "hazards-2026-06-03")
			if fmt.Sprintf("%q", x) != fmt.Sprintf("%q", v) {
				t.Errorf("%s ?%s: the XLSX has\n\t%q\nthe CSV\n\t%q", c.as, c.query, x, v)
			}
		}
		x := xlsxLedger(t, e, "admin", "/api/v1/exports/hazards.xlsx?status=open", "隐患台账", hazardHeader, "hazards-2026-06-03")
		if got := ledgerIDs(x); !slices.Equal(got, []string{hb, hd}) {
			t.Errorf("open hazards in the XLSX: %v, want [%s %s]", got, hb, hd)
		}
	})

	t.Run("OK/Empty", func(t *testing.T) {
		// Ensure a ledger with no rows is still a ledger: the header alone.
		if rows := csvLedger(t, e, "admin", "/api/v1/exports/hazards.csv?status=verified", hazardHeader, "hazards-2026-06-03"); len(rows) != 0 {
			t.Errorf("rows %q", rows)
		}
		if rows := xlsxLedger(t, e, "sup-dcf-2", "/api/v1/exports/inspections.xlsx", "检查台账", inspectionHeader, "inspections-2026-06-03"); len(rows) != 0 {
			t.Errorf("rows %q", rows)
		}
	})

	t.Run("ErrFormat", func(t *testing.T) {
		// Ensure an unknown format is 404, whoever asks.
		for _, p := range []string{"/api/v1/exports/inspections.pdf", "/api/v1/exports/hazards.pdf", "/api/v1/exports/hazards.json",
			"/api/v1/exports/inspections.xls", "/api/v1/exports/inspections.csv.pdf", "/api/v1/exports/venues.csv"} {
			wantProblem(t, e.Get("admin", p), http.StatusNotFound, "")
			wantProblem(t, e.Get(off1, p+"?kind=routine"), http.StatusNotFound, "")
		}
	})

	t.Run("ErrFilter", func(t *testing.T) {
		// Ensure a bad filter is 422 naming it, before anything is sent.
		for _, c := range []struct{ path, field string }{
			{"/api/v1/exports/inspections.csv?kind=weekly", "kind"},
			{"/api/v1/exports/inspections.xlsx?status=done", "status"},
			{"/api/v1/exports/inspections.csv?overdue=maybe", "overdue"},
			{"/api/v1/exports/inspections.csv?grid_id=g1", "grid_id"},
			{"/api/v1/exports/inspections.xlsx?due_before=2026-13-01", "due_before"},
			{"/api/v1/exports/inspections.csv?venue_id=1", "venue_id"},
			{"/api/v1/exports/hazards.csv?status=closed", "status"},
			{"/api/v1/exports/hazards.xlsx?severity=minor", "severity"},
			{"/api/v1/exports/hazards.csv?overdue=2", "overdue"},
		} {
			r := e.Get("sup-dcf-1", c.path)
			wantProblem(t, r, http.StatusUnprocessableEntity, c.field)
			if cd := r.Header.Get("Content-Disposition"); cd != "" {
				t.Errorf("%s: a refused export is an attachment: %q", c.path, cd)
			}
		}
	})

	t.Run("ErrNoToken", func(t *testing.T) {
		e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/exports/hazards.csv"}).Must(t, http.StatusUnauthorized)
	})
}
