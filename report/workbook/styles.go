package workbook

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"linecost/report"
	"linecost/report/input"
)

// kind says what a cell holds, and so how it is formatted and measured.
type kind uint8

const (
	kindText     kind = iota
	kindInt           // a plain integer: line numbers, tier numbers
	kindCount         // messages, friends: #,##0
	kindMoney         // a rounded bill in the currency's decimals, red (negatives)
	kindFee           // a plan's monthly fee
	kindExact         // unrounded amounts and unit prices: as many decimals as the prices have
	kindPercent       // tax rates
	kindDate          // a day
	kindMonth         // a calendar month, written as its first day
	kindDateTime      // the generation time
	numKinds
)

// cell is one value to write. v is nil (blank), a string, an int64, a
// decimal.Decimal or a time.Time; money stays a decimal.Decimal until the
// cell is written.
type cell struct {
	v     any
	kind  kind
	wrap  bool // wrap text in the column's width instead of widening it
	right bool // align right: the header of a column of numbers
	// f is the cell's formula, without "=": v is then its value, written
	// as the formula's cached result so that a reader shows the right
	// figure before any recalculation.
	f string
}

// withFormula is c computed by formula f: c's value is the cached result.
func (c cell) withFormula(f string) cell { c.f = f; return c }

func text(s string) cell                    { return cell{v: s} }
func numHeader(s string) cell               { return cell{v: s, right: true} }
func count(n int64) cell                    { return cell{v: n, kind: kindCount} }
func integer(n int) cell                    { return cell{v: int64(n), kind: kindInt} }
func money(d decimal.Decimal) cell          { return cell{v: d, kind: kindMoney} }
func day(t time.Time) cell                  { return cell{v: t, kind: kindDate} }
func blank() cell                           { return cell{} }
func amount(k kind, d decimal.Decimal) cell { return cell{v: d, kind: k} }

// optText is a text cell, blank when s is empty.
func optText(s string) cell {
	if s == "" {
		return blank()
	}
	return text(s)
}

// value is what excelize writes for c: decimals become float64 here and
// nowhere else, and times become wall-clock UTC (excelize converts the
// instant, so a date in another zone would shift).
func (c cell) value() any {
	switch v := c.v.(type) {
	case decimal.Decimal:
		return float(v)
	case time.Time:
		if (c.kind == kindDate || c.kind == kindMonth) && v.Year() > 1900 {
			return excelDay(v)
		}
		return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), 0, time.UTC)
	case string:
		return cellString(v)
	}
	return c.v
}

// cutNote ends a text cut to fit a cell.
const cutNote = " … [cut at Excel's limit of 32,767 characters: the JSON has the whole text]"

// cellString is s as a cell holds it: a text longer than Excel's limit
// (input.MaxCellChars) is cut, with a note saying so, rather than cut
// silently by excelize. The reader warns about such a text with its
// position.
func cellString(s string) string {
	if len(s) <= input.MaxCellChars || utf8.RuneCountInString(s) <= input.MaxCellChars {
		return s
	}
	keep := input.MaxCellChars - utf8.RuneCountInString(cutNote)
	i := 0
	for n := 0; n < keep; n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i] + cutNote
}

// excelEpoch is day 0 of Excel's 1900 date system for every day from
// 1900-03-01 on (Excel counts a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDay is the serial number of t's day, the number excelize writes for
// the time at midnight, without its conversions of the time for each cell.
func excelDay(t time.Time) float64 {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(day.Sub(excelEpoch) / (24 * time.Hour))
}

// float is the float64 nearest to d, as d.InexactFloat64() gives it, but
// without its allocations for the amounts a workbook holds: a coefficient
// of at most 15 digits and a power of ten up to 10^22 are exact in a
// float64, and IEEE 754 rounds their quotient to the nearest float64.
func float(d decimal.Decimal) float64 {
	if exp := d.Exponent(); exp >= -22 && exp <= 0 && d.NumDigits() <= 15 {
		return float64(d.CoefficientInt64()) / pow10[-exp]
	}
	return d.InexactFloat64()
}

// pow10 holds the powers of ten that are exact in a float64.
var pow10 = func() (p [23]float64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// formats holds the number format code and decimals of every kind for one
// budget.
type formats struct {
	code     [numKinds]string
	decimals [numKinds]int32
}

// newFormats derives the formats from the budget: money in the currency's
// billing decimals, fees and unit prices with as many decimals as the
// catalogs use, tax rates with as many as they need.
func newFormats(b *report.Budget) formats {
	var fs formats
	set := func(k kind, code string, d int32) { fs.code[k], fs.decimals[k] = code, d }
	fee, price, rate := b.Decimals, b.Decimals, int32(0)
	for _, c := range b.Catalogs {
		rate = max(rate, decimalsOf(c.TaxRate.Shift(2)))
		for _, p := range c.Plans {
			fee = max(fee, decimalsOf(p.MonthlyFee))
			for _, t := range p.Tiers {
				price = max(price, decimalsOf(t.Price))
			}
		}
	}
	set(kindText, "", 0)
	set(kindInt, "0"+gap, 0)
	set(kindCount, "#,##0"+gap, 0)
	set(kindMoney, moneyFormat(b.Decimals), b.Decimals)
	set(kindFee, moneyFormat(fee), fee)
	set(kindExact, moneyFormat(price), price)
	set(kindPercent, "0"+fraction(rate)+"%"+gap, rate)
	set(kindDate, "yyyy-mm-dd", 0)
	set(kindMonth, "yyyy-mm", 0)
	set(kindDateTime, "yyyy-mm-dd hh:mm:ss", 0)
	return fs
}

// gap ends the format of every number and of the header of a column of
// numbers: a space as wide as ")" (the accountant's "_)"), which keeps a
// right-aligned number clear of left-aligned text in the next column: a
// cell's own margin is too thin for that in LibreOffice.
const gap = "_)"

// moneyFormat shows d decimals with thousands separators and negatives red
// in parentheses; a positive leaves the room of the closing parenthesis,
// so that digits line up, and both end in the gap:
// #,##0.00_)_);[Red](#,##0.00)_).
func moneyFormat(d int32) string {
	n := "#,##0" + fraction(d)
	return n + "_)" + gap + ";[Red](" + n + ")" + gap
}

func fraction(d int32) string {
	if d <= 0 {
		return ""
	}
	return "." + strings.Repeat("0", int(d))
}

// decimalsOf is the number of decimals d needs: 0.20 needs 1.
func decimalsOf(d decimal.Decimal) int32 {
	s := d.String() // no trailing zeros, no exponent
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return int32(len(s) - i - 1)
	}
	return 0
}

// look is how a row stands out: header, body, the marked (recommended)
// row, a totals row, a section title.
type look uint8

const (
	lookBody look = iota
	lookHeader
	lookMarked
	lookTotal
	lookTitle
	numLooks
)

type styleKey struct {
	kind  kind
	look  look
	wrap  bool
	right bool
}

// styles creates each distinct style once and hands out its id.
type styles struct {
	f    *excelize.File
	font string
	fmts formats
	// ids holds the id of every style created; 0 is excelize's default
	// style, never one of these. An array rather than a map: every cell of
	// a streamed sheet looks its style up.
	ids [numKinds][numLooks][2][2]int
}

// Font sizes in points: cells, and section titles.
const (
	fontSize  = 11.0
	titleSize = 13.0
)

// The fills and borders of the workbook's looks.
const (
	headerFill = "DDEBF7"
	markedFill = "E2EFDA"
	borderGray = "8EA9DB"
)

// createAll creates every style in a fixed order, before the lists are
// written side by side: ids then follow that order, not the order in which
// the lists first use them, and id only reads. excelize keeps one copy of
// styles that come out the same (a number's style whatever its alignment
// key, say), and Excel and LibreOffice show the unused ones nowhere.
func (s *styles) createAll() error {
	for k := range numKinds {
		for lk := range numLooks {
			for _, wrap := range []bool{false, true} {
				for _, right := range []bool{false, true} {
					if _, err := s.id(styleKey{k, lk, wrap, right}); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// id is the id of the style k, created on first use.
func (s *styles) id(k styleKey) (int, error) {
	slot := &s.ids[k.kind][k.look][b2i(k.wrap)][b2i(k.right)]
	if *slot != 0 {
		return *slot, nil
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: k.wrap}}
	switch {
	case k.kind == kindDate || k.kind == kindMonth:
		// Centred, so that a date never touches the text beside it.
		st.Alignment.Horizontal = "center"
	case k.right || k.kind != kindText:
		// No indent: LibreOffice applies it to some cells of a column and
		// not others, so the digits would not line up. The column's
		// padding keeps numbers clear of the text to their left.
		st.Alignment.Horizontal = "right"
	}
	code := s.fmts.code[k.kind]
	if k.kind == kindText && k.right {
		code = "@" + gap // a numbers' header keeps the numbers' gap
	}
	if code != "" {
		st.CustomNumFmt = &code
	}
	font := &excelize.Font{Family: s.font, Size: fontSize}
	switch k.look {
	case lookHeader:
		font.Bold = true
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}}
		st.Border = []excelize.Border{{Type: "bottom", Color: borderGray, Style: 1}}
		st.Alignment.WrapText = true
	case lookMarked:
		font.Bold = true
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{markedFill}}
	case lookTotal:
		font.Bold = true
		st.Border = []excelize.Border{{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 6}}
	case lookTitle:
		font.Bold, font.Size = true, titleSize
		st.Alignment.Vertical = "bottom"
	}
	st.Font = font
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("workbook style: %w", err)
	}
	*slot = id
	return id, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
