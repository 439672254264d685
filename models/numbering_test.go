package models_test

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

var errRollback = errors.New("roll back")

// issue takes the station's next number in a transaction of its own, and
// rolls it back when rollback is set; it returns the number kept (0 when
// rolled back).
func issue(db *gorm.DB, station uuid.UUID, rollback bool) (int, error) {
	var n int
	err := db.Transaction(func(tx *gorm.DB) error {
		var err error
		if _, n, err = models.NextNumber(context.Background(), tx, station, vocab.DocDeadlineOrder); err != nil {
			return err
		}
		if rollback {
			return errRollback
		}
		return nil
	})
	if errors.Is(err, errRollback) {
		return 0, nil
	}
	return n, err
}

// Ensure 32 concurrent issues at one station, a quarter of them rolled
// back, leave numbers 1…n with no gap and none twice.
func TestNumberingGapless(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	station := uuid.MustParse(e.Unit("dcf-1"))
	const workers, each = 32, 8
	var mu sync.Mutex
	var kept []int
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				n, err := issue(e.DB, station, (w+i)%4 == 0)
				if err != nil {
					errs <- err
					return
				}
				if n > 0 {
					mu.Lock()
					kept = append(kept, n)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	slices.Sort(kept)
	for i, n := range kept {
		if n != i+1 {
			t.Fatalf("numbers kept %v: want 1…%d, no gap, none twice", kept, len(kept))
		}
	}
	if len(kept) != workers*each*3/4 {
		t.Fatalf("%d numbers kept, want %d", len(kept), workers*each*3/4)
	}
}

// BenchmarkNumbering32 issues numbers from 32 goroutines at one station
// (each issue its own transaction) and reports the rate.
func BenchmarkNumbering32(b *testing.B) {
	e := apptest.New(b)
	station := uuid.MustParse(e.Unit("dcf-1"))
	b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0))) // 32 goroutines
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := issue(e.DB, station, false); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "issues/s")
}
