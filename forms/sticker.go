package forms

import (
	"fmt"
	"io"

	"github.com/skip2/go-qrcode"
	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

// Sticker is one venue's door sticker (场所码): its name and category, the
// QR code of its public page with the address printed under it, and its
// station with the station's phone.
type Sticker struct {
	Venue, Category string
	Station, Phone  string
	URL             string
}

// qrSide is the printed QR code's side in millimetres: scanned from a metre
// away by an ordinary phone.
const qrSide = 110.0

// Stickers writes the stickers as one PDF to w, an A4 page each, page after
// page (each page is drawn and written before the next is read from next).
// next answers false when there are no more.
func Stickers(w io.Writer, next func() (Sticker, bool, error)) error {
	fs, err := fonts()
	if err != nil {
		return err
	}
	pw := pdf.New(w, pageW, pageH, &pdf.Options{Compress: true, SubsetFonts: true})
	pw.SetInfo("场所码", "", "", "", "Jiuxiao")
	for i := 0; ; i++ {
		s, ok, err := next()
		if err != nil {
			return err
		}
		if !ok {
			if i == 0 {
				return fmt.Errorf("forms: no stickers to print")
			}
			break
		}
		c, err := stickerPage(fs, s)
		if err != nil {
			return err
		}
		if i > 0 {
			pw.NewPage(pageW, pageH)
		}
		c.RenderTo(pw)
	}
	return pw.Close()
}

// stickerPage draws one sticker.
func stickerPage(fs *fontSet, s Sticker) (*canvas.Canvas, error) {
	modules, err := qrPath(s.URL, qrSide)
	if err != nil {
		return nil, err
	}
	c := canvas.New(pageW, pageH)
	ctx := canvas.NewContext(c)
	y := pageH - 22.0
	line := func(text string, size, gap float64) {
		t := fs.text(text, size, black, textW, canvas.Center)
		ctx.DrawText(marginX, y, t)
		_, h := t.Size()
		y -= h + gap
	}
	line("九小场所消防安全 · 场所码", 16, 6)
	line(s.Venue, 26, 3)
	line(s.Category, 14, 8)

	x0, y0 := (pageW-qrSide)/2, y-qrSide
	ctx.SetFillColor(black)
	ctx.DrawPath(x0, y0, modules)
	y = y0 - 4
	line(s.URL, 9, 8)
	line("扫码查看场所信息，举报火灾隐患", 15, 10)
	station := s.Station
	if s.Phone != "" {
		station += "  电话：" + s.Phone
	}
	line("辖区派出所："+station, 13, 3)
	line("请勿遮挡、损毁本标识", 10, 0)
	return c, nil
}

// qrPath is the QR code of url as one path of its dark modules, side
// millimetres square, its bottom left corner at the origin.
func qrPath(url string, side float64) (*canvas.Path, error) {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("forms: QR code of %q: %w", url, err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	cell := side / float64(len(bits))
	modules := &canvas.Path{}
	for r, row := range bits {
		for col, dark := range row {
			if dark {
				modules = modules.Append(canvas.Rectangle(cell, cell).Translate(float64(col)*cell, side-float64(r+1)*cell))
			}
		}
	}
	return modules, nil
}
