package models

// An officer could defeat the off-site flag by moving a venue to where they
// stand, starting the inspection, and moving it back; or drop a venue's
// inspections from the figures by closing it. So a venue's status is a
// supervisor's (or an admin's) to change, and an officer's change of its
// position is kept but not trusted: check-ins go on being measured against
// the position last set by a supervisor or an admin (checkin_lat/lng, NULL
// when that is lat/lng itself) until one of them sets a position — sending
// the officer's one again approves it. Supervisors see checkin_lat/lng set
// on the venue while a change waits, and the audit trail has who moved it.

// officerMayChange refuses an officer's change of a venue's status.
func officerMayChange(actor Actor, before, after Venue) error {
	if actor.IsOfficer() && after.Status != before.Status {
		return forbidden("a supervisor closes or reopens a venue")
	}
	return nil
}

// checkinPosition is what a change of a venue makes of its check-in
// position: an officer's first move keeps the approved one; a supervisor's
// or an admin's sending of a position (sent) approves it (NULL). changed is
// false when the columns stay as they are.
func checkinPosition(actor Actor, before, after Venue, sent bool) (lat, lng *float64, changed bool) {
	moved := after.Lat != before.Lat || after.Lng != before.Lng
	switch {
	case actor.IsOfficer():
		if !moved || before.CheckinLat != nil {
			return nil, nil, false // unmoved, or an approved position is kept already
		}
		return &before.Lat, &before.Lng, true
	case sent:
		return nil, nil, before.CheckinLat != nil
	default:
		return nil, nil, false
	}
}

// CheckinReference is the position a check-in at the venue is measured against.
func (v Venue) CheckinReference() (lat, lng float64) {
	if v.CheckinLat != nil && v.CheckinLng != nil {
		return *v.CheckinLat, *v.CheckinLng
	}
	return v.Lat, v.Lng
}
