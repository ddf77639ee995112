package pricing

// LINE counts a message on the calendar day of its moment in Japan, in
// every region: a send at 23:00 Taiwan time or later (22:00 in Thailand)
// is counted on the next day, so on the last day of a month it is billed
// in the next month (line-pricing.md, "The billing day is Japan's").
// Names, not locations: loading the zone database is the caller's I/O.

// BillingTimeZone is the IANA time zone whose calendar day LINE bills by.
const BillingTimeZone = "Asia/Tokyo"

// RegionTimeZone is the IANA time zone a region's plans write their send
// times in, and false for a region linecost has no zone for (the region of
// a user's catalog file: the caller then asks for one).
func RegionTimeZone(region string) (string, bool) {
	switch region {
	case "tw":
		return "Asia/Taipei", true
	case "jp":
		return "Asia/Tokyo", true
	case "th":
		return "Asia/Bangkok", true
	}
	return "", false
}
