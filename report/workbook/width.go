package workbook

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

// Column widths and row heights are estimated from the text, in characters
// of the default font (Excel's unit of column width): an East Asian wide
// character counts as two.

// textWidth is the display width of s in characters of the default font,
// East Asian wide and full-width characters counting double; the widest
// line counts.
func textWidth(s string) float64 {
	var w, widest float64
	for _, r := range s {
		if r == '\n' {
			widest, w = max(widest, w), 0
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return max(widest, w)
}

// width is the display width of c as its format shows it.
func (f formats) width(c cell) float64 {
	switch v := c.v.(type) {
	case nil:
		return 0
	case string:
		return textWidth(v)
	case int64:
		if c.kind == kindInt {
			return float64(len(fmt.Sprint(v)) + 1) // and the gap
		}
		return numberWidth(decimal.NewFromInt(v), 0, false)
	case decimal.Decimal:
		if c.kind == kindPercent {
			return numberWidth(v.Shift(2), f.decimals[kindPercent], false) + 1
		}
		return numberWidth(v, f.decimals[c.kind], true)
	case time.Time:
		return float64(len(f.code[c.kind]))
	}
	return 0
}

// numberWidth is the width of d shown with thousands separators and
// decimals, then the gap. With parens (money: see moneyFormat) a negative
// is in parentheses and a positive leaves their room, so both take two
// more; without, a negative takes a minus.
func numberWidth(d decimal.Decimal, decimals int32, parens bool) float64 {
	digits := len(d.Abs().Truncate(0).String())
	w := digits + (digits-1)/3
	if decimals > 0 {
		w += 1 + int(decimals)
	}
	switch {
	case parens:
		w += 2
	case d.IsNegative():
		w++
	}
	return float64(w + 1)
}

// proseChar is the width of a letter or a space of running text in
// characters of column width, which are digits: measured, LibreOffice
// fits 95 characters of an English warning on a line of a column 80 wide
// (0.83); a little more keeps a wrapped line from being clipped.
const proseChar = 0.88

// wrappedLines is how many lines s takes wrapped at width characters:
// lines break at spaces, and between East Asian characters.
func wrappedLines(s string, width float64) int {
	if width < 1 {
		width = 1
	}
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n++
		var line float64
		for _, word := range splitWords(para) {
			w := textWidth(word)
			if !isWide(word) {
				w *= proseChar
			}
			switch {
			case line == 0:
				line = w
			case line+proseChar+w <= width || (isWide(word) && line+w <= width):
				if isWide(word) {
					line += w
				} else {
					line += proseChar + w
				}
			default:
				n++
				line = w
			}
			for line > width { // a word longer than the line
				n++
				line -= width
			}
		}
	}
	return n
}

// splitWords splits at spaces and makes each East Asian wide character a
// word of its own, since a line may break before any of them.
func splitWords(s string) []string {
	var words []string
	for _, field := range strings.Fields(s) {
		start := 0
		for i, r := range field {
			if isWide(string(r)) {
				if start < i {
					words = append(words, field[start:i])
				}
				words = append(words, string(r))
				start = i + len(string(r))
			}
		}
		if start < len(field) {
			words = append(words, field[start:])
		}
	}
	return words
}

// hasWide reports whether s holds an East Asian wide character.
func hasWide(s string) bool {
	if isASCII(s) {
		return false
	}
	for _, r := range s {
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			return true
		}
	}
	return false
}

// isWide reports whether s starts with an East Asian wide character.
func isWide(s string) bool {
	for _, r := range s {
		k := width.LookupRune(r).Kind()
		return k == width.EastAsianWide || k == width.EastAsianFullwidth
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Widths measured before a streamed sheet's first row come from the values
// known to bound each column rather than from every row: its distinct texts,
// and the largest and smallest of its numbers.

// set is a column's distinct texts.
type set map[string]struct{}

func (s set) add(v string) { s[v] = struct{}{} }

// span is the largest and smallest of a column's numbers: between them
// they are its widest, as a number is as wide as its integer digits (see
// numberWidth).
type span struct {
	hi, lo decimal.Decimal
	ok     bool
}

func (s *span) add(d decimal.Decimal) {
	switch {
	case !s.ok:
		s.hi, s.lo, s.ok = d, d, true
	case d.GreaterThan(s.hi):
		s.hi = d
	case d.LessThan(s.lo):
		s.lo = d
	}
}

// widestAccount is the account name of the widest text.
func (wb *workbook) widestAccount() cell {
	var names []string
	for _, a := range wb.b.Accounts {
		names = append(names, a.Name)
	}
	return widestText(names)
}

// widestCatalog is the name of the widest text among the catalogs used.
func (wb *workbook) widestCatalog() cell {
	var names []string
	for _, c := range wb.b.Catalogs {
		names = append(names, c.Name)
	}
	return widestText(names)
}

func widestText(texts []string) cell {
	var widest string
	var w float64
	for _, t := range texts {
		if tw := textWidth(t); tw > w {
			widest, w = t, tw
		}
	}
	return text(widest)
}
