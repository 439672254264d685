package handlers

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

// ledgerRange reads from and to, the period a ledger covers.
func ledgerRange(q *query) models.LedgerRange {
	return models.LedgerRange{From: q.date("from"), To: q.date("to")}
}

// The ledgers read from the replica when there is one (a.reads).

// inspectionLedger is the inspection ledger the query asks for.
func (a *API) inspectionLedger(c *fiber.Ctx) (models.Ledger, error) {
	q := newQuery(c)
	f, r := inspectionFilter(q), ledgerRange(q)
	if err := q.err(); err != nil {
		return models.Ledger{}, err
	}
	return models.InspectionLedger(c.UserContext(), a.reads(c), actor(c), f, r, a.today(), a.Loc)
}

// hazardLedger is the hazard ledger the query asks for.
func (a *API) hazardLedger(c *fiber.Ctx) (models.Ledger, error) {
	q := newQuery(c)
	f, r := hazardFilter(q), ledgerRange(q)
	if err := q.err(); err != nil {
		return models.Ledger{}, err
	}
	return models.HazardLedger(c.UserContext(), a.reads(c), actor(c), f, r, a.today(), a.Loc)
}

// documentLedger is the document ledger the query asks for.
func (a *API) documentLedger(c *fiber.Ctx) (models.Ledger, error) {
	q := newQuery(c)
	f, r := documentFilter(q), ledgerRange(q)
	if err := q.err(); err != nil {
		return models.Ledger{}, err
	}
	return models.DocumentLedger(c.UserContext(), a.reads(c), actor(c), f, r, a.today(), a.Loc)
}

// ExportInspections answers GET /exports/inspections.{csv,xlsx}.
func (a *API) ExportInspections(c *fiber.Ctx) error {
	l, err := a.inspectionLedger(c)
	if err != nil {
		return err
	}
	return a.sendLedger(c, l, "inspections")
}

// ExportHazards answers GET /exports/hazards.{csv,xlsx}: the hazard ledger (隐患台账).
func (a *API) ExportHazards(c *fiber.Ctx) error {
	l, err := a.hazardLedger(c)
	if err != nil {
		return err
	}
	return a.sendLedger(c, l, "hazards")
}

// CountInspections answers GET /exports/inspections/count.
func (a *API) CountInspections(c *fiber.Ctx) error { return a.countLedger(c, a.inspectionLedger) }

// CountHazards answers GET /exports/hazards/count.
func (a *API) CountHazards(c *fiber.Ctx) error { return a.countLedger(c, a.hazardLedger) }

// CountDocuments answers GET /exports/documents/count.
func (a *API) CountDocuments(c *fiber.Ctx) error { return a.countLedger(c, a.documentLedger) }

// ledgerCount is how many rows a ledger has, and the title it will bear:
// what the console shows before it offers the download.
type ledgerCount struct {
	Count int64  `json:"count"`
	Title string `json:"title"`
}

func (a *API) countLedger(c *fiber.Ctx, ledger func(*fiber.Ctx) (models.Ledger, error)) error {
	l, err := ledger(c)
	if err != nil {
		return err
	}
	n, err := l.Count(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(ledgerCount{Count: n, Title: l.Heading()})
}

// ExportTimeout bounds the writing of one ledger.
const ExportTimeout = 10 * time.Minute

// sendLedger streams a ledger as CSV (UTF-8 with a byte-order mark, so that
// Excel reads the Chinese right) or as XLSX, by the path's extension,
// through a spool (a.stream): the rows are read at the database's pace and
// sent at the client's.
func (a *API) sendLedger(c *fiber.Ctx, l models.Ledger, name string) error {
	format := c.Params("format")
	if format != "csv" && format != "xlsx" {
		return models.ErrNotFound
	}
	file := name + "-" + a.today().String() + "." + format
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+file+`"; filename*=UTF-8''`+url.PathEscape(l.Sheet+"-"+a.today().String()+"."+format))
	if format == "csv" {
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	} else {
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	return a.stream(c, "ledger", func(ctx context.Context, w io.Writer) error {
		if format == "csv" {
			return writeCSV(ctx, w, l)
		}
		return writeXLSX(ctx, w, l, a.Streams.Dir)
	})
}

// spreadsheetSafe keeps a text cell that starts like a formula (=, +, -, @)
// from being run as one by Excel or LibreOffice: a leading apostrophe makes
// it text. XLSX text cells are written as strings and need no such care.
func spreadsheetSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// writeCSV writes the header and the rows, the same columns as the XLSX
// ledger without its title row (a CSV file is read by programs, which
// want the header first).
func writeCSV(ctx context.Context, out io.Writer, l models.Ledger) error {
	w := bufio.NewWriterSize(out, 64<<10)
	if _, err := w.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(l.Header()); err != nil {
		return err
	}
	n := 0
	var text []string
	err := l.Write(ctx, func(row []any) error {
		text = text[:0]
		for _, v := range row {
			s := models.CellText(v)
			if _, ok := v.(string); ok {
				s = spreadsheetSafe(s)
			}
			text = append(text, s)
		}
		if err := cw.Write(text); err != nil {
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
