package forms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// sample is a deadline order of a venue whose name and address hold rare
// characters (生僻字 outside GB2312).
func sample() Paper {
	return Paper{
		Number: "聊东公（消）限字〔2026〕第0007号", IssuedOn: "2026年06月03日",
		Sheet: Sheet{
			Title: "责令限期改正通知书", KindWord: "限", Authority: "聊城市公安局东昌府区古楼派出所",
			Opening: "㵘水小吃店（聊城市东昌府区㵘河路1号）：我所于2026年06月03日对你单位进行消防监督检查，发现你单位存在下列违反消防法律法规的行为：",
			Order:   "根据《中华人民共和国消防法》第五十三条的规定，责令你单位于2026年06月20日前改正上述违法行为。",
			Appeal:  "如不服本通知，可以在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
			Venue:   "㵘水小吃店", Address: "聊城市东昌府区㵘河路1号", Station: "东昌府区古楼派出所", Officer: "古楼派出所网格员1",
			InspectedOn: "2026年06月03日", Deadline: "2026年06月20日",
			Items: []Item{
				{Label: "灭火器缺失、过期或失效", Severity: "一般隐患", Description: "灭火器过期 ABC-4kg", LegalBasis: "《中华人民共和国消防法》第十六条第一款第（二）项", Deadline: "2026年06月20日"},
				{Label: "疏散通道、安全出口堵塞或锁闭", Severity: "重大隐患", Description: "后门上锁", LegalBasis: "《中华人民共和国消防法》第二十八条", Deadline: "2026年06月20日"},
			},
		},
	}
}

// pdfText is the text pdftotext extracts from a PDF, or a skip when poppler
// is not installed (make test installs it).
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (poppler-utils)")
		}
		t.Skip("pdftotext is missing: make test installs poppler-utils")
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Ensure a notice's text can be extracted: number, venue with its rare
// characters, each hazard and its basis, the deadline, the appeal rights.
func TestRenderText(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, sample()); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b.Bytes())), "")
	for _, want := range []string{"聊东公（消）限字〔2026〕第0007号", "㵘水小吃店", "㵘河路1号", "灭火器过期ABC-4kg", "后门上锁",
		"《中华人民共和国消防法》第十六条第一款第（二）项", "2026年06月20日", "行政复议", "行政诉讼", "送达回执"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text has no %q:\n%s", want, text)
		}
	}
	if os.Getenv("FORMS_OUT") != "" {
		_ = os.WriteFile(os.Getenv("FORMS_OUT"), b.Bytes(), 0o644)
	}
}

// Ensure a draft carries 草稿 and a void document 作废, and that a served
// one shows its receipt.
func TestRenderMarks(t *testing.T) {
	for name, c := range map[string]struct {
		edit func(*Paper)
		want string
	}{
		"draft": {func(p *Paper) { p.Draft, p.Number = true, "" }, "稿"},
		"void":  {func(p *Paper) { p.Void = true }, "废"},
		"served": {func(p *Paper) {
			p.Service = &Service{Method: "直接送达", ReceivedBy: "张㵘", ReceivedAt: "2026-06-04 10:00", By: "网格员1"}
		}, "受送达人（签收）：张㵘"},
	} {
		p := sample()
		c.edit(&p)
		var b bytes.Buffer
		if err := Render(&b, p); err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(strings.Fields(pdfText(t, b.Bytes())), ""); !strings.Contains(text, c.want) {
			t.Errorf("%s: no %q in\n%s", name, c.want, text)
		}
	}
}

// rareText is the text of the sample with 𠮷 (U+20BB7, outside the basic
// plane) and 㵘 (Ext-A) in the venue's name and address.
func rareText(t *testing.T) string {
	t.Helper()
	p := sample()
	p.Venue = "𠮷野家"
	p.Opening = "𠮷野家（㵘河路2号）："
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(pdfText(t, b.Bytes())), "")
}

// Ensure a character that no font has is written as its code point, never
// as a box, and that the shipped fonts cover the rare ones they have.
func TestRareCharacters(t *testing.T) {
	SetFallbackFonts(nil)
	t.Cleanup(func() { SetFallbackFonts(DebianFallbackFonts) })
	if ok, err := Covered("㵘河路 ABC 123 〔〕（）"); err != nil || !ok {
		t.Errorf("Covered(㵘 …) = %v, %v; want true", ok, err)
	}
	if ok, _ := Covered("𠮷"); ok {
		t.Fatal("the shipped fonts have 𠮷; this test needs a character they lack")
	}
	if text := rareText(t); !strings.Contains(text, Missing('𠮷')+"野家") || !strings.Contains(text, "㵘河路2号") {
		t.Errorf("no %s野家 and 㵘河路2号 in %s", Missing('𠮷'), text)
	}
}

// Ensure the fallback fonts (Debian's fonts-hanazono, which make test
// installs) print a character beyond the basic plane as itself.
func TestFallbackFont(t *testing.T) {
	if _, err := os.Stat(DebianFallbackFonts[1]); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("fonts-hanazono is missing")
		}
		t.Skip("fonts-hanazono is missing: make test installs it")
	}
	SetFallbackFonts(DebianFallbackFonts)
	if ok, err := Covered("𠮷㵘"); err != nil || !ok {
		t.Fatalf("Covered(𠮷㵘) = %v, %v; want true with fonts-hanazono", ok, err)
	}
	text := rareText(t)
	if !strings.Contains(text, "𠮷野家") || !strings.Contains(text, "㵘河路2号") || strings.Contains(text, "U+") {
		t.Errorf("no 𠮷野家 and 㵘河路2号 (or a code point left) in %s", text)
	}
}

// BenchmarkRender renders one notice (the fonts are parsed once, before)
// and reports the median (p50) and p90 of the renders.
func BenchmarkRender(b *testing.B) {
	if _, err := fonts(); err != nil {
		b.Fatal(err)
	}
	p := sample()
	var buf bytes.Buffer
	var took []time.Duration
	for b.Loop() {
		buf.Reset()
		start := time.Now()
		if err := Render(&buf, p); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(buf.Len())/1024, "pdf-KB")
}

// BenchmarkFontLoad is what loading the shipped fonts costs, once per process.
func BenchmarkFontLoad(b *testing.B) {
	for b.Loop() {
		if _, err := loadFonts(); err != nil {
			b.Fatal(err)
		}
	}
}

// Ensure letters that fonts join into a ligature (fi, fl, ffi) come out of
// the PDF as their letters, so that a sticker's address and a paper's text
// can be copied and typed as printed.
func TestNoLigatures(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is missing: make test installs poppler-utils")
	}
	var b bytes.Buffer
	done := false
	err := Stickers(&b, func() (Sticker, bool, error) {
		if done {
			return Sticker{}, false, nil
		}
		done = true
		return Sticker{Venue: "office flower", Category: "shop", Station: "st", URL: "https://jx.example/v/AfflBfiCffiD"}, true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b.Bytes())), " ")
	for _, want := range []string{"office flower", "AfflBfiCffiD"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q: %q", want, text)
		}
	}
}

// Ensure an order with an owner invitation prints its words, phone, last
// day and link below the receipt, and one without prints none of them.
func TestRenderInvite(t *testing.T) {
	const link = "https://jx.example.gov.cn/o/invite/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg"
	for _, with := range []bool{true, false} {
		p := sample()
		if with {
			p.Invite = &Invite{URL: link, Phone: "139****5678", Until: "2027年01月01日"}
		}
		var b bytes.Buffer
		if err := Render(&b, p); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(pdfText(t, b.Bytes())), "")
		for _, want := range []string{"场所负责人请扫码", "139****5678", "2027年01月01日前有效", link} {
			if strings.Contains(text, want) != with {
				t.Errorf("invitation %v: %q in the text is %v:\n%s", with, want, !with, text)
			}
		}
		if with && strings.Index(text, "送达回执") > strings.Index(text, "场所负责人请扫码") {
			t.Errorf("the invitation comes before the receipt:\n%s", text)
		}
	}
}
