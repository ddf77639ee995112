package main

import (
	"time"
	_ "time/tzdata" // Windows machines lack the zone database
)

// regionZones is the time zone of each region's accounts: "today" and the
// generation time the workbook shows are in it.
var regionZones = map[string]string{"tw": "Asia/Taipei", "jp": "Asia/Tokyo", "th": "Asia/Bangkok"}

// regionZone is the time zone of region, UTC for a region it does not know
// (a --pricing catalog's).
func regionZone(region string) *time.Location {
	if name, ok := regionZones[region]; ok {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return time.UTC
}
