package handlers

import (
	"bufio"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models"
)

// sticker is a venue's sticker as forms prints it.
func (a *API) sticker(v models.StickerVenue) forms.Sticker {
	return forms.Sticker{Venue: v.Name, Category: v.Category.ZH(), Station: v.Station, Phone: v.StationPhone,
		URL: strings.TrimRight(a.Public.BaseURL, "/") + "/v/" + v.PublicCode}
}

// VenueSticker answers GET /venues/{id}/sticker.pdf: the venue's door
// sticker, one A4 page.
func (a *API) VenueSticker(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := models.VenueSticker(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return a.sendStickers(c, "sticker.pdf", []models.StickerVenue{v})
}

// Stickers answers GET /stickers.pdf?org_unit_id=: the stickers of a grid's
// or a station's active venues, a page each, at most models.MaxStickers.
func (a *API) Stickers(c *fiber.Ctx) error {
	q := newQuery(c)
	unit := q.uuid("org_unit_id")
	if err := q.err(); err != nil {
		return err
	}
	if unit == nil {
		return models.Invalid("org_unit_id", "is required: the grid or station whose stickers to print")
	}
	vs, err := models.UnitStickers(c.UserContext(), a.DB, actor(c), *unit)
	if err != nil {
		return err
	}
	return a.sendStickers(c, "stickers.pdf", vs)
}

// sendStickers streams the PDF, each page written as it is drawn.
func (a *API) sendStickers(c *fiber.Ctx, name string, vs []models.StickerVenue) error {
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	if len(vs) == 1 {
		// One page: rendered whole, so that an error is still an error answer.
		var b strings.Builder
		i := 0
		err := forms.Stickers(&b, func() (forms.Sticker, bool, error) {
			if i == len(vs) {
				return forms.Sticker{}, false, nil
			}
			i++
			return a.sticker(vs[i-1]), true, nil
		})
		if err != nil {
			return err
		}
		return c.SendString(b.String())
	}
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		i := 0
		_ = forms.Stickers(w, func() (forms.Sticker, bool, error) {
			if i == len(vs) {
				return forms.Sticker{}, false, nil
			}
			i++
			return a.sticker(vs[i-1]), true, nil
		})
	})
	return nil
}
