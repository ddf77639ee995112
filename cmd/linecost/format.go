package main

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// count formats n with thousands separators: 48000 -> "48,000".
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// money formats an amount with thousands separators and exactly decimals
// places: 10080 -> "10,080", 1234.5 with 2 -> "1,234.50". The amount is
// expected to be rounded already; money does not round.
func money(d decimal.Decimal, decimals int32) string {
	s := d.StringFixed(decimals)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return s // beyond int64: print unseparated rather than wrong
	}
	out := count(n)
	if intPart == "-0" {
		out = "-0"
	}
	if hasFrac {
		out += "." + frac
	}
	return out
}

// price formats a unit price exactly as the catalog gives it, without
// trailing zeros: 0.200 -> "0.2".
func price(d decimal.Decimal) string { return d.String() }

// plural formats n with its noun: "1 send", "4 sends".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}
