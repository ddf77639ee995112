package input

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// rocOffset turns a year of the Republic of China (民國) calendar into a
// Gregorian year: ROC 114 is 2025.
const rocOffset = 1911

// Problems a date can have, as error messages.
const (
	msgNotDate  = "not a date (write 2025-01-15, 2025/1/15, 2025.01.15, 114/1/15 or 民國114年1月15日)"
	msgShort    = "two-digit year is ambiguous (write 2025, or the ROC year 114)"
	msgNoDate   = "no such date"
	msgSerial   = "a number, not a date (in Excel, format the cell as a date)"
	msgBadClock = "not a time of day"
)

var (
	// 2025-01-15, 2025/1/15, 2025.01.15, 114/1/15, each with an optional
	// time of day; both separators must be the same.
	numericDate = regexp.MustCompile(`^(\d+)([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	// 民國114年1月15日, 114年1月15日, 2025年1月15日 (spaces allowed between parts).
	hanziDate = regexp.MustCompile(`^(民國)? *(\d+) *年 *(\d{1,2}) *月 *(\d{1,2}) *日$`)
	// An Excel serial day number typed into a CSV: 45672.
	serialDate = regexp.MustCompile(`^\d{5}(\.\d+)?$`)
)

// parseDate reads a send date and returns midnight UTC of that day. s must
// be clean (see clean) and not empty. Accepted forms:
//
//	2025-01-15  2025/1/15  2025.01.15    four-digit Gregorian year
//	114/1/15  114-01-15  114.1.15        three-digit ROC year: 114 + 1911 = 2025
//	民國114年1月15日  114年1月15日         ROC year in hanzi form (民國 also allows 1 or 2 digits)
//	2025年1月15日                          Gregorian year in hanzi form
//
// A time of day after a numeric date (2025/1/15 20:00, 2025-01-15 20:00:00)
// is allowed and ignored: LINE bills by the month. Two-digit years are
// rejected as ambiguous (25/1/15 could be 2025 or ROC 25 = 1936), and so
// are impossible dates such as 2025-02-30. The second result is the
// problem, "" when s is a date.
func parseDate(s string) (time.Time, string) {
	if y, m, d, ok := splitDate(s); ok {
		return numericDateOf(y, m, d)
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		if m[2] != m[4] {
			return time.Time{}, msgNotDate
		}
		if m[6] != "" && !validClock(m[6], m[7], m[8]) {
			return time.Time{}, msgBadClock
		}
		return numericDateOf(m[1], m[3], m[5])
	}
	if m := hanziDate.FindStringSubmatch(s); m != nil {
		year, problem := yearOf(m[2], m[1] != "")
		if problem != "" {
			return time.Time{}, problem
		}
		return dateOf(year, m[3], m[4])
	}
	if serialDate.MatchString(s) {
		return time.Time{}, msgSerial
	}
	return time.Time{}, msgNotDate
}

// splitDate splits the most common form of numericDate without the
// regular expression, which costs more than the rest of a row: year,
// month and day digits with the same separator twice (-, / or .) and no
// time of day. Any other text, even one numericDate matches, is not ok.
func splitDate(s string) (year, month, day string, ok bool) {
	i := leadingDigits(s)
	if i == 0 || i == len(s) || !strings.ContainsRune("-/.", rune(s[i])) {
		return "", "", "", false
	}
	year, sep, s := s[:i], s[i], s[i+1:]
	i = leadingDigits(s)
	if i < 1 || i > 2 || i == len(s) || s[i] != sep {
		return "", "", "", false
	}
	month, day = s[:i], s[i+1:]
	if n := leadingDigits(day); n < 1 || n > 2 || n != len(day) {
		return "", "", "", false
	}
	return year, month, day, true
}

func leadingDigits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// numericDateOf is the date of the digits of a numeric date.
func numericDateOf(year, month, day string) (time.Time, string) {
	y, problem := yearOf(year, false)
	if problem != "" {
		return time.Time{}, problem
	}
	return dateOf(y, month, day)
}

// yearOf turns the digits of a year into a Gregorian year: four digits are
// Gregorian, three are ROC. With roc (the text said 民國), one to three
// digits are an ROC year.
func yearOf(digits string, roc bool) (int, string) {
	n, _ := strconv.Atoi(digits)
	switch {
	case roc && len(digits) <= 3 && n >= 1:
		return n + rocOffset, ""
	case roc:
		return 0, msgNotDate
	case len(digits) == 4 && digits[0] != '0':
		return n, ""
	case len(digits) == 3 && digits[0] != '0':
		return n + rocOffset, ""
	case len(digits) <= 3:
		return 0, msgShort
	}
	return 0, msgNotDate
}

func dateOf(year int, month, day string) (time.Time, string) {
	m, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	t := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, msgNoDate
	}
	return t, ""
}

func validClock(h, m, s string) bool {
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	ss := 0
	if s != "" {
		ss, _ = strconv.Atoi(s)
	}
	return hh <= 23 && mm <= 59 && ss <= 59
}
