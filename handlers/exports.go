package handlers

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/xuri/excelize/v2"
)

// ExportInspections answers GET /exports/inspections.{csv,xlsx}.
func (a *API) ExportInspections(c *fiber.Ctx) error {
	q := newQuery(c)
	f := inspectionFilter(q)
	if err := q.err(); err != nil {
		return err
	}
	l, err := models.InspectionLedger(c.UserContext(), a.reads(c), actor(c), f, a.today(), a.Loc)
	if err != nil {
		return err
	}
	return a.sendLedger(c, l, "inspections", "检查台账")
}

// ExportHazards answers GET /exports/hazards.{csv,xlsx}: the hazard ledger (隐患台账).
func (a *API) ExportHazards(c *fiber.Ctx) error {
	q := newQuery(c)
	f := hazardFilter(q)
	if err := q.err(); err != nil {
		return err
	}
	l, err := models.HazardLedger(c.UserContext(), a.reads(c), actor(c), f, a.today(), a.Loc)
	if err != nil {
		return err
	}
	return a.sendLedger(c, l, "hazards", "隐患台账")
}

// ExportTimeout bounds the writing of one ledger.
const ExportTimeout = 10 * time.Minute

// sendLedger streams a ledger as CSV (UTF-8 with a byte-order mark, so that
// Excel reads the Chinese right) or as XLSX, by the path's extension,
// through a spool (a.stream): the rows are read at the database's pace and
// sent at the client's.
func (a *API) sendLedger(c *fiber.Ctx, l models.Ledger, name, nameZH string) error {
	format := c.Params("format")
	if format != "csv" && format != "xlsx" {
		return models.ErrNotFound
	}
	file := name + "-" + a.today().String() + "." + format
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+file+`"; filename*=UTF-8''`+url.PathEscape(nameZH+"-"+a.today().String()+"."+format))
	if format == "csv" {
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	} else {
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	return a.stream(c, "ledger", func(ctx context.Context, w io.Writer) error {
		if format == "csv" {
			return writeCSV(ctx, w, l)
		}
		return writeXLSX(ctx, w, l, nameZH, a.Streams.Dir)
	})
}

// spreadsheetSafe keeps a cell that starts like a formula (=, +, -, @) from
// being run as one by Excel or LibreOffice: a leading apostrophe makes it
// text. XLSX cells are written as strings and need no such care.
func spreadsheetSafe(row []string) []string {
	for i, v := range row {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			row[i] = "'" + v
		}
	}
	return row
}

func writeCSV(ctx context.Context, out io.Writer, l models.Ledger) error {
	w := bufio.NewWriterSize(out, 64<<10)
	if _, err := w.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(l.Header); err != nil {
		return err
	}
	n := 0
	err := l.Write(ctx, func(row []string) error {
		if err := cw.Write(spreadsheetSafe(row)); err != nil {
			return err
		}
		if n++; n%1000 == 0 {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
			return w.Flush()
		}
		return nil
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeXLSX writes the ledger through excelize's stream writer, which keeps
// the sheet's rows in a temporary file once they pass 16 MB, and writes the
// zip straight to w: excelize's Write would first build the whole workbook
// in memory (10 MB for 100,000 rows, and growing with them).
func writeXLSX(ctx context.Context, out io.Writer, l models.Ledger, sheet, tmpDir string) error {
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
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	cells := func(row []string) []any {
		out := make([]any, len(row))
		for i, v := range row {
			out[i] = v
		}
		return out
	}
	if err := sw.SetRow("A1", cells(l.Header)); err != nil {
		return err
	}
	n := 1
	err = l.Write(ctx, func(row []string) error {
		if n++; n%256 == 0 {
			runtime.Gosched() // see spool.Write
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells(row))
	})
	if err != nil {
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
