package handlers

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

type createVenueRequest struct {
	ID           string          `json:"id" validate:"omitempty,uuid"`
	Name         string          `json:"name" validate:"required"`
	Category     vocab.Category  `json:"category" validate:"required"`
	RiskLevel    vocab.RiskLevel `json:"risk_level" validate:"required"`
	GridID       string          `json:"grid_id" validate:"required,uuid"`
	Address      string          `json:"address" validate:"required"`
	Lat          *float64        `json:"lat" validate:"required"`
	Lng          *float64        `json:"lng" validate:"required"`
	ContactName  string          `json:"contact_name"`
	ContactPhone string          `json:"contact_phone"`
	LicenseNo    *string         `json:"license_no"`
}

// CreateVenue answers POST /venues.
func (a *API) CreateVenue(c *fiber.Ctx) error {
	var req createVenueRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if req.LicenseNo != nil && *req.LicenseNo == "" {
		req.LicenseNo = nil
	}
	v, err := models.CreateVenue(c.UserContext(), a.DB, actor(c), models.NewVenue{
		ID: parseID(req.ID), Name: req.Name, Category: req.Category, RiskLevel: req.RiskLevel, GridID: parseID(req.GridID),
		Address: req.Address, Lat: *req.Lat, Lng: *req.Lng, ContactName: req.ContactName, ContactPhone: req.ContactPhone,
		LicenseNo: req.LicenseNo,
	})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, v.Version, v)
}

// ListVenues answers GET /venues.
func (a *API) ListVenues(c *fiber.Ctx) error {
	q := newQuery(c)
	f := venueFilter(q)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListVenues(c.UserContext(), a.DB, actor(c), f, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// venueFilter reads the filters of the venue list (and of its points).
func venueFilter(q *query) models.VenueFilter {
	return models.VenueFilter{
		GridID: q.uuid("grid_id"), OrgUnitID: q.uuid("org_unit_id"), RiskLevel: vocab.RiskLevel(q.str("risk_level")),
		Category: vocab.Category(q.str("category")), Status: vocab.VenueStatus(q.str("status")), Q: q.str("q"), Near: q.latLng("near"), RadiusM: q.float("radius_m"),
	}
}

// VenuePoints answers GET /venues/points: the venues of the list's filters
// as map points (id, position, level, category, name), all in one answer up
// to limit, streamed as they are read:
// {"items": [...], "truncated": false}, "truncated" last.
func (a *API) VenuePoints(c *fiber.Ctx) error {
	q := newQuery(c)
	f := venueFilter(q)
	limit := q.int("limit", models.MaxPoints)
	if err := q.err(); err != nil {
		return err
	}
	read, err := models.VenuePoints(a.reads(c), actor(c), f, limit)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return a.stream(c, "points", func(ctx context.Context, out io.Writer) error {
		w := bufio.NewWriterSize(out, 64<<10)
		if _, err := w.WriteString(`{"items":[`); err != nil {
			return err
		}
		n := 0
		more, err := read(ctx, func(p models.VenuePoint) error {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if n++; n > 1 {
				if err := w.WriteByte(','); err != nil {
					return err
				}
			}
			_, err = w.Write(b)
			return err
		})
		if err != nil {
			// The status is sent already: the answer is cut short, so that
			// the client sees a broken answer rather than a partial map.
			return err
		}
		if _, err := fmt.Fprintf(w, `],"truncated":%t}`, more); err != nil {
			return err
		}
		return w.Flush()
	})
}

// GetVenue answers GET /venues/{id}.
func (a *API) GetVenue(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := models.GetVenue(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, v.Version, v)
}

type patchVenueRequest struct {
	Name         *string            `json:"name"`
	GridID       *string            `json:"grid_id" validate:"omitempty,uuid"`
	Address      *string            `json:"address"`
	Lat          *float64           `json:"lat"`
	Lng          *float64           `json:"lng"`
	ContactName  *string            `json:"contact_name"`
	ContactPhone *string            `json:"contact_phone"`
	LicenseNo    *string            `json:"license_no"`
	Status       *vocab.VenueStatus `json:"status"`
	// RiskLevel is here only to refuse it with a clear message.
	RiskLevel *string `json:"risk_level"`
	Version   *int    `json:"version"`
}

// PatchVenue answers PATCH /venues/{id}. The level is not patched: it
// changes through POST /venues/{id}/reclassifications.
func (a *API) PatchVenue(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req patchVenueRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if req.RiskLevel != nil {
		return models.Invalid("risk_level", "changes only through a reclassification (POST /venues/{id}/reclassifications)")
	}
	v, err := version(c, req.Version)
	if err != nil {
		return err
	}
	out, err := models.UpdateVenue(c.UserContext(), a.DB, actor(c), id, models.VenuePatch{
		Name: req.Name, GridID: parseIDPtr(req.GridID), Address: req.Address, Lat: req.Lat, Lng: req.Lng,
		ContactName: req.ContactName, ContactPhone: req.ContactPhone, LicenseNo: req.LicenseNo, Status: req.Status, Version: v,
	})
	if err != nil {
		return err
	}
	a.Public.Pages.Purge() // its public page may show the change
	return withETag(c, fiber.StatusOK, out.Version, out)
}

// VenueHistory answers GET /venues/{id}/history.
func (a *API) VenueHistory(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := models.VenueHistory(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": h})
}
