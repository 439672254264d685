package handlers

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// The public side (场所码): the venue's page /v/{code} and the tracking page
// /r/{tracking_code}, phone-first HTML that needs no JavaScript, and their
// JSON twins under /api/v1/public/. Nothing here reads a token; nothing here
// tells anything about people.

// maxPublicJSON bounds a public report's JSON body (its text is at most
// 2000 characters: 6 KB of UTF-8, with room for the other fields).
const maxPublicJSON = 16 << 10

// publicCSS is the pages' whole style, inline: one request per page.
const publicCSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#222;background:#f6f6f4}
main{max-width:34rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .8rem;margin:0;background:#fff;padding:.8rem;border-radius:.5rem}
dt{color:#666}dd{margin:0}label{display:block;margin:.7rem 0 .2rem;font-weight:600}
select,textarea,input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #bbb;border-radius:.4rem;background:#fff}
textarea{min-height:7rem}button{margin-top:1rem;width:100%;padding:.8rem;font:inherit;font-weight:600;color:#fff;background:#c62828;border:0;border-radius:.4rem}
.note{color:#666;font-size:.9rem}.err{color:#b00020;background:#fff;padding:.6rem;border-radius:.4rem}.code{font-family:monospace;word-break:break-all}
.ok{color:#1b5e20}.late{color:#b00020}`

// publicCSP allows the inline style above (by its hash) and nothing else:
// no script, no image, no frame; the form posts to this origin only.
var publicCSP = func() string {
	sum := sha256.Sum256([]byte(publicCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}()

var publicPages = template.Must(template.New("public").Funcs(template.FuncMap{
	"css":   func() template.CSS { return template.CSS(publicCSS) },
	"kinds": func() []vocab.Term[vocab.ReportKind] { return vocab.ReportKinds.Terms() },
	"when": func(t *time.Time, loc *time.Location) string {
		if t == nil {
			return "—"
		}
		return t.In(loc).Format("2006-01-02 15:04")
	},
}).Parse(`{{define "head"}}<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>{{.}} · 九小场所消防</title><style>{{css}}</style></head><body><main>{{end}}
{{define "venue"}}{{template "head" .V.Name}}
<h1>{{.V.Name}}</h1>
<dl><dt>场所类别</dt><dd>{{.Category}}</dd>{{if .Level}}<dt>风险等级</dt><dd>{{.Level}}</dd>{{end}}
<dt>辖区派出所</dt><dd>{{.V.Station}}</dd>{{if .V.StationPhone}}<dt>电话</dt><dd><a href="tel:{{.V.StationPhone}}">{{.V.StationPhone}}</a></dd>{{end}}
<dt>最近检查</dt><dd>{{if .V.LastInspected}}{{.V.LastInspected}}{{else}}暂无记录{{end}}</dd></dl>
<h2>举报火灾隐患</h2>
{{if .Error}}<p class="err">{{.Error}}</p>{{end}}
<form method="post" action="/api/v1/public/venues/{{.Code}}/reports" enctype="multipart/form-data">
<label for="kind">问题类型</label><select id="kind" name="kind" required>{{range kinds}}<option value="{{.Value}}">{{.ZH}}</option>{{end}}</select>
<label for="text">情况说明</label><textarea id="text" name="text" maxlength="2000" required placeholder="看到了什么、在哪个位置"></textarea>
<label for="photo">照片（可选）</label><input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/heic">
<label for="phone">手机号（可选）</label><input id="phone" name="reporter_phone" type="tel" inputmode="numeric" pattern="1[3-9][0-9]{9}" maxlength="11">
<p class="note">手机号只用于短信告知处理结果，不会公开，也不会告诉场所。</p>
<button type="submit">提交举报</button></form>
<p class="note">提交后会得到一个查询编号，凭编号可查看处理进度。疏散通道、安全出口堵塞锁闭和消防设施损坏停用的举报，24小时内核查；其他举报3个工作日内核查。</p>
</main></body></html>{{end}}
{{define "report"}}{{template "head" "举报处理进度"}}
<h1>举报处理进度</h1>
{{if .New}}<p class="ok">举报已受理。请保存本页地址或下面的查询编号，凭它查看处理结果。</p><p class="code">{{.Code}}</p>{{end}}
<dl>{{if .R.VenueName}}<dt>场所</dt><dd>{{.R.VenueName}}</dd>{{end}}<dt>问题类型</dt><dd>{{.Kind}}</dd>
<dt>状态</dt><dd id="status">{{.Status}}</dd><dt>受理时间</dt><dd>{{when .Received .Loc}}</dd><dt>核查期限</dt><dd>{{when .Due .Loc}}</dd>
<dt>核查时间</dt><dd>{{when .R.CheckedAt .Loc}}</dd>{{if .R.Outcome}}<dt>处理结果</dt><dd id="outcome">{{.R.Outcome}}</dd>{{end}}</dl>
</main></body></html>{{end}}
{{define "missing"}}{{template "head" "未找到"}}<h1>未找到</h1><p>{{.}}</p></main></body></html>{{end}}`))

// publicHeaders are the headers of every public answer: no referrer (the
// codes are in the URLs), no framing, and the CSP of the pages.
func publicHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderContentSecurityPolicy, publicCSP)
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// PublicHeaders gives every answer of a route the public headers: the
// owner invitation's routes, whose token is in the URL.
func PublicHeaders(c *fiber.Ctx) error {
	publicHeaders(c)
	return c.Next()
}

// page renders one of publicPages with status.
func page(c *fiber.Ctx, status int, name string, data any, cache string) error {
	var b bytes.Buffer
	if err := publicPages.ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	publicHeaders(c)
	c.Set(fiber.HeaderCacheControl, cache)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(status).Send(b.Bytes())
}

// sendVenuePage answers a venue's page: the same until something changes,
// so it has an ETag and answers If-None-Match with 304. It is revalidated
// every time (no-cache): a rotated code stops working at once.
func sendVenuePage(c *fiber.Ctx, p cachedPage) error {
	publicHeaders(c)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set(fiber.HeaderETag, p.etag)
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && etagMatch(inm, p.etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(p.body)
}

const noCodeText = "没有这个场所码：它可能已经更换。请扫描门上最新的二维码，或拨打辖区派出所电话。"

// venuePage is the data of the venue page.
type venuePage struct {
	V               models.PublicVenue
	Code            string
	Category, Level string
	Error           string
}

// venuePage answers the venue page of code: with a problem (status 422 or
// 429, the report form's answer without JavaScript), or the page itself,
// kept by the cache for PUBLIC_PAGE_TTL once drawn (handlers.PageCache).
func (a *API) venuePage(c *fiber.Ctx, status int, code, problem string) error {
	ctx := c.UserContext()
	draw := func() (venuePage, error) {
		v, err := models.PublicVenueByCode(ctx, a.DB, code, a.Public.ShowLevel)
		if err != nil {
			return venuePage{}, err
		}
		d := venuePage{V: v, Code: v.Code, Category: v.Category.ZH(), Error: problem}
		if v.RiskLevel != nil {
			d.Level = v.RiskLevel.ZH()
		}
		return d, nil
	}
	if status != fiber.StatusOK || problem != "" {
		d, err := draw()
		if errors.Is(err, models.ErrNotFound) {
			return page(c, fiber.StatusNotFound, "missing", noCodeText, "no-store")
		} else if err != nil {
			return err
		}
		return page(c, status, "venue", d, "no-cache")
	}
	p, ok, err := a.Public.Pages.page(code, func() (cachedPage, bool, error) {
		d, err := draw()
		if errors.Is(err, models.ErrNotFound) {
			return cachedPage{}, false, nil
		} else if err != nil {
			return cachedPage{}, false, err
		}
		var b bytes.Buffer
		if err := publicPages.ExecuteTemplate(&b, "venue", d); err != nil {
			return cachedPage{}, false, err
		}
		sum := sha256.Sum256(b.Bytes())
		return cachedPage{body: b.Bytes(), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}, true, nil
	})
	switch {
	case err != nil:
		return err
	case !ok:
		return page(c, fiber.StatusNotFound, "missing", noCodeText, "no-store")
	}
	return sendVenuePage(c, p)
}

// PublicVenuePage answers GET /v/{code}: the venue's public page.
func (a *API) PublicVenuePage(c *fiber.Ctx) error {
	return a.venuePage(c, fiber.StatusOK, c.Params("code"), "")
}

// reportPage is the data of the tracking page.
type reportPage struct {
	R             models.PublicReport
	Code          string
	New           bool
	Kind, Status  string
	Received, Due *time.Time
	Loc           *time.Location
}

// PublicReportPage answers GET /r/{tracking_code}: the report's progress.
func (a *API) PublicReportPage(c *fiber.Ctx) error {
	code := c.Params("code")
	r, err := models.PublicReportByTracking(c.UserContext(), a.DB, code)
	if errors.Is(err, models.ErrNotFound) {
		return page(c, fiber.StatusNotFound, "missing", "没有这个查询编号，请核对后再试。", "no-store")
	} else if err != nil {
		return err
	}
	d := reportPage{R: r, Code: code, New: c.Query("new") == "1", Kind: r.Kind.ZH(), Status: r.Status.ZH(),
		Received: &r.ReceivedAt, Due: &r.DueAt, Loc: a.Loc}
	return page(c, fiber.StatusOK, "report", d, "no-store")
}

// GetPublicReport answers GET /api/v1/public/reports/{tracking_code}.
func (a *API) GetPublicReport(c *fiber.Ctx) error {
	publicHeaders(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	r, err := models.PublicReportByTracking(c.UserContext(), a.DB, c.Params("tracking_code"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}

type publicReportRequest struct {
	Kind          vocab.ReportKind `json:"kind" validate:"required"`
	Text          string           `json:"text" validate:"required"`
	ReporterPhone string           `json:"reporter_phone"`
}

// acceptedReport is the answer to a public report.
type acceptedReport struct {
	TrackingCode string             `json:"tracking_code"`
	Status       vocab.ReportStatus `json:"status"`
	DueAt        time.Time          `json:"due_at"`
	TrackingURL  string             `json:"tracking_url"`
}

// wantsHTML: a browser's plain form post, which is answered with pages.
func wantsHTML(c *fiber.Ctx) bool {
	return c.Accepts(fiber.MIMEApplicationJSON, fiber.MIMETextHTML) == fiber.MIMETextHTML
}

// CreatePublicReport answers POST /api/v1/public/venues/{public_code}/reports:
// JSON {kind, text, reporter_phone}, or a multipart form with those fields
// and at most one photo in "photo". A browser's form post (Accept:
// text/html) is answered 303 to the tracking page, or the venue page with
// the problem; any other client gets 202 JSON.
func (a *API) CreatePublicReport(c *fiber.Ctx) error {
	publicHeaders(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	code := c.Params("public_code")
	html := wantsHTML(c)
	in, err := a.readPublicReport(c)
	if err == nil {
		in.RequestID, _ = c.Locals("request_id").(string)
		var r models.PublicReport
		var tracking string
		r, tracking, err = models.CreatePublicReport(c.UserContext(), a.DB, a.Blobs, code, c.IP(), in, a.Public.Limits, a.clock())
		if err == nil {
			if html {
				return c.Redirect("/r/"+tracking+"?new=1", fiber.StatusSeeOther)
			}
			return c.Status(fiber.StatusAccepted).JSON(acceptedReport{TrackingCode: tracking, Status: r.Status, DueAt: r.DueAt,
				TrackingURL: strings.TrimRight(a.Public.BaseURL, "/") + "/r/" + tracking})
		}
	}
	if !html {
		return err
	}
	var throttled *models.ThrottledError
	switch {
	case errors.Is(err, models.ErrNotFound):
		return page(c, fiber.StatusNotFound, "missing", noCodeText, "no-store")
	case errors.As(err, &throttled):
		c.Set(fiber.HeaderRetryAfter, itoaSeconds(throttled.RetryAfter))
		return a.venuePage(c, fiber.StatusTooManyRequests, code, "提交太频繁，请稍后再试。")
	}
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return a.venuePage(c, fiber.StatusUnprocessableEntity, code, "请检查填写的内容："+problemText(ve))
	}
	return err
}

// readPublicReport reads a public report's JSON or multipart body.
func (a *API) readPublicReport(c *fiber.Ctx) (models.PublicReportIn, error) {
	var in models.PublicReportIn
	if !strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEMultipartForm) {
		if len(c.Body()) > maxPublicJSON {
			return in, fiber.NewError(fiber.StatusRequestEntityTooLarge, "a report's JSON body is at most 16 KB; a photo goes in a multipart form")
		}
		var req publicReportRequest
		if err := decode(c, &req); err != nil {
			return in, err
		}
		return models.PublicReportIn{Kind: req.Kind, Text: req.Text, ReporterPhone: req.ReporterPhone}, nil
	}
	form, err := c.MultipartForm()
	if err != nil {
		return in, &BadRequestError{Detail: "the multipart form cannot be read"}
	}
	one := func(name string) string {
		if v := form.Value[name]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	for name := range form.Value {
		switch name {
		case "kind", "text", "reporter_phone":
		default:
			return in, models.Invalid(name, "is not a field of a report (kind, text, reporter_phone, photo)")
		}
	}
	in = models.PublicReportIn{Kind: vocab.ReportKind(one("kind")), Text: one("text"), ReporterPhone: one("reporter_phone")}
	files := form.File["photo"]
	if len(form.File) > 1 || len(files) > 1 {
		return in, models.Invalid("photo", "send at most one photo, in the field \"photo\"")
	}
	if len(files) == 1 && files[0].Size > 0 {
		if files[0].Size > int64(a.MaxPhotoBytes) {
			return in, fiber.NewError(fiber.StatusRequestEntityTooLarge, "the photo is larger than MAX_PHOTO_MB")
		}
		f, err := files[0].Open()
		if err != nil {
			return in, err
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, int64(a.MaxPhotoBytes)+1))
		if err != nil {
			return in, err
		}
		if len(b) > a.MaxPhotoBytes {
			return in, fiber.NewError(fiber.StatusRequestEntityTooLarge, "the photo is larger than MAX_PHOTO_MB")
		}
		in.Photo = b
	}
	return in, nil
}

// problemText is a validation error's fields, for the venue page.
func problemText(ve *models.ValidationError) string {
	names := map[string]string{"kind": "问题类型", "text": "情况说明（1至2000字）", "reporter_phone": "手机号（11位手机号码，或不填）",
		"photo": "照片（JPEG、PNG或HEIC格式）"}
	var out []string
	for _, f := range ve.Errors {
		if n, ok := names[f.Field]; ok {
			out = append(out, n)
		} else {
			out = append(out, f.Field)
		}
	}
	return strings.Join(out, "、")
}

func itoaSeconds(d time.Duration) string { return strconv.Itoa(int(d.Seconds() + 0.999)) }
