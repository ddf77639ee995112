package workbook

import (
	"fmt"
	"sync"

	"github.com/shopspring/decimal"
)

// A spreadsheet cell holds a number as a float64: exact to 15 significant
// digits. An amount that needs more (a --pricing price of 10^20, a bill
// of trillions with cents) is written as the nearest float64, and the
// About sheet lists every such cell with its exact value; the JSON is
// exact.

// maxInexactListed bounds the cells the About sheet lists one by one.
const maxInexactListed = 100

// inexactCells are the cells of a workbook written as the nearest float64.
type inexactCells struct {
	mu    sync.Mutex // the lists are written side by side
	cells [][2]string
	n     int
}

// note records cell ref of sheet when it cannot hold v exactly.
func (ic *inexactCells) note(sheet, ref string, v decimal.Decimal) {
	if v.NumDigits() <= 15 || decimal.NewFromFloat(float(v)).Equal(v) {
		return
	}
	ic.mu.Lock()
	defer ic.mu.Unlock()
	ic.n++
	if len(ic.cells) < maxInexactListed {
		ic.cells = append(ic.cells, [2]string{quoteSheetName(sheet) + "!" + ref, v.String()})
	}
}

func quoteSheetName(name string) string { return "'" + name + "'" }

// inexactLabels are the About sheet's words for the list, per language.
var inexactLabels = map[string][3]string{
	"en":    {"Cell shown rounded", "Exact value (more than the 15 digits a cell holds; the JSON is exact)", "... and %d more cells"},
	"zh-TW": {"顯示為近似值的儲存格", "精確值（超過儲存格可存的 15 位數；JSON 為精確值）", "……另有 %d 個儲存格"},
}

// inexactRows writes the list on the About sheet s, when there is one.
func (wb *workbook) inexactRows(s *sheet) error {
	ic := &wb.inexact
	if ic.n == 0 {
		return nil
	}
	words, ok := inexactLabels[wb.meta.Lang]
	if !ok {
		words = inexactLabels["en"]
	}
	s.skip(1)
	if err := s.row(lookHeader, text(words[0]), text(words[1])); err != nil {
		return err
	}
	for _, c := range ic.cells {
		if err := s.row(lookBody, text(c[0]), text(c[1])); err != nil {
			return err
		}
	}
	if ic.n > len(ic.cells) {
		return s.row(lookBody, text(fmt.Sprintf(words[2], ic.n-len(ic.cells))), blank())
	}
	return nil
}
