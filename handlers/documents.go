package handlers

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// documentFilter reads the filters of GET /documents and the ledger.
func documentFilter(q *query) models.DocumentFilter {
	f := models.DocumentFilter{VenueID: q.uuid("venue_id"), InspectionID: q.uuid("inspection_id"), OrgUnitID: q.uuid("org_unit_id"),
		Kind: vocab.DocumentKind(q.str("kind")), Overdue: q.boolPtr("overdue")}
	if mine := q.boolPtr("mine"); mine != nil {
		f.Mine = *mine
	}
	if s := q.str("status"); s != "" {
		for _, st := range strings.Split(s, ",") {
			f.Statuses = append(f.Statuses, vocab.DocumentStatus(st))
		}
	}
	return f
}

// ListDocuments answers GET /documents.
func (a *API) ListDocuments(c *fiber.Ctx) error {
	q := newQuery(c)
	f := documentFilter(q)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListDocuments(c.UserContext(), a.DB, actor(c), f, page, a.today())
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetDocument answers GET /documents/{id}.
func (a *API) GetDocument(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := models.GetDocument(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, d.Version, d)
}

// DocumentPDF answers GET /documents/{id}/pdf: the document on A4 pages.
func (a *API) DocumentPDF(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, paper, err := models.DocumentPaper(c.UserContext(), a.DB, a.Blobs, actor(c), id, a.Rules.Invites, a.Loc, a.Now())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := forms.Render(&b, paper); err != nil {
		return err
	}
	name := string(d.Kind) + "-" + d.ID.String() + ".pdf"
	title := d.Kind.ZH() + ".pdf"
	if d.Number != nil {
		title = *d.Number + ".pdf"
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+name+`"; filename*=UTF-8''`+url.PathEscape(title))
	c.Set(fiber.HeaderETag, `"`+d.ID.String()+"-"+strconv.Itoa(d.Version)+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Send(b.Bytes())
}

type serviceRequest struct {
	Method           vocab.ServiceMethod `json:"method" validate:"required"`
	ReceivedBy       string              `json:"received_by"`
	ReceivedAt       *time.Time          `json:"received_at"`
	SignaturePhotoID *string             `json:"signature_photo_id" validate:"omitempty,uuid"`
	Witness          string              `json:"witness"`
	PhotoIDs         []string            `json:"photo_ids" validate:"max=10,dive,uuid"`
}

// ServeDocument answers POST /documents/{id}/service.
func (a *API) ServeDocument(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req serviceRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	d, err := models.ServeDocument(c.UserContext(), a.DB, actor(c), id, models.Service{Method: req.Method, ReceivedBy: req.ReceivedBy,
		ReceivedAt: req.ReceivedAt, SignaturePhotoID: parseIDPtr(req.SignaturePhotoID), Witness: req.Witness, PhotoIDs: parseIDs(req.PhotoIDs)},
		a.Now(), a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, d.Version, d)
}

type voidRequest struct {
	Reason string `json:"reason" validate:"required"`
}

// VoidDocument answers POST /documents/{id}/void.
func (a *API) VoidDocument(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req voidRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	d, err := models.VoidDocument(c.UserContext(), a.DB, actor(c), id, req.Reason, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, d.Version, d)
}

// ReissueDocument answers POST /documents/{id}/reissue: a supervisor voids
// an issued document with a reason and issues a copy under a new number
// (201; the same request again answers the copy, 200).
func (a *API) ReissueDocument(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req voidRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	d, made, err := models.ReissueDocument(c.UserContext(), a.DB, actor(c), id, req.Reason, a.today())
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if made {
		status = fiber.StatusCreated
	}
	return withETag(c, status, d.Version, d)
}

// IssueDocument answers POST /documents/{id}/issue: a supervisor approves a
// deadline_order that waited as a draft.
func (a *API) IssueDocument(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := models.IssueDraft(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, d.Version, d)
}

// ExportDocuments answers GET /exports/documents.{csv,xlsx}: the document
// ledger (文书台账); and GET /exports/documents.zip: their PDFs.
func (a *API) ExportDocuments(c *fiber.Ctx) error {
	if c.Params("format") == "zip" {
		q := newQuery(c)
		f := documentFilter(q)
		if err := q.err(); err != nil {
			return err
		}
		return a.exportDocumentsZip(c, f)
	}
	l, err := a.documentLedger(c)
	if err != nil {
		return err
	}
	return a.sendLedger(c, l, "documents")
}

// GetDocumentTemplate answers GET /document-templates/{kind}.
func (a *API) GetDocumentTemplate(c *fiber.Ctx) error {
	t, err := models.GetDocumentTemplate(c.UserContext(), a.DB, vocab.DocumentKind(c.Params("kind")))
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, t.Version, t)
}

type templateRequest struct {
	Title     string `json:"title" validate:"required"`
	KindWord  string `json:"kind_word" validate:"required"`
	Authority string `json:"authority" validate:"required"`
	Opening   string `json:"opening"`
	Order     string `json:"order"`
	Appeal    string `json:"appeal"`
	Closing   string `json:"closing"`
}

// PutDocumentTemplate answers PUT /document-templates/{kind}.
func (a *API) PutDocumentTemplate(c *fiber.Ctx) error {
	if !actor(c).IsAdmin() {
		return models.ErrForbidden
	}
	var req templateRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	t, err := models.PutDocumentTemplate(c.UserContext(), a.DB, actor(c), models.DocumentTemplate{Kind: vocab.DocumentKind(c.Params("kind")),
		Title: req.Title, KindWord: req.KindWord, Authority: req.Authority, Opening: req.Opening, Order: req.Order, Appeal: req.Appeal, Closing: req.Closing})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, t.Version, t)
}

type extensionRequest struct {
	ID                string `json:"id" validate:"omitempty,uuid"`
	RequestedDeadline string `json:"requested_deadline" validate:"required,datetime=2006-01-02"`
	Reason            string `json:"reason" validate:"required"`
}

// readExtension reads the hazard's id in the path and the extension
// request in the body, of an officer's or an owner's request alike.
func readExtension(c *fiber.Ctx) (uuid.UUID, models.NewExtension, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return id, models.NewExtension{}, err
	}
	var req extensionRequest
	if err := decode(c, &req); err != nil {
		return id, models.NewExtension{}, err
	}
	d, err := schedules.ParseDate(req.RequestedDeadline)
	if err != nil {
		return id, models.NewExtension{}, models.Invalid("requested_deadline", "must be a date as YYYY-MM-DD")
	}
	return id, models.NewExtension{ID: parseID(req.ID), RequestedDeadline: d, Reason: req.Reason}, nil
}

// RequestExtension answers POST /hazards/{id}/extensions.
func (a *API) RequestExtension(c *fiber.Ctx) error {
	id, req, err := readExtension(c)
	if err != nil {
		return err
	}
	e, err := models.RequestExtension(c.UserContext(), a.DB, actor(c), id, req, a.Rules, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, e.Version, e)
}

// GetExtension answers GET /extensions/{id}.
func (a *API) GetExtension(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	e, err := models.GetExtension(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, e.Version, e)
}

// ApproveExtension answers POST /extensions/{id}/approve.
func (a *API) ApproveExtension(c *fiber.Ctx) error { return a.decideExtension(c, true) }

// RejectExtension answers POST /extensions/{id}/reject.
func (a *API) RejectExtension(c *fiber.Ctx) error { return a.decideExtension(c, false) }

func (a *API) decideExtension(c *fiber.Ctx, approve bool) error {
	id, req, err := decision(c)
	if err != nil {
		return err
	}
	e, err := models.DecideExtension(c.UserContext(), a.DB, actor(c), id, approve, req.Comment, a.Rules, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, e.Version, e)
}

type consentRequest struct {
	Address string `json:"address" validate:"required"`
}

// RecordServiceConsent answers POST /venues/{id}/service-consent.
func (a *API) RecordServiceConsent(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req consentRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	s, err := models.RecordServiceConsent(c.UserContext(), a.DB, actor(c), id, req.Address)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(s)
}

type checklistItemRequest struct {
	LegalBasis     *string        `json:"legal_basis" validate:"required"`
	DefaultFixMode *vocab.FixMode `json:"default_fix_mode" validate:"required"`
}

// PutChecklistItem answers PUT /checklist-items/{code}: an item's legal
// basis and default fix mode.
func (a *API) PutChecklistItem(c *fiber.Ctx) error {
	if !actor(c).IsAdmin() {
		return models.ErrForbidden
	}
	var req checklistItemRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	it, err := models.UpdateChecklistItem(c.UserContext(), a.DB, actor(c), c.Params("code"), models.ChecklistItemPatch{
		LegalBasis: req.LegalBasis, DefaultFixMode: req.DefaultFixMode})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, it.Version, it)
}
