package input

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

// clean prepares a cell for parsing: full-width characters are folded to
// their ASCII forms (１２，０００ becomes 12,000, ％ becomes %, the
// ideographic space a space) and surrounding spaces are trimmed.
func clean(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if needsFold(s[i:]) {
				return strings.TrimFunc(width.Fold.String(s), isBlank)
			}
			// Nothing to fold (Chinese text, mostly): width.Fold.String
			// would return s as it is, after allocating buffers.
			return strings.TrimFunc(s, isBlank)
		}
	}
	return strings.TrimSpace(s) // ASCII has nothing to fold
}

// needsFold reports whether width.Fold changes s: whether s has a rune
// that is not in its canonical width. It asks the same table Fold uses,
// without copying s.
func needsFold(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		// Only U+3000 and runes of the Halfwidth and Fullwidth Forms block
		// fold (TestNeedsFoldEveryRune): the table is asked about those
		// only. Fold leaves bytes that are not UTF-8 (n == 1) as they are.
		if (r == '\u3000' || r >= '\uFF00' && r <= '\uFFEF') && n > 1 && width.LookupRune(r).Folded() != 0 {
			return true
		}
		i += n
	}
	return false
}

// isBlank reports the characters trimmed around cells and headers:
// Unicode white space, the byte-order mark and zero-width spaces.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B' || r == '\u200C' || r == '\u200D'
}

// Problems a number can have, as error messages.
const (
	msgNotWhole     = "not a whole number"
	msgNegative     = "must not be negative"
	msgGrouping     = "thousands separators must group three digits"
	msgTooLarge     = "number too large"
	msgNotBlocked   = "not a whole number or a percentage"
	msgPercentRange = "percentage over 100%"
)

// parseWhole reads a whole number >= 0 written the way a spreadsheet
// writes one: digits, optionally grouped by commas in threes (12,000).
// s must be clean and not empty. Leading zeros are decimal, never octal:
// 0120 is 120. Zero decimals (12,000.00, 12000.0) are the whole number, as
// a spreadsheet shows one with a decimals format; other decimals (12.5),
// signs, exponents, hexadecimal and any other text are rejected, so
// nothing is truncated or guessed.
// The second result is the problem, "" when s is a whole number.
func parseWhole(s string) (int64, string) {
	if isSigned(s) {
		if looksNumeric(unsign(s)) {
			return 0, msgNegative
		}
		return 0, msgNotWhole
	}
	if whole, frac, ok := strings.Cut(s, "."); ok {
		// 12,000.00 and 12000.0, as a spreadsheet shows a number with a
		// decimals format, are the whole number; 12,000.50 is not.
		if whole == "" || frac == "" || strings.Trim(frac, "0") != "" || strings.Contains(whole, ".") {
			return 0, msgNotWhole
		}
		s = whole
	}
	if strings.Contains(s, ",") {
		if !onlyDigitsAndCommas(s) {
			return 0, msgNotWhole
		}
		if !groupedInThrees(s) {
			return 0, msgGrouping
		}
	} else if s == "" || !allDigits(s) {
		return 0, msgNotWhole
	}
	n, ok := wholeValue(s)
	if !ok {
		return 0, msgTooLarge
	}
	return n, ""
}

// wholeValue is the value of s, digits and commas, skipping the commas;
// false when it does not fit in an int64.
func wholeValue(s string) (int64, bool) {
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			continue
		}
		d := int64(s[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// parsePercent reads a percentage such as 12%, 12.5% or 12 %: a decimal
// number from 0 to 100 followed by a percent sign. s must be clean and end
// in "%".
func parsePercent(s string) (decimal.Decimal, string) {
	num := strings.TrimRightFunc(strings.TrimSuffix(s, "%"), isBlank)
	if isSigned(num) {
		if looksNumeric(unsign(num)) {
			return decimal.Decimal{}, msgNegative
		}
		return decimal.Decimal{}, msgNotBlocked
	}
	if !isDecimal(num) {
		return decimal.Decimal{}, msgNotBlocked
	}
	p, err := decimal.NewFromString(strings.ReplaceAll(num, ",", ""))
	if err != nil {
		return decimal.Decimal{}, msgNotBlocked
	}
	if p.GreaterThan(hundred) {
		return decimal.Decimal{}, msgPercentRange
	}
	return p, ""
}

var hundred = decimal.NewFromInt(100) // made once: decimals are immutable

// isSigned reports a leading minus sign (ASCII, or U+2212 MINUS SIGN) or
// the accountant's negative, a number in parentheses: (1,200).
func isSigned(s string) bool {
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "\u2212") ||
		len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')'
}

func unsign(s string) string {
	if s[0] == '(' {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	s = strings.TrimPrefix(s, "-")
	return strings.TrimSpace(strings.TrimPrefix(s, "\u2212"))
}

// isDecimal reports digits (optionally grouped by commas) with an optional
// fraction: 12, 12.5, 12,000.25.
func isDecimal(s string) bool {
	whole, frac, dot := strings.Cut(s, ".")
	if dot && (frac == "" || !allDigits(frac)) {
		return false
	}
	if strings.Contains(whole, ",") {
		return onlyDigitsAndCommas(whole) && groupedInThrees(whole)
	}
	return whole != "" && allDigits(whole)
}

// looksNumeric reports text made of digits, commas and dots with at least
// one digit: a number, though perhaps not a well-formed one.
func looksNumeric(s string) bool {
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c != ',' && c != '.':
			return false
		}
	}
	return digit
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func onlyDigitsAndCommas(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != ',' {
			return false
		}
	}
	return true
}

// groupedInThrees reports whether s (digits and commas) groups its digits
// as 1,234,567: one to three digits, then groups of exactly three.
func groupedInThrees(s string) bool {
	first, rest, found := strings.Cut(s, ",")
	if len(first) < 1 || len(first) > 3 {
		return false
	}
	if !found {
		return true
	}
	for g := range strings.SplitSeq(rest, ",") {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
