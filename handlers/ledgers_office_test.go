package handlers_test

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// officeLedger is what LibreOffice Calc read of a ledger
// (testdata/ledger_office.py): lengths in 1/100 mm, rows and columns from 0.
type officeLedger struct {
	Sheet          string `json:"sheet"`
	Rows           int    `json:"rows"`
	Columns        int    `json:"columns"`
	Frozen         bool   `json:"frozen"`
	SplitRow       int    `json:"split_row"`
	SplitColumn    int    `json:"split_column"`
	PrintTitleRows bool   `json:"print_title_rows"`
	TitleStart     int    `json:"title_start"`
	TitleEnd       int    `json:"title_end"`
	Landscape      bool   `json:"landscape"`
	Width          int    `json:"width"`
	Height         int    `json:"height"`
	PagesWide      int    `json:"pages_wide"`
	PagesTall      int    `json:"pages_tall"`
	Filter         *struct {
		AutoFilter  bool `json:"autofilter"`
		StartRow    int  `json:"start_row"`
		EndRow      int  `json:"end_row"`
		StartColumn int  `json:"start_column"`
		EndColumn   int  `json:"end_column"`
	} `json:"filter"`
	ColumnWidths []int `json:"column_widths"`
	Cells        [][]struct {
		Type   string  `json:"type"` // EMPTY, VALUE, TEXT, FORMULA
		Text   string  `json:"text"` // as Calc shows it
		Value  float64 `json:"value"`
		Format string  `json:"format"`
		Bold   bool    `json:"bold"`
	} `json:"cells"` // the title, the header and the first row
}

// officePython is a Python with LibreOffice's UNO bridge (python3-uno), or "".
func officePython() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import uno").Run() == nil {
			return p
		}
	}
	return ""
}

// TestLedgerLibreOffice opens each XLSX ledger in LibreOffice Calc (make
// test installs libreoffice-calc and python3-uno), in a hidden window as a
// person would, and checks what Calc read — typed date and number cells,
// the bold header frozen under the title, the autofilter, the print titles
// and the A4 landscape page one page wide — and prints each to PDF, whose
// pages must be A4 landscape with the title and header on every one. Calc
// starts once for the three files (it takes seconds).
func TestLedgerLibreOffice(t *testing.T) {
	t.Parallel()
	python := officePython()
	_, err := exec.LookPath("soffice")
	if err != nil || python == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice or python3-uno is missing (libreoffice-calc, python3-uno)")
		}
		t.Skip("soffice or python3-uno is missing: make test installs libreoffice-calc and python3-uno")
	}
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing: make test installs poppler-utils", tool)
		}
	}
	fx := newLedgerFix(t, 120) // 120 inspections: more than a page
	e := fx.e
	day := time.Now().In(e.Cfg.Location).Format("2006-01-02")
	made := "from=" + day + "&to=" + day
	ledgers := []struct {
		name, query, sheet, title string
		date, dateFormat, number  string
	}{
		{"inspections", ledgerMay, "检查台账", "聊城市东昌府区古楼派出所 消防监督检查台账 2026-05-01 至 2026-05-31", "应检日期", "YYYY-MM-DD", "隐患数"},
		{"hazards", made, "隐患台账", "聊城市东昌府区古楼派出所 火灾隐患台账 " + day + " 至 " + day, "发现时间", "YYYY-MM-DD HH:MM", "序号"},
		{"documents", made, "文书台账", "聊城市东昌府区古楼派出所 法律文书台账 " + day + " 至 " + day, "签发时间", "YYYY-MM-DD HH:MM", "序号"},
	}
	dir, pdfs := t.TempDir(), t.TempDir()
	args := []string{filepath.Join("testdata", "ledger_office.py"), pdfs}
	for _, l := range ledgers {
		body := e.Get("sup-dcf-1", "/api/v1/exports/"+l.name+".xlsx?"+l.query).Must(t, http.StatusOK).Body
		f := filepath.Join(dir, l.name+".xlsx")
		if err := os.WriteFile(f, body, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	cmd := exec.Command(python, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, stderr.String())
	}
	var read map[string]officeLedger
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatalf("LibreOffice's answer: %v\n%s", err, out)
	}

	for _, l := range ledgers {
		t.Run(l.name, func(t *testing.T) {
			x, ok := read[l.name]
			if !ok || len(x.Cells) < 3 {
				t.Fatalf("Calc read %+v", x)
			}
			if x.Sheet != l.sheet || x.Cells[0][0].Text != l.title || !x.Cells[0][0].Bold {
				t.Errorf("sheet %q, title %q: want %q, %q in bold", x.Sheet, x.Cells[0][0].Text, l.sheet, l.title)
			}
			header := map[string]int{}
			for i, c := range x.Cells[1] {
				header[c.Text] = i
				if !c.Bold || c.Type != "TEXT" {
					t.Errorf("header cell %q: %s, bold %v", c.Text, c.Type, c.Bold)
				}
			}
			if x.Cells[1][0].Text != "序号" || len(x.Cells[1]) != x.Columns {
				t.Errorf("header %v", x.Cells[1])
			}
			// Typed cells, as Calc sees them: numbers and dates are values.
			first := x.Cells[2]
			if c := first[0]; c.Type != "VALUE" || c.Value != 1 || c.Text != "1" {
				t.Errorf("序号 of the first row: %+v", c)
			}
			if c := first[header[l.number]]; c.Type != "VALUE" {
				t.Errorf("%s is %s to Calc: %+v", l.number, c.Type, c)
			}
			date := first[header[l.date]]
			if date.Type != "VALUE" || date.Format != l.dateFormat || date.Value < 46000 ||
				!regexp.MustCompile(`^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$`).MatchString(date.Text) {
				t.Errorf("%s is not a date to Calc: %+v", l.date, date)
			}
			empty := 0
			for _, c := range first {
				if c.Type == "EMPTY" {
					empty++
				} else if c.Type == "TEXT" && c.Text == "" {
					t.Errorf("an empty cell is an empty text: %+v", first)
				}
			}
			if l.name == "inspections" && empty == 0 {
				t.Errorf("a scheduled inspection has no empty cell: %+v", first)
			}
			if !x.Frozen || x.SplitRow != 2 || x.SplitColumn != 0 {
				t.Errorf("frozen %v at row %d, column %d: want the title and header frozen", x.Frozen, x.SplitRow, x.SplitColumn)
			}
			if f := x.Filter; f == nil || !f.AutoFilter || f.StartRow != 1 || f.EndRow != x.Rows-1 || f.StartColumn != 0 || f.EndColumn != x.Columns-1 {
				t.Errorf("filter %+v: want an autofilter on the header over %d rows and %d columns", f, x.Rows, x.Columns)
			}
			if !x.PrintTitleRows || x.TitleStart != 0 || x.TitleEnd != 1 {
				t.Errorf("print titles %v rows %d-%d: want rows 1 and 2 on every page", x.PrintTitleRows, x.TitleStart+1, x.TitleEnd+1)
			}
			if !x.Landscape || x.Width < 29600 || x.Width > 29800 || x.Height < 20900 || x.Height > 21100 || x.PagesWide != 1 || x.PagesTall != 0 {
				t.Errorf("page %dx%d landscape %v, %d×%d pages: want A4 landscape, one page wide", x.Width, x.Height, x.Landscape, x.PagesWide, x.PagesTall)
			}
			if w := x.ColumnWidths[header[l.date]]; w < 1900 { // 10 digits of 11 pt are about 2 cm
				t.Errorf("the %s column is %.1f cm wide: its dates are cut", l.date, float64(w)/1000)
			}

			// The printout: A4 landscape, every column on the page, the
			// title and header on each page.
			pdf := filepath.Join(pdfs, l.name+".pdf")
			info, err := exec.Command("pdfinfo", pdf).Output()
			if err != nil {
				t.Fatalf("pdfinfo: %v", err)
			}
			m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
			size := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(info)
			if m == nil || size == nil {
				t.Fatalf("pdfinfo says\n%s", info)
			}
			pages, _ := strconv.Atoi(string(m[1]))
			w, _ := strconv.ParseFloat(string(size[1]), 64)
			h, _ := strconv.ParseFloat(string(size[2]), 64)
			if w < 835 || w > 848 || h < 590 || h > 600 {
				t.Errorf("pages of %s x %s pts, want A4 landscape (842 x 595)", size[1], size[2])
			}
			if l.name == "inspections" && pages < 2 {
				t.Errorf("%d pages for %d rows: the test wants the header on page 2", pages, x.Rows)
			}
			last := x.Cells[1][x.Columns-1].Text
			for p := 1; p <= pages; p++ {
				text, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				s := strings.Join(strings.Fields(string(text)), "")
				for _, want := range []string{strings.Join(strings.Fields(l.title), ""), "序号", x.Cells[1][1].Text, last, "第" + strconv.Itoa(p) + "页"} {
					if !strings.Contains(s, want) {
						t.Errorf("page %d of %d has no %q:\n%s", p, pages, want, text)
					}
				}
			}
		})
	}
}
