package report

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Count writes n with thousands separators, as every text linecost shows
// (terminal, mail, warnings, workbook notes) writes counts: 48000 ->
// "48,000", -1200000 -> "-1,200,000".
func Count(n int64) string { return separate(strconv.FormatInt(n, 10)) }

// Amount writes an amount already rounded to decimals places (it does not
// round) with thousands separators and exactly decimals places, at any
// size: 10080 -> "10,080", 1234.5 with 2 -> "1,234.50". The JSON writes
// Money, without separators.
func Amount(d decimal.Decimal, decimals int32) string {
	whole, frac, ok := strings.Cut(d.StringFixed(decimals), ".")
	if ok {
		return separate(whole) + "." + frac
	}
	return separate(whole)
}

// separate puts a comma between each three digits of an integer's text.
func separate(s string) string {
	sign, digits := "", s
	if strings.HasPrefix(s, "-") {
		sign, digits = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
