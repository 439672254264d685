package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// PublicConfig is what a city chooses for the public side (场所码).
type PublicConfig struct {
	// BaseURL is where the public reaches the service; the stickers' QR
	// codes hold BaseURL + /v/{public_code}.
	BaseURL string
	// ShowLevel shows a venue's risk level on its public page.
	ShowLevel bool
	// Limits bound the public reports per client address and per venue.
	Limits models.PublicLimits
	// Pages keeps the venue pages drawn (PUBLIC_PAGE_TTL); nil keeps none.
	Pages *PageCache
}

// clock is the reports' clock: now, in the service's zone.
func (a *API) clock() models.ReportClock { return models.ReportClock{Now: a.Now(), Loc: a.Loc} }

type createReportRequest struct {
	VenueID       *string            `json:"venue_id" validate:"omitempty,uuid"`
	Address       string             `json:"address"`
	Lat           *float64           `json:"lat"`
	Lng           *float64           `json:"lng"`
	Kind          vocab.ReportKind   `json:"kind" validate:"required"`
	Text          string             `json:"text" validate:"required"`
	PhotoIDs      []string           `json:"photo_ids" validate:"omitempty,dive,uuid"`
	ReporterPhone string             `json:"reporter_phone"`
	Source        vocab.ReportSource `json:"source"`
}

// createdReport is a report as its create answers it: with the tracking
// code, shown this once (only its hash is kept).
type createdReport struct {
	models.Report
	TrackingCode string `json:"tracking_code"`
}

// CreateReport answers POST /reports: a hotline transfer (supervisors,
// admins) or a grid worker's tip (officers, in their grids).
func (a *API) CreateReport(c *fiber.Ctx) error {
	var req createReportRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	r, code, err := models.CreateReport(c.UserContext(), a.DB, actor(c), models.NewReport{
		VenueID: parseIDPtr(req.VenueID), Address: req.Address, Lat: req.Lat, Lng: req.Lng, Kind: req.Kind, Text: req.Text,
		PhotoIDs: parseIDs(req.PhotoIDs), ReporterPhone: req.ReporterPhone, Source: req.Source,
	}, a.clock())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, r.Version, createdReport{r, code})
}

// ListReports answers GET /reports.
func (a *API) ListReports(c *fiber.Ctx) error {
	q := newQuery(c)
	f := models.ReportFilter{Status: vocab.ReportStatus(q.str("status")), Overdue: q.boolPtr("overdue"),
		OrgUnitID: q.uuid("org_unit_id"), VenueID: q.uuid("venue_id")}
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListReports(c.UserContext(), a.DB, actor(c), f, page, a.Now())
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetReport answers GET /reports/{id}.
func (a *API) GetReport(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	r, err := models.GetReport(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, r.Version, r)
}

type reportVenueRequest struct {
	ID           string          `json:"id" validate:"omitempty,uuid"`
	Name         string          `json:"name" validate:"required"`
	Category     vocab.Category  `json:"category" validate:"required"`
	RiskLevel    vocab.RiskLevel `json:"risk_level" validate:"required"`
	ContactName  string          `json:"contact_name"`
	ContactPhone string          `json:"contact_phone"`
	LicenseNo    *string         `json:"license_no"`
}

// ReportVenue answers POST /reports/{id}/venue: the venue a report about an
// address found, made at the report's address and position.
func (a *API) ReportVenue(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req reportVenueRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if req.LicenseNo != nil && *req.LicenseNo == "" {
		req.LicenseNo = nil
	}
	r, err := models.ReportToVenue(c.UserContext(), a.DB, actor(c), id, models.NewVenue{
		ID: parseID(req.ID), Name: req.Name, Category: req.Category, RiskLevel: req.RiskLevel,
		ContactName: req.ContactName, ContactPhone: req.ContactPhone, LicenseNo: req.LicenseNo,
	}, a.clock())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, r.Version, r)
}

type closeReportRequest struct {
	Reason vocab.ReportCloseReason `json:"reason" validate:"required"`
	Note   string                  `json:"note"`
}

// CloseReport answers POST /reports/{id}/close: a report about an address,
// checked without a venue.
func (a *API) CloseReport(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req closeReportRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	r, err := models.CloseReport(c.UserContext(), a.DB, actor(c), id, req.Reason, req.Note, a.Now())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, r.Version, r)
}

type linkReportRequest struct {
	VenueID string `json:"venue_id" validate:"required,uuid"`
}

// LinkReport answers POST /reports/{id}/link: a report about an address,
// tied to the known venue there.
func (a *API) LinkReport(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req linkReportRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	r, err := models.LinkReport(c.UserContext(), a.DB, actor(c), id, parseID(req.VenueID), a.clock())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, r.Version, r)
}

// RotatePublicCode answers POST /venues/{id}/public-code.
func (a *API) RotatePublicCode(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := models.RotatePublicCode(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	a.Public.Pages.Purge()
	return withETag(c, fiber.StatusOK, v.Version, v)
}
