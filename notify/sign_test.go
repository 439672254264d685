package notify

import (
	"strings"
	"testing"
	"time"
)

// Ensure signatures match the Standard Webhooks specification's published
// test vector, so that any of its libraries verifies our deliveries.
func TestSignStandardVector(t *testing.T) {
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	got, err := Sign([]string{secret}, "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	// During a rotation both secrets sign, the new one first.
	two, err := Sign([]string{"whsec_c2VjcmV0LW9mLWEtcm90YXRlZC1lbmRwb2ludA==", secret}, "msg_p5jXN8AQM9LWM0D4loKWxJek",
		time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil || len(strings.Fields(two)) != 2 || strings.Fields(two)[1] != got {
		t.Fatalf("Sign with two secrets = %q, %v", two, err)
	}
	for _, bad := range []string{"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_!!", "whsec_c2hvcnQ="} {
		if _, err := Sign([]string{bad}, "x", time.Now(), nil); err == nil {
			t.Errorf("Sign accepts the secret %q", bad)
		}
	}
}

// Ensure the backoff grows, stays within its bounds, and jitters.
func TestBackoff(t *testing.T) {
	b := Backoff{Base: 5 * time.Second, Max: time.Hour, Rand: func() float64 { return 0.999999 }}
	low := Backoff{Base: 5 * time.Second, Max: time.Hour, Rand: func() float64 { return 0 }}
	for n, want := range map[int]time.Duration{1: 5 * time.Second, 2: 10 * time.Second, 5: 80 * time.Second, 11: time.Hour, 200: time.Hour} {
		if got := b.Delay(n); got > want || got < want-10*time.Millisecond {
			t.Errorf("Delay(%d) = %s, want about %s at most", n, got, want)
		}
		if got := low.Delay(n); got != want/2 {
			t.Errorf("Delay(%d) with no jitter left = %s, want %s", n, got, want/2)
		}
	}
	// A day of retries at these bounds: about 30 attempts.
	var total time.Duration
	n := 0
	for total < 24*time.Hour {
		n++
		total += low.Delay(n)
	}
	if n < 20 || n > 60 {
		t.Errorf("%d retries fill 24 hours", n)
	}
}
