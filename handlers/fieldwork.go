package handlers

import (
	"io"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// ListChecklistItems answers GET /checklist-items.
func (a *API) ListChecklistItems(c *fiber.Ctx) error {
	items, err := models.ListChecklistItems(c.UserContext(), a.DB, c.Query("category"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

type adHocRequest struct {
	ID      string `json:"id" validate:"omitempty,uuid"`
	VenueID string `json:"venue_id" validate:"required,uuid"`
	Notes   string `json:"notes"`
}

// CreateInspection answers POST /inspections: an ad hoc inspection.
func (a *API) CreateInspection(c *fiber.Ctx) error {
	var req adHocRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := models.CreateAdHoc(c.UserContext(), a.DB, actor(c), models.NewAdHoc{ID: parseID(req.ID), VenueID: parseID(req.VenueID), Notes: req.Notes}, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, in.Version, in)
}

type startRequest struct {
	Lat       *float64 `json:"lat" validate:"required"`
	Lng       *float64 `json:"lng" validate:"required"`
	AccuracyM *float64 `json:"accuracy_m"`
}

// StartInspection answers POST /inspections/{id}/start.
func (a *API) StartInspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req startRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := models.StartInspection(c.UserContext(), a.DB, actor(c), id, models.Position{Lat: *req.Lat, Lng: *req.Lng, AccuracyM: req.AccuracyM}, a.Rules, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

type checklistAnswer struct {
	ItemCode string `json:"item_code" validate:"required"`
	Result   string `json:"result" validate:"required"`
	Note     string `json:"note"`
}

type hazardRequest struct {
	ID          string   `json:"id" validate:"required,uuid"`
	Code        string   `json:"code" validate:"required"`
	Severity    string   `json:"severity" validate:"required"`
	Description string   `json:"description" validate:"required"`
	PhotoIDs    []string `json:"photo_ids" validate:"max=20,dive,uuid"`
	FixMode     string   `json:"fix_mode" validate:"required"`
	// Deadline is read as a string so that a malformed date is an error
	// on this field, not an unreadable body.
	Deadline *string `json:"deadline" validate:"omitempty,datetime=2006-01-02"`
}

type resolutionRequest struct {
	HazardID    string   `json:"hazard_id" validate:"required,uuid"`
	Fixed       *bool    `json:"fixed" validate:"required"`
	Description string   `json:"description"`
	PhotoIDs    []string `json:"photo_ids" validate:"max=20,dive,uuid"`
}

type submitRequest struct {
	Checklist   []checklistAnswer   `json:"checklist" validate:"required,max=100,dive"`
	Hazards     []hazardRequest     `json:"hazards" validate:"max=50,dive"`
	Resolutions []resolutionRequest `json:"resolutions" validate:"max=50,dive"`
	Notes       string              `json:"notes"`
}

func parseIDs(ss []string) []uuid.UUID {
	out := make([]uuid.UUID, len(ss))
	for i, s := range ss {
		out[i] = parseID(s)
	}
	return out
}

// SubmitInspection answers POST /inspections/{id}/submit.
func (a *API) SubmitInspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req submitRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	s := models.Submission{Notes: req.Notes, Checklist: models.ChecklistAnswers{}}
	for _, ans := range req.Checklist {
		s.Checklist = append(s.Checklist, models.ChecklistAnswer{ItemCode: ans.ItemCode, Result: ans.Result, Note: ans.Note})
	}
	for i, h := range req.Hazards {
		var deadline *schedules.Date
		if h.Deadline != nil {
			d, err := schedules.ParseDate(*h.Deadline)
			if err != nil {
				return models.Invalid("hazards["+strconv.Itoa(i)+"].deadline", "must be a date as YYYY-MM-DD")
			}
			deadline = &d
		}
		s.Hazards = append(s.Hazards, models.NewHazard{ID: parseID(h.ID), Code: h.Code, Severity: h.Severity, Description: h.Description,
			PhotoIDs: parseIDs(h.PhotoIDs), FixMode: h.FixMode, Deadline: deadline})
	}
	for _, r := range req.Resolutions {
		s.Resolutions = append(s.Resolutions, models.Resolution{HazardID: parseID(r.HazardID), Fixed: *r.Fixed, Description: r.Description,
			PhotoIDs: parseIDs(r.PhotoIDs)})
	}
	in, err := models.SubmitInspection(c.UserContext(), a.DB, actor(c), id, s, a.Rules, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

type reviewRequest struct {
	Comment string `json:"comment" validate:"max=2000"`
}

// ApproveInspection answers POST /inspections/{id}/approve.
func (a *API) ApproveInspection(c *fiber.Ctx) error { return a.review(c, true) }

// ReturnInspection answers POST /inspections/{id}/return.
func (a *API) ReturnInspection(c *fiber.Ctx) error { return a.review(c, false) }

func (a *API) review(c *fiber.Ctx, approve bool) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req reviewRequest
	if len(c.Body()) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	in, err := models.ReviewInspection(c.UserContext(), a.DB, actor(c), id, approve, req.Comment, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

// ListHazards answers GET /hazards.
func (a *API) ListHazards(c *fiber.Ctx) error {
	q := newQuery(c)
	f := hazardFilter(q)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListHazards(c.UserContext(), a.DB, actor(c), f, page, a.today())
	if err != nil {
		return err
	}
	return c.JSON(list)
}

// GetHazard answers GET /hazards/{id}.
func (a *API) GetHazard(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := models.GetHazard(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, h.Version, h)
}

type rectifyRequest struct {
	Description string   `json:"description" validate:"required"`
	PhotoIDs    []string `json:"photo_ids" validate:"max=20,dive,uuid"`
}

// RectifyHazard answers POST /hazards/{id}/rectify.
func (a *API) RectifyHazard(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req rectifyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	h, err := models.RectifyHazard(c.UserContext(), a.DB, actor(c), id, req.Description, parseIDs(req.PhotoIDs), a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, h.Version, h)
}

type verifyRequest struct {
	Accepted *bool  `json:"accepted" validate:"required"`
	Comment  string `json:"comment" validate:"max=1000"`
}

// VerifyHazard answers POST /hazards/{id}/verify.
func (a *API) VerifyHazard(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req verifyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	h, err := models.VerifyHazard(c.UserContext(), a.DB, actor(c), id, *req.Accepted, req.Comment, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, h.Version, h)
}

// UploadPhoto answers POST /photos (multipart, field "file"; optional
// field "id" for a client-made id).
func (a *API) UploadPhoto(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return models.Invalid("file", "send the photo as multipart/form-data in the field \"file\"")
	}
	if fh.Size > int64(a.MaxPhotoBytes) {
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "the photo is larger than MAX_PHOTO_MB")
	}
	var id uuid.UUID
	if s := c.FormValue("id"); s != "" {
		if id, err = uuid.Parse(s); err != nil {
			return models.Invalid("id", "must be a UUID")
		}
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(a.MaxPhotoBytes)+1))
	if err != nil {
		return err
	}
	if len(b) > a.MaxPhotoBytes {
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "the photo is larger than MAX_PHOTO_MB")
	}
	if len(b) == 0 {
		return models.Invalid("file", "is empty")
	}
	p, err := models.CreatePhoto(c.UserContext(), a.DB, a.Blobs, actor(c), id, b)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}

// GetPhoto answers GET /photos/{id} with the photo's bytes.
func (a *API) GetPhoto(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, r, err := models.GetPhoto(c.UserContext(), a.DB, a.Blobs, actor(c), id)
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, p.ContentType)
	c.Set(fiber.HeaderETag, `"`+p.SHA256+`"`)
	c.Set(fiber.HeaderCacheControl, "private, max-age=31536000, immutable")
	return c.Send(b)
}

// SyncChanges answers GET /sync/changes.
func (a *API) SyncChanges(c *fiber.Ctx) error {
	q := newQuery(c)
	limit := q.int("limit", models.MaxLimit)
	q.errs.Add(limit < 1 || limit > models.MaxLimit, "limit", "must be between 1 and %d", models.MaxLimit)
	since := q.str("since")
	if err := q.err(); err != nil {
		return err
	}
	ch, err := models.SyncChanges(c.UserContext(), a.DB, actor(c), since, limit, a.today())
	if err != nil {
		return err
	}
	return c.JSON(ch)
}
