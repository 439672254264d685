package models

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// The fuzz targets of this file run their seed corpus with `make test`;
// `make fuzz` (or `go test -fuzz=FuzzDecodeCursor ./models`) explores further.

// cursorKeys are fresh values of every sort key a list hands out as a cursor.
func cursorKeys() []any {
	return []any{new(inspectionCursor), new(venueCursor), new(syncCursor), new(queueCursor), new(uuid.UUID), new(int64)}
}

// FuzzDecodeCursor: whatever a client sends as a cursor, decoding it either
// succeeds or fails with a ValidationError on "cursor" (a 422, never a 500),
// and what decodes survives being handed out and read back.
func FuzzDecodeCursor(f *testing.F) {
	d := schedules.NewDate(2026, time.March, 31)
	dist := 12.5
	id := uuid.MustParse("01a20037-cd4f-70c2-a0dc-4a8b2fb1b565")
	for _, seed := range []string{
		"", "e30", "bnVsbA", "W10", "!!!", "====", strings.Repeat("A", 4096),
		EncodeCursor(inspectionCursor{Due: d, ID: id}),
		EncodeCursor(inspectionCursor{Due: d, ID: id, Dist: &dist}),
		EncodeCursor(venueCursor{ID: id}),
		EncodeCursor(syncCursor{Lo: 1, Hi: 1 << 63, Table: syncHazards, Tx: 7, ID: id, Scope: "abc"}),
		EncodeCursor(queueCursor{At: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), ID: id}),
		EncodeCursor(id), EncodeCursor(int64(-1)),
		b64(`{"due":"2026-02-30","id":"x"}`), b64(`{"due":"0000-01-01"}`), b64(`{"d":1e400}`),
		b64(`{"t":-9223372036854775808,"lo":18446744073709551615}`), b64(`{"id":"{01a20037-cd4f-70c2-a0dc-4a8b2fb1b565}"}`),
		b64(`"urn:uuid:01a20037-cd4f-70c2-a0dc-4a8b2fb1b565"`), b64(`[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]`),
		b64("\xff\xfe{}"), b64(`{"at":"2026-13-01T00:00:00Z"}`),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, key := range cursorKeys() {
			err := DecodeCursor(s, key)
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) || len(ve.Errors) != 1 || ve.Errors[0].Field != "cursor" {
					t.Fatalf("DecodeCursor(%q, %T) = %v, want a ValidationError on cursor", s, key, err)
				}
				continue
			}
			again := reflect.New(reflect.TypeOf(key).Elem()).Interface()
			if err := DecodeCursor(EncodeCursor(key), again); err != nil {
				t.Fatalf("%T decoded from %q does not survive a round trip: %v", key, s, err)
			}
			if first, second := EncodeCursor(key), EncodeCursor(again); first != second {
				t.Fatalf("%T round trip: %s became %s", key, first, second)
			}
		}
	})
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// FuzzValidUSCC: ValidUSCC never panics, accepts only 18 characters of the
// code's alphabet, and for any 17 characters of that alphabet exactly one
// check character of the 31 makes a valid code.
func FuzzValidUSCC(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91110108551385082Q", "91350100M000100Y44", "", "\x00",
		"91350100I000100Y43", "９１３５０１００Ｍ０００１００Ｙ４３", strings.Repeat("Y", 18), strings.Repeat("0", 18)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidUSCC(s) {
			if len(s) != 18 || strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune(usccChars, r) }) >= 0 {
				t.Fatalf("ValidUSCC(%q) = true for a string outside the alphabet", s)
			}
		}
		// Map the input onto 17 characters of the alphabet.
		prefix := make([]byte, 17)
		for i := range prefix {
			var b byte
			if i < len(s) {
				b = s[i]
			}
			prefix[i] = usccChars[int(b)%len(usccChars)]
		}
		valid := 0
		for i := 0; i < len(usccChars); i++ {
			if ValidUSCC(string(prefix) + string(usccChars[i])) {
				valid++
			}
		}
		if valid != 1 {
			t.Fatalf("%s has %d valid check characters, want 1", prefix, valid)
		}
	})
}

// FuzzSniffPhoto: an upload of any bytes is either a JPEG, PNG or HEIC of a
// sane size, or a ValidationError on "file" (a 422) — never a panic, and
// never a decode of the pixels (a decompression bomb costs only its header).
func FuzzSniffPhoto(f *testing.F) {
	for _, seed := range fuzzPhotoSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ct, err := SniffPhoto(b)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Errors[0].Field != "file" {
				t.Fatalf("SniffPhoto = %v, want a ValidationError on file", err)
			}
			return
		}
		if !slices.Contains(photoTypes, ct) {
			t.Fatalf("SniffPhoto accepted %q", ct)
		}
		if ct != "image/heic" {
			cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || cfg.Width*cfg.Height > maxPixels {
				t.Fatalf("SniffPhoto accepted %s that reads as %+v, %v", ct, cfg, err)
			}
		}
	})
}

// fuzzPhotoSeeds are small real photos, and the things that pretend to be.
func fuzzPhotoSeeds() [][]byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var pngBuf, jpgBuf bytes.Buffer
	_ = png.Encode(&pngBuf, img)
	_ = jpeg.Encode(&jpgBuf, img, nil)
	// A PNG whose header claims 100,000 × 100,000 pixels.
	huge := append([]byte{}, pngBuf.Bytes()...)
	copy(huge[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	heic := append([]byte{0, 0, 0, 0x18}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...)
	zip := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 26)...)
	return [][]byte{
		pngBuf.Bytes(), jpgBuf.Bytes(), huge, heic, zip, {}, []byte("GIF89a\x01\x00\x01\x00"),
		[]byte("%PDF-1.4\n"), []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), pngBuf.Bytes()[:20], jpgBuf.Bytes()[:30],
		append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{0xff}, 64)...),
	}
}
