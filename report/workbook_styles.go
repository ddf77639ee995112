package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
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
}

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
		return v.InexactFloat64()
	case time.Time:
		return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), 0, time.UTC)
	}
	return c.v
}

// formats holds the number format code and decimals of every kind for one
// budget.
type formats struct {
	code     [numKinds]string
	decimals [numKinds]int32
}

// newFormats derives the formats from the budget: money in the currency's
// billing decimals, fees and unit prices with as many decimals as the
// catalogs use, tax rates with as many as they need.
func newFormats(b *Budget) formats {
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
	set(kindInt, "0", 0)
	set(kindCount, "#,##0", 0)
	set(kindMoney, moneyFormat(b.Decimals), b.Decimals)
	set(kindFee, moneyFormat(fee), fee)
	set(kindExact, moneyFormat(price), price)
	set(kindPercent, "0"+fraction(rate)+"%", rate)
	set(kindDate, "yyyy-mm-dd", 0)
	set(kindMonth, "yyyy-mm", 0)
	set(kindDateTime, "yyyy-mm-dd hh:mm:ss", 0)
	return fs
}

// moneyFormat shows d decimals with thousands separators and negatives red
// in parentheses: #,##0.00;[Red](#,##0.00).
func moneyFormat(d int32) string {
	n := "#,##0" + fraction(d)
	return n + ";[Red](" + n + ")"
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
	ids  map[styleKey]int
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

func (s *styles) id(k styleKey) (int, error) {
	if id, ok := s.ids[k]; ok {
		return id, nil
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: k.wrap}}
	if k.right || k.kind != kindText {
		// No indent: LibreOffice applies it to some cells of a column and
		// not others, so the digits would not line up. The column's
		// padding keeps numbers clear of the text to their left.
		st.Alignment.Horizontal = "right"
	}
	if code := s.fmts.code[k.kind]; code != "" {
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
	s.ids[k] = id
	return id, nil
}
