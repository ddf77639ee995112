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
	msgNotDate   = "not a date (write 2025-01-15, 2025/1/15, 2025.01.15, 114/1/15 or 民國114年1月15日)"
	msgShort     = "two-digit year is ambiguous (write 2025, or the ROC year 114)"
	msgDayFirst  = "day and month are ambiguous when the year comes last (write the year first: 2025/3/8)"
	msgNoDate    = "no such date"
	msgSerial    = "a number, not a date (in Excel, format the cell as a date)"
	msgBadClock  = "not a time of day"
	msgNotClock  = "not a time of day (write 20:30, 20:30:00, 下午 08:30 or 8:30 PM)"
	msgMeridiem  = "an hour of 1 to 12 goes with 上午/下午 or AM/PM"
	msgTwoClocks = "says 上午/下午 or AM/PM twice"
)

var (
	// 2025-01-15, 2025/1/15, 2025.01.15, 114/1/15; both separators must be
	// the same.
	numericDate = regexp.MustCompile(`^(\d+)([-/.])(\d{1,2})([-/.])(\d{1,2})$`)
	// 民國114年1月15日, 114年1月15日, 2025年1月15日 (spaces allowed between parts).
	hanziDate = regexp.MustCompile(`^(民國)? *(\d+) *年 *(\d{1,2}) *月 *(\d{1,2}) *日$`)
	// An Excel serial day number typed into a CSV: 45672.
	serialDate = regexp.MustCompile(`^\d{5}(\.\d+)?$`)
	// 3/8/2025, 08-03-2025: day-first or month-first, which cannot be told apart.
	yearLast = regexp.MustCompile(`^\d{1,2}([-/.])\d{1,2}([-/.])\d{4}$`)
	// A time of day: 20:30, 20:30:00, 下午 08:30:00, PM 8:30, 8:30 pm,
	// 8:30 p.m. The meridiem may come before or after the digits.
	clockForm = regexp.MustCompile(`(?i)^(上午|下午|am|pm|a\.m\.|p\.m\.)? *(\d{1,2}):(\d{2})(?::(\d{2}))? *(am|pm|a\.m\.|p\.m\.)?$`)
)

// parseDateTime reads a date cell that may carry a send time: a date (see
// parseDate) followed, after spaces or a T, by a time of day (see
// parseClock): 2026/11/30 23:30, 2026-11-30T23:30:00, 2025/3/8 下午
// 08:30:00, 2025/3/8 PM 8:30, 民國114年3月8日 20:30. timed is false for a
// date alone.
func parseDateTime(s string) (date time.Time, clock time.Duration, timed bool, problem string) {
	d, c := splitClock(s)
	if c == "" {
		date, problem = parseDate(d)
		return date, 0, false, problem
	}
	if date, problem = parseDate(d); problem != "" {
		return time.Time{}, 0, false, problem
	}
	if clock, problem = parseClock(c); problem != "" {
		if problem == msgNotClock {
			problem = msgBadClock // the date was right: say what is wrong with the rest
		}
		return time.Time{}, 0, false, problem
	}
	return date, clock, true, ""
}

// splitClock splits s before its time of day: at the digits in front of
// its first colon, and before a 上午/下午/AM/PM in front of those; the
// spaces or T between are dropped. A text without a colon is all date.
// Digits run together (2025/1/1520:30) leave a date that does not parse.
func splitClock(s string) (date, clock string) {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return s, ""
	}
	i := colon
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	start := i // where the time of day starts: its meridiem, or its digits
	head := strings.TrimRight(s[:i], " ")
	lower := strings.ToLower(head)
	for _, m := range []string{"上午", "下午", "a.m.", "p.m.", "am", "pm"} {
		if strings.HasSuffix(lower, m) {
			start = len(head) - len(m)
			break
		}
	}
	return strings.TrimRight(s[:start], " T"), s[start:]
}

// parseClock reads a time of day and returns it as the time after
// midnight: 20:30, 20:30:00, or a 12-hour time with 上午/下午 (as Excel
// writes it in Taiwan: 下午 08:30:00) or AM/PM before or after it
// (PM 8:30, 8:30 pm). 12 上午 is just after midnight, 12 下午 noon.
func parseClock(s string) (time.Duration, string) {
	m := clockForm.FindStringSubmatch(s)
	if m == nil {
		return 0, msgNotClock
	}
	if m[1] != "" && m[5] != "" {
		return 0, msgTwoClocks
	}
	h, _ := strconv.Atoi(m[2])
	min, _ := strconv.Atoi(m[3])
	sec := 0
	if m[4] != "" {
		sec, _ = strconv.Atoi(m[4])
	}
	if min > 59 || sec > 59 {
		return 0, msgBadClock
	}
	switch meridiem := strings.ToLower(m[1] + m[5]); meridiem {
	case "":
		if h > 23 {
			return 0, msgBadClock
		}
	default:
		if h < 1 || h > 12 {
			return 0, msgMeridiem
		}
		h %= 12
		if meridiem == "下午" || meridiem == "pm" || meridiem == "p.m." {
			h += 12
		}
	}
	return time.Duration(h)*time.Hour + time.Duration(min)*time.Minute + time.Duration(sec)*time.Second, ""
}

// parseDate reads a send date and returns midnight UTC of that day. s must
// be clean (see clean) and not empty. Accepted forms:
//
//	2025-01-15  2025/1/15  2025.01.15    four-digit Gregorian year
//	114/1/15  114-01-15  114.1.15        three-digit ROC year: 114 + 1911 = 2025
//	民國114年1月15日  114年1月15日         ROC year in hanzi form (民國 also allows 1 or 2 digits)
//	2025年1月15日                          Gregorian year in hanzi form
//
// A time of day is read by parseDateTime, not here. Two-digit years are
// rejected as ambiguous (25/1/15 could be 2025 or ROC 25 = 1936), and so
// are dates with the year last (3/8/2025: March 8 or August 3) and
// impossible dates such as 2025-02-30. The second result is the problem,
// "" when s is a date.
func parseDate(s string) (time.Time, string) {
	if y, m, d, ok := splitDate(s); ok {
		return numericDateOf(y, m, d)
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		if m[2] != m[4] {
			return time.Time{}, msgNotDate
		}
		return numericDateOf(m[1], m[3], m[5])
	}
	if m := yearLast.FindStringSubmatch(s); m != nil && m[1] == m[2] {
		return time.Time{}, msgDayFirst
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
