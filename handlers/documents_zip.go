package handlers

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// zipPage is how many documents a ZIP export reads at a time: memory stays
// the same whatever the number of documents.
const zipPage = 100

// exportDocumentsZip streams the PDFs of the documents that match f as one
// ZIP (a station's month for the archive, or to print), rendering one at a
// time, through the same bounded spool as the ledgers (stream).
func (a *API) exportDocumentsZip(c *fiber.Ctx, f models.DocumentFilter) error {
	act, now, loc := actor(c), a.Now(), a.Loc
	today := schedules.DateIn(now, loc)
	// The filters are checked before the answer starts.
	if _, err := models.ListDocuments(c.UserContext(), a.DB, act, f, models.Page{Limit: 1}, today); err != nil {
		return err
	}
	file := "documents-" + today.String() + ".zip"
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+file+`"; filename*=UTF-8''`+url.PathEscape("法律文书-"+today.String()+".zip"))
	c.Set(fiber.HeaderContentType, "application/zip")
	return a.stream(c, "documents", func(ctx context.Context, w io.Writer) error {
		zw := zip.NewWriter(w)
		var pdf bytes.Buffer
		page := models.Page{Limit: zipPage}
		for {
			list, err := models.ListDocuments(ctx, a.DB, act, f, page, today)
			if err != nil {
				return err
			}
			for _, d := range list.Items {
				_, paper, err := models.DocumentPaper(ctx, a.DB, a.Blobs, act, d.ID, a.Rules.Invites, loc, now)
				if err != nil {
					return err
				}
				pdf.Reset()
				if err := forms.Render(&pdf, paper); err != nil {
					return err
				}
				out, err := zw.CreateHeader(&zip.FileHeader{Name: zipName(d), Method: zip.Store, Modified: d.CreatedAt})
				if err != nil {
					return err
				}
				if _, err := out.Write(pdf.Bytes()); err != nil {
					return err
				}
			}
			if list.NextCursor == nil {
				return zw.Close()
			}
			page.Cursor = *list.NextCursor
		}
	})
}

// zipName is a document's file in the archive: its number (or kind and id
// for a draft), safe as a file name.
func zipName(d models.Document) string {
	name := string(d.Kind) + "-" + d.ID.String()
	if d.Number != nil {
		name = *d.Number + "-" + d.ID.String()[:8]
	}
	if d.Status == "void" {
		name += "-作废"
	}
	return strings.NewReplacer("/", "_", "\\", "_").Replace(name) + ".pdf"
}
