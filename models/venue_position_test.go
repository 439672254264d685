package models

import (
	"errors"
	"testing"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

func TestOfficerMayChange(t *testing.T) {
	active := Venue{Status: vocab.VenueActive}
	closed := Venue{Status: vocab.VenueClosed}
	tests := []struct {
		name          string
		role          vocab.Role
		before, after Venue
		forbidden     bool
	}{
		{"officer closes", vocab.Officer, active, closed, true},
		{"officer reopens", vocab.Officer, closed, active, true},
		{"officer keeps the status", vocab.Officer, active, active, false},
		{"supervisor closes", vocab.Supervisor, active, closed, false},
		{"admin reopens", vocab.Admin, closed, active, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := officerMayChange(Actor{Role: tt.role}, tt.before, tt.after)
			if got := errors.Is(err, ErrForbidden); got != tt.forbidden {
				t.Errorf("forbidden = %v (err %v), want %v", got, err, tt.forbidden)
			}
		})
	}
}

func TestCheckinPosition(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	at := func(lat, lng float64) Venue { return Venue{Lat: lat, Lng: lng} }
	pending := Venue{Lat: 36.5, Lng: 116, CheckinLat: f(36.4), CheckinLng: f(115.9)}
	tests := []struct {
		name          string
		role          vocab.Role
		before, after Venue
		sent          bool
		want          *[2]float64 // the check-in position afterwards; nil: lat/lng
		changed       bool
	}{
		{"officer moves it: the approved position is kept", vocab.Officer, at(36.4, 115.9), at(36.5, 116), true, &[2]float64{36.4, 115.9}, true},
		{"officer moves it again: still the first approved one", vocab.Officer, pending, at(36.6, 116.1), true, nil, false},
		{"officer sends the same position", vocab.Officer, at(36.4, 115.9), at(36.4, 115.9), true, nil, false},
		{"supervisor sends a position: approved", vocab.Supervisor, pending, at(36.5, 116), true, nil, true},
		{"admin moves an approved venue", vocab.Admin, at(36.4, 115.9), at(36.5, 116), true, nil, false},
		{"supervisor changes the name only", vocab.Supervisor, pending, pending, false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lat, lng, changed := checkinPosition(Actor{Role: tt.role}, tt.before, tt.after, tt.sent)
			if changed != tt.changed {
				t.Fatalf("changed = %v, want %v", changed, tt.changed)
			}
			if tt.want == nil {
				if lat != nil || lng != nil {
					t.Errorf("check-in position = %v, %v, want nil (lat/lng approved)", *lat, *lng)
				}
				return
			}
			if lat == nil || lng == nil || *lat != tt.want[0] || *lng != tt.want[1] {
				t.Errorf("check-in position = %v, %v, want %v", lat, lng, *tt.want)
			}
		})
	}
}

func TestCheckinReference(t *testing.T) {
	lat, lng := 36.4, 115.9
	if a, b := (Venue{Lat: 1, Lng: 2}).CheckinReference(); a != 1 || b != 2 {
		t.Errorf("approved venue: reference = %v, %v, want 1, 2", a, b)
	}
	if a, b := (Venue{Lat: 1, Lng: 2, CheckinLat: &lat, CheckinLng: &lng}).CheckinReference(); a != lat || b != lng {
		t.Errorf("pending venue: reference = %v, %v, want %v, %v", a, b, lat, lng)
	}
}
