package forms

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // signature images
	_ "image/png"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

// The fonts shipped with Jiuxiao (fonts/, with their licences): Droid Sans
// Fallback Full (Apache-2.0) for Chinese, Japanese and Korean, Ext-A
// included, and DejaVu Sans (Bitstream Vera licence) for Latin, digits and
// symbols, which the fallback font lacks.
var (
	//go:embed fonts/DroidSansFallbackFull.ttf
	cjkTTF []byte
	//go:embed fonts/DejaVuSans.ttf
	latinTTF []byte
)

// DebianFallbackFonts are the fallback fonts looked for when no others are
// set: Debian's fonts-hanazono (HanaMinA for the basic plane and Ext-A,
// HanaMinB for the supplementary ideographic plane, Ext-B to Ext-F, e.g.
// 𠮷 U+20BB7), under the Hanazono Font License or the SIL Open Font
// License. scripts/fonts.sh installs the package for make run and make test.
var DebianFallbackFonts = []string{
	"/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
	"/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
}

var (
	fontMu    sync.Mutex
	fontCache *fontSet
	fallbacks = DebianFallbackFonts
)

// SetFallbackFonts sets the font files used, in order, for the characters
// the shipped fonts lack (FONT_PATH_EXTRA); none leaves those characters as
// Missing writes them. A file that cannot be read is passed over. Call it at
// start, before the first render; it drops the fonts parsed so far.
func SetFallbackFonts(paths []string) {
	fontMu.Lock()
	defer fontMu.Unlock()
	fallbacks, fontCache = slices.Clone(paths), nil
}

// fonts are parsed once per process, on first use (the fallback fonts on
// the first character the shipped ones lack).
func fonts() (*fontSet, error) {
	fontMu.Lock()
	defer fontMu.Unlock()
	if fontCache == nil {
		fs, err := loadFonts()
		if err != nil {
			return nil, err
		}
		fs.fallbackPaths = fallbacks
		fontCache = fs
	}
	return fontCache, nil
}

// loadFonts parses the shipped fonts.
func loadFonts() (*fontSet, error) {
	cjk := canvas.NewFontFamily("DroidSansFallback")
	if err := cjk.LoadFont(cjkTTF, 0, canvas.FontRegular); err != nil {
		return nil, fmt.Errorf("forms: load the CJK font: %w", err)
	}
	latin := canvas.NewFontFamily("DejaVuSans")
	if err := latin.LoadFont(latinTTF, 0, canvas.FontRegular); err != nil {
		return nil, fmt.Errorf("forms: load the Latin font: %w", err)
	}
	cjk.SetFeatures(noLigatures)
	latin.SetFeatures(noLigatures)
	return &fontSet{shipped: []family{familyOf(latin), familyOf(cjk)}}, nil
}

// noLigatures turns the fonts' ligatures off: the papers' text is searched
// and copied (and typed from, as a sticker's address), and a ligature such
// as "fl" comes out of a PDF as one character (U+FB02), not as its letters.
const noLigatures = "-liga,-clig,-dlig"

// family is a font family with its regular font, to ask for glyphs.
type family struct {
	fam  *canvas.FontFamily
	font *canvas.Font
}

func familyOf(f *canvas.FontFamily) family { return family{f, f.Face(12).Font} }

// The families of a fontSet, by index: the shipped Latin and CJK fonts, then
// the fallback fonts in the order given.
const (
	latinFace = 0
	cjkFace   = 1
)

type fontSet struct {
	shipped       []family
	fallbackPaths []string
	fallbackOnce  sync.Once
	fallback      []family
}

// loadFallback parses the fallback fonts, once, passing over those that
// cannot be read or parsed.
func (fs *fontSet) loadFallback() []family {
	fs.fallbackOnce.Do(func() {
		for i, path := range fs.fallbackPaths {
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			f := canvas.NewFontFamily(fmt.Sprintf("Fallback%d", i+1))
			if err := f.LoadFont(data, 0, canvas.FontRegular); err != nil {
				continue
			}
			f.SetFeatures(noLigatures)
			fs.fallback = append(fs.fallback, familyOf(f))
		}
	})
	return fs.fallback
}

// family is the family of index i (latinFace, cjkFace, then the fallbacks).
func (fs *fontSet) family(i int) *canvas.FontFamily {
	if i < len(fs.shipped) {
		return fs.shipped[i].fam
	}
	return fs.fallback[i-len(fs.shipped)].fam
}

// face picks the font that has r: the Latin one for what it covers below
// the CJK blocks, else the CJK one, else the first fallback font that has
// it; ok is false when none has it.
func (fs *fontSet) face(r rune) (i int, ok bool) {
	hasLatin := fs.shipped[latinFace].font.GlyphIndex(r) != 0
	if hasLatin && r < 0x2E80 {
		return latinFace, true
	}
	if fs.shipped[cjkFace].font.GlyphIndex(r) != 0 {
		return cjkFace, true
	}
	if hasLatin {
		return latinFace, true
	}
	for j, f := range fs.loadFallback() {
		if f.font.GlyphIndex(r) != 0 {
			return len(fs.shipped) + j, true
		}
	}
	return cjkFace, false
}

// Covered reports whether the fonts (shipped and fallback) have a glyph for
// every character of s (spaces and line breaks aside).
func Covered(s string) (bool, error) {
	fs, err := fonts()
	if err != nil {
		return false, err
	}
	for _, r := range s {
		if r == ' ' || r == '\n' {
			continue
		}
		if _, ok := fs.face(r); !ok {
			return false, nil
		}
	}
	return true, nil
}

// Missing is how a character no font has is written instead of a box
// (tofu): its code point, which still reads and searches as itself.
func Missing(r rune) string { return fmt.Sprintf("〔U+%04X〕", r) }

// substitute writes each character no font has as Missing says.
func (fs *fontSet) substitute(s string) string {
	var b strings.Builder
	for _, r := range s {
		if _, ok := fs.face(r); ok || r == '\n' || r == ' ' {
			b.WriteRune(r)
		} else {
			b.WriteString(Missing(r))
		}
	}
	return b.String()
}

// Page geometry, in millimetres: A4 portrait, origin at the bottom left.
const (
	pageW, pageH = 210.0, 297.0
	marginX      = 20.0
	marginTop    = 18.0
	marginBottom = 16.0
	textW        = pageW - 2*marginX
)

var (
	black = canvas.Black
	grey  = canvas.RGBA(80, 80, 80, 1)
	red   = canvas.RGBA(200, 30, 30, 0.25)
)

// text is s as canvas text in the fonts at size points, each run of
// characters in the font that has them, wrapped to width.
func (fs *fontSet) text(s string, size float64, col color.RGBA, width float64, align canvas.TextAlign) *canvas.Text {
	faceOf := func(i int) *canvas.FontFace {
		return fs.family(i).Face(size, col, canvas.FontRegular, canvas.FontNormal)
	}
	rt := canvas.NewRichText(faceOf(cjkFace))
	var run strings.Builder
	runFace := cjkFace
	flush := func() {
		if run.Len() == 0 {
			return
		}
		rt.WriteFace(faceOf(runFace), run.String())
		run.Reset()
	}
	for _, r := range fs.substitute(s) {
		i, _ := fs.face(r)
		if r == '\n' || r == ' ' {
			i = runFace
		}
		if i != runFace {
			flush()
			runFace = i
		}
		run.WriteRune(r)
	}
	flush()
	return rt.ToText(width, 0, align, canvas.Top, &canvas.TextOptions{Linebreaker: canvas.GreedyLinebreaker{}})
}

// pager draws the flowing body of a document page after page.
type pager struct {
	fs    *fontSet
	pages []*canvas.Canvas
	ctx   *canvas.Context
	y     float64 // the top of the next block
	mark  string  // the watermark of every page, if any
}

func (p *pager) newPage() {
	c := canvas.New(pageW, pageH)
	p.pages = append(p.pages, c)
	p.ctx = canvas.NewContext(c)
	p.y = pageH - marginTop
}

// block draws s at the cursor (a new page when it does not fit) and moves
// the cursor below it.
func (p *pager) block(s string, size float64, col color.RGBA, align canvas.TextAlign, gap float64) {
	if strings.TrimSpace(s) == "" {
		return
	}
	t := p.fs.text(s, size, col, textW, align)
	_, h := t.Size()
	if p.y-h < marginBottom {
		p.newPage()
	}
	p.ctx.DrawText(marginX, p.y, t)
	p.y -= h + gap
}

// need starts a new page unless h millimetres are left.
func (p *pager) need(h float64) {
	if p.y-h < marginBottom {
		p.newPage()
	}
}

// Render writes paper as a PDF to w: A4 portrait pages, one document.
func Render(w io.Writer, paper Paper) error {
	fs, err := fonts()
	if err != nil {
		return err
	}
	p := &pager{fs: fs}
	p.newPage()
	s := paper.Sheet

	p.block(s.Authority, 14, black, canvas.Center, 3)
	p.block(s.Title, 20, black, canvas.Center, 3)
	number := paper.Number
	if number == "" {
		number = "（签发时编号）"
	}
	p.block(number, 11, black, canvas.Right, 6)

	p.block(s.Opening, 12, black, canvas.Left, 4)
	if s.CheckIn != "" {
		p.block("签到："+s.CheckIn, 10.5, grey, canvas.Left, 3)
	}
	for i, c := range s.Checklist {
		line := fmt.Sprintf("%d. %s：%s", i+1, c.Label, c.Result)
		if c.Note != "" {
			line += "（" + c.Note + "）"
		}
		p.block(line, 11, black, canvas.Left, 1.5)
	}
	if len(s.Checklist) > 0 {
		p.y -= 3
	}
	for i, it := range s.Items {
		line := fmt.Sprintf("%d. %s（%s）：%s", i+1, it.Label, it.Severity, it.Description)
		p.block(line, 12, black, canvas.Left, 1)
		detail := "违反：" + it.LegalBasis
		if it.LegalBasis == "" {
			detail = ""
		}
		switch {
		case it.Finding != "":
			detail = strings.TrimPrefix(detail+"；复查："+it.Finding, "；")
		case it.Deadline != "":
			detail = strings.TrimPrefix(detail+"；整改期限："+it.Deadline, "；")
		case it.FixMode != "":
			detail = strings.TrimPrefix(detail+"；"+it.FixMode, "；")
		}
		p.block(detail, 10.5, grey, canvas.Left, 2.5)
	}
	if s.Notes != "" {
		p.block("备注："+s.Notes, 11, black, canvas.Left, 3)
	}
	p.y -= 2
	p.block(s.Order, 12, black, canvas.Left, 3)
	p.block(s.Appeal, 12, black, canvas.Left, 3)
	p.block(s.Closing, 12, black, canvas.Left, 3)

	// The issuing station and date, at the right.
	p.need(30)
	p.y -= 4
	p.block(s.Station+"（印章）", 12, black, canvas.Right, 2)
	issued := paper.IssuedOn
	if issued == "" {
		issued = "    年  月  日"
	}
	p.block(issued, 12, black, canvas.Right, 6)
	receipt(p, paper)
	if paper.Invite != nil {
		if err := invite(p, *paper.Invite); err != nil {
			return err
		}
	}

	if paper.Void {
		p.mark = "作废"
	} else if paper.Draft {
		p.mark = "草稿"
	}
	pw := pdf.New(w, pageW, pageH, &pdf.Options{Compress: true, SubsetFonts: true})
	pw.SetInfo(s.Title+" "+paper.Number, s.Venue, "", s.Station, "Jiuxiao")
	for i, c := range p.pages {
		if p.mark != "" {
			watermark(canvas.NewContext(c), fs, p.mark)
		}
		if i > 0 {
			pw.NewPage(pageW, pageH)
		}
		c.RenderTo(pw)
	}
	return pw.Close()
}

// receipt draws the receipt block (被检查单位签收 / 送达回执) in a box: blank
// lines to sign on paper, or the service as it was recorded.
func receipt(p *pager, paper Paper) {
	const boxH = 42.0
	p.need(boxH + 2)
	top := p.y
	ctx := p.ctx
	ctx.SetStrokeColor(black)
	ctx.SetStrokeWidth(0.3)
	ctx.SetFillColor(canvas.Transparent)
	ctx.DrawPath(marginX, top-boxH, canvas.Rectangle(textW, boxH))
	ctx.SetFillColor(black)
	lines := []string{"送达回执", "被检查单位签收：______________    签收时间：______年____月____日",
		"送达方式：______________    见证人：______________    送达人：______________"}
	if sv := paper.Service; sv != nil {
		lines = []string{"送达回执", "送达方式：" + sv.Method, "受送达人（签收）：" + sv.ReceivedBy + "    签收时间：" + sv.ReceivedAt}
		extra := "送达人：" + sv.By
		if sv.Witness != "" {
			extra = "见证人：" + sv.Witness + "    " + extra
		}
		lines = append(lines, extra)
	}
	y := top - 3
	for i, l := range lines {
		size := 11.0
		if i == 0 {
			size = 12
		}
		t := p.fs.text(l, size, black, textW-6, canvas.Left)
		ctx.DrawText(marginX+3, y, t)
		_, h := t.Size()
		y -= h + 3
	}
	if sv := paper.Service; sv != nil && len(sv.Signature) > 0 {
		if img, _, err := image.Decode(bytes.NewReader(sv.Signature)); err == nil {
			ctx.FitImage(img, canvas.RectFromSize(marginX+textW-62, top-boxH+2, 58, 18), canvas.ImageContain)
		}
	}
	p.y = top - boxH - 2
}

// invite draws the owner invitation below the receipt: its QR code at the
// left, what it is for at the right, and the link in small print.
func invite(p *pager, in Invite) error {
	const side = 30.0
	modules, err := qrPath(in.URL, side)
	if err != nil {
		return err
	}
	p.need(side + 12)
	top := p.y - 2
	p.ctx.SetFillColor(black)
	p.ctx.DrawPath(marginX, top-side, modules)
	x, w := marginX+side+5, textW-side-5
	y := top
	for _, l := range []struct {
		s    string
		size float64
	}{
		{"场所负责人请扫码（业主端）", 12},
		{"扫码后用预留手机号 " + in.Phone + " 接收验证码，即可在手机上查看和签收本场所的文书、上传整改情况、申请复查。", 10.5},
		{"此码仅限本场所使用一次，" + in.Until + "前有效；请妥善保管，勿转交他人。", 10.5},
	} {
		t := p.fs.text(l.s, l.size, black, w, canvas.Left)
		p.ctx.DrawText(x, y, t)
		_, h := t.Size()
		y -= h + 2
	}
	p.y = min(y, top-side) - 2
	p.block(in.URL, 8, grey, canvas.Left, 2)
	return nil
}

// watermark draws mark large, turned and translucent across the page.
func watermark(ctx *canvas.Context, fs *fontSet, mark string) {
	face := fs.family(cjkFace).Face(150, red, canvas.FontRegular, canvas.FontNormal)
	t := canvas.NewTextLine(face, mark, canvas.Center)
	ctx.Push()
	ctx.Translate(pageW/2, pageH/2)
	ctx.Rotate(35)
	ctx.DrawText(0, -20, t)
	ctx.Pop()
}
