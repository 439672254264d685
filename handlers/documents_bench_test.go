package handlers_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// BenchmarkDocumentsZip streams a station's month of deadline orders (100
// and 500) as one ZIP of PDFs over a real loopback connection (port 18121),
// and reports the time and the peak heap while it streams: flat memory
// means the peak does not grow with the number of documents.
func BenchmarkDocumentsZip(b *testing.B) {
	for i, n := range []int{100, 500} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := docEnv(b, "2026-06-03", 0)
			const off = "off-dcf-1-g1"
			body := apptest.VenueBody(e.Unit("dcf-1-g1"))
			var v struct {
				ID       string
				Lat, Lng float64
			}
			e.Post("admin", "/api/v1/venues", body).Must(b, http.StatusCreated).JSON(b, &v)
			var in struct{ ID string }
			e.Post(off, "/api/v1/inspections", map[string]any{"venue_id": v.ID}).Must(b, http.StatusCreated).JSON(b, &in)
			e.Post(off, "/api/v1/inspections/"+in.ID+"/start", map[string]any{"lat": v.Lat, "lng": v.Lng}).Must(b, http.StatusOK)
			var items struct{ Items []struct{ Code string } }
			e.Get(off, "/api/v1/checklist-items?category=shop").Must(b, http.StatusOK).JSON(b, &items)
			var answers []map[string]any
			for _, it := range items.Items {
				answers = append(answers, map[string]any{"item_code": it.Code, "result": "fail"})
			}
			var hazards []map[string]any
			for _, it := range items.Items[:5] {
				hazards = append(hazards, map[string]any{"id": uuid.NewString(), "code": it.Code, "severity": "general",
					"description": "隐患：" + it.Code, "fix_mode": "deadline", "deadline": "2026-06-30"})
			}
			e.Post(off, "/api/v1/inspections/"+in.ID+"/submit", map[string]any{"checklist": answers, "hazards": hazards}).Must(b, http.StatusOK)
			// n-1 more orders like the first, numbered on.
			err := e.DB.Exec(`INSERT INTO documents (kind, status, station_id, grid_id, venue_id, inspection_id, hazard_ids, content,
				year, seq, number, issued_at, issued_by, serve_by, created_by)
				SELECT kind, status, station_id, grid_id, venue_id, inspection_id, hazard_ids, content, year, seq + g,
				       '聊东公（消）限字〔2026〕第' || lpad((seq + g)::text, 4, '0') || '号', issued_at, issued_by, serve_by, created_by
				FROM documents, generate_series(1, ?) g WHERE kind = 'deadline_order'`, n-1).Error
			if err != nil {
				b.Fatal(err)
			}
			ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", 18121+i))
			if err != nil {
				b.Fatal(err)
			}
			go func() { _ = e.App.Listener(ln) }()
			defer func() { _ = e.App.ShutdownWithTimeout(5 * time.Second) }()
			url := "http://" + ln.Addr().String() + "/api/v1/exports/documents.zip?kind=deadline_order"
			token := e.Token("sup-dcf-1")
			var peak atomic.Uint64
			stop := make(chan struct{})
			go func() {
				var m runtime.MemStats
				for {
					select {
					case <-stop:
						return
					case <-time.After(20 * time.Millisecond):
						runtime.ReadMemStats(&m)
						if m.HeapInuse > peak.Load() {
							peak.Store(m.HeapInuse)
						}
					}
				}
			}()
			b.ResetTimer()
			var size int64
			for range b.N {
				req, _ := http.NewRequest(http.MethodGet, url, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				size, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("status %d, %v", resp.StatusCode, err)
				}
			}
			b.StopTimer()
			close(stop)
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(size)/(1<<20), "zip-MB")
		})
	}
}
