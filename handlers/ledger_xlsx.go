package handlers

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/xuri/excelize/v2"
)

// An XLSX ledger is what a station files and prints: a title row (unit,
// ledger, period), a bold header frozen under it with an autofilter, typed
// cells (dates and instants as real dates, counts as numbers, empty cells
// absent), columns as wide as their content, and A4 landscape pages fit to
// the width with the two top rows repeated on each (print titles).

// measuredRows is how many rows the column widths are measured on: the
// rows stream, so the widths are fixed before the first is written.
const measuredRows = 200

// Column widths, in the width of a digit: at least minWidth, at most
// maxWidth (longer text wraps).
const (
	minWidth = 6
	maxWidth = 40
)

// ledgerStyles are the styles of a ledger's cells, by what they hold.
type ledgerStyles struct {
	title, header, empty    int
	text, integer, date, at int
}

func newLedgerStyles(f *excelize.File) (ledgerStyles, error) {
	var s ledgerStyles
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt, timeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.empty, excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.text, excelize.Style{Border: border, Alignment: top}},
		{&s.integer, excelize.Style{Border: border, Alignment: top, NumFmt: 1}},
		{&s.date, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &dateFmt}},
		{&s.at, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &timeFmt}},
	} {
		id, err := f.NewStyle(&st.style)
		if err != nil {
			return s, err
		}
		*st.id = id
	}
	return s, nil
}

// excelEpoch is day 0 of a spreadsheet's dates (the 1900 system).
var excelEpoch = schedules.NewDate(1899, time.December, 30)

// cell is v as a typed, styled XLSX cell, or nil for an empty one.
func (s ledgerStyles) cell(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return excelize.Cell{StyleID: s.text, Value: v}
	case int64:
		return excelize.Cell{StyleID: s.integer, Value: v}
	case float64:
		return excelize.Cell{StyleID: s.integer, Value: v}
	case schedules.Date:
		return excelize.Cell{StyleID: s.date, Value: float64(v.Sub(excelEpoch))}
	case time.Time:
		// The wall clock in the service's zone, to the minute: what the
		// CSV shows.
		d := schedules.NewDate(v.Year(), v.Month(), v.Day())
		return excelize.Cell{StyleID: s.at, Value: float64(d.Sub(excelEpoch)) + float64(v.Hour()*60+v.Minute())/(24*60)}
	}
	return excelize.Cell{StyleID: s.text, Value: models.CellText(v)}
}

// textWidth is how wide s shows, in digits: a Chinese character is two.
func textWidth(s string) int {
	w, line := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			w, line = max(w, line), 0
		case r >= 0x2E80:
			line += 2
		default:
			line++
		}
	}
	return max(w, line)
}

// columnWidths are the widths of l's columns, fitted to the header and to
// the rows measured.
func columnWidths(l models.Ledger, rows [][]any) []float64 {
	out := make([]float64, len(l.Columns))
	for i, c := range l.Columns {
		w := min(textWidth(c.Name), 12) // a long header wraps
		switch c.Kind {
		case models.DateColumn:
			w = max(w, 10)
		case models.TimeColumn:
			w = max(w, 16)
		default:
			for _, r := range rows {
				w = max(w, textWidth(models.CellText(r[i])))
			}
		}
		out[i] = float64(min(max(w+2, minWidth), maxWidth))
	}
	return out
}

// ptr is a pointer to v, for excelize's options.
func ptr[T any](v T) *T { return &v }

// writeXLSX writes the ledger through excelize's stream writer, which keeps
// the sheet's rows in a temporary file once they pass 16 MB, and writes the
// zip straight to w: excelize's Write would first build the whole workbook
// in memory (10 MB for 100,000 rows, and growing with them). The first
// measuredRows rows are held to fit the column widths, which a stream
// writer must set before its first row.
func writeXLSX(ctx context.Context, out io.Writer, l models.Ledger, tmpDir string) error {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	defer f.Close()
	w := bufio.NewWriterSize(out, 64<<10)
	var zw *zip.Writer
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = zip.NewWriter(w)
		// Deflate's fastest level: a third of the CPU of its default (which
		// was most of a ledger's), for a file about a fifth larger.
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	sheet := l.Sheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	last, err := excelize.ColumnNumberToName(len(l.Columns))
	if err != nil {
		return err
	}
	// The print setup, before the stream writer starts (it writes the
	// sheet's properties first): A4 landscape, one page wide, the title
	// and header on every page, the page number in the footer.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"),
		FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.6),
		Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$2", Scope: sheet}); err != nil {
		return err
	}
	st, err := newLedgerStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	n := 2 // the rows written: title and header
	put := func(row []any) error {
		if n++; n%256 == 0 {
			runtime.Gosched() // see spool.Write
		}
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = st.cell(v)
		}
		return sw.SetRow("A"+strconv.Itoa(n), cells)
	}
	var held [][]any
	started := false
	start := func() error {
		started = true
		for i, wd := range columnWidths(l, held) {
			if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: l.Heading()}}, excelize.RowOpts{Height: 28}); err != nil {
			return err
		}
		if err := sw.MergeCell("A1", last+"1"); err != nil {
			return err
		}
		header := make([]any, len(l.Columns))
		for i, c := range l.Columns {
			header[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
		}
		if err := sw.SetRow("A2", header, excelize.RowOpts{Height: 30}); err != nil {
			return err
		}
		for _, r := range held {
			if err := put(r); err != nil {
				return err
			}
		}
		held = nil
		return nil
	}
	err = l.Write(ctx, func(row []any) error {
		if started {
			return put(row)
		}
		held = append(held, append([]any(nil), row...))
		if len(held) == measuredRows {
			return start()
		}
		return nil
	})
	if err == nil && !started {
		empty := len(held) == 0
		err = start()
		if err == nil && empty {
			// An empty ledger says so, under its header.
			n++
			err = sw.SetRow("A3", []any{excelize.Cell{StyleID: st.empty, Value: models.NoRecords}})
			if err == nil {
				err = sw.MergeCell("A3", last+"3")
			}
		}
	}
	if err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A2:"+last+strconv.Itoa(n), nil); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// Write builds into a buffer of its own, which stays empty: the zip
	// goes to w.
	if err := f.Write(io.Discard); err != nil {
		return err
	}
	if zw == nil {
		return errors.New("excelize did not use the zip writer")
	}
	return w.Flush()
}
