package forms

import (
	"bytes"
	"strings"
	"testing"
)

// Ensure a batch of stickers is one PDF, a page each, whose text holds each
// venue's name and category, the public page's address printed under the QR
// code, and the station with its phone.
func TestStickersText(t *testing.T) {
	stickers := []Sticker{
		{Venue: "鑫源便利店", Category: "小商店", Station: "古楼派出所", Phone: "0635-8888110", URL: "https://jx.example.gov.cn/v/AAAAAAAAAAAAAAAAAAAAAA"},
		{Venue: "䶮记小餐馆", Category: "小餐饮", Station: "古楼派出所", URL: "https://jx.example.gov.cn/v/BBBBBBBBBBBBBBBBBBBBBB"},
	}
	i := 0
	var b bytes.Buffer
	err := Stickers(&b, func() (Sticker, bool, error) {
		if i == len(stickers) {
			return Sticker{}, false, nil
		}
		i++
		return stickers[i-1], true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	pages := strings.Split(text, "\f")
	if n := len(pages) - 1; n != len(stickers) { // pdftotext ends every page with a form feed
		t.Fatalf("%d pages, want %d:\n%s", n, len(stickers), text)
	}
	for k, s := range stickers {
		flat := strings.Join(strings.Fields(pages[k]), "")
		for _, want := range []string{s.Venue, s.Category, s.URL, "辖区派出所：" + s.Station, "扫码查看场所信息"} {
			if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
				t.Errorf("page %d lacks %q:\n%s", k+1, want, pages[k])
			}
		}
	}
	if !strings.Contains(pages[0], "0635-8888110") || strings.Contains(pages[1], "电话") {
		t.Errorf("the station's phone is on the first page only when it has one:\n%s", text)
	}
	if err := Stickers(&b, func() (Sticker, bool, error) { return Sticker{}, false, nil }); err == nil {
		t.Error("an empty batch is an error")
	}
}
