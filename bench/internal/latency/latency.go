// Package latency holds what the bench tools share about measured
// latencies, so that every figure they report is reckoned one way.
package latency

import (
	"math"
	"slices"
	"time"
)

// Percentile is the p-th percentile of ds by nearest rank (p 100 is the
// largest); ds is left as it is.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}
