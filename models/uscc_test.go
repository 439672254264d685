package models

import "testing"

func TestValidUSCC(t *testing.T) {
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"91350100M000100Y43", true},  // a published example
		{"91110108551385082Q", true},  // a published example
		{"91350100M000100Y44", false}, // check character off by one
		{"91350100M000100Y4", false},  // too short
		{"91350100I000100Y43", false}, // I is not in the alphabet
		{"91350100m000100Y43", false}, // lower case is not accepted
		{"", false},
	} {
		if got := ValidUSCC(tc.code); got != tc.want {
			t.Errorf("ValidUSCC(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}
