package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Printing: every sheet on landscape A4, its header row repeated on every
// page, the sheet's name, the workbook's title and the period in the
// header, the page number in the footer. A sheet is fitted to the page's
// width only when that keeps its text at minPrintSize or more; otherwise
// it prints at 100%, its columns continued on further pages (with the
// first column repeated), as no cell may shrink a page to an unreadable
// size.
const (
	// printableWidth is the width of a landscape A4 page within the
	// margins (297 mm less two of 0.4 in), in points.
	printableWidth = 297/25.4*72 - 2*0.4*72
	// minPrintSize is the smallest text, in points, a fitted page may have.
	minPrintSize = 8.0
)

// printSetup sets a sheet's paper, margins, header and footer, fitted to
// the page's width. It runs before any row is written: a streamed sheet
// takes these settings when its StreamWriter is created.
func (wb *workbook) printSetup(name string) error {
	f := wb.f
	if err := wb.setFit(name, true); err != nil {
		return err
	}
	left, top, header := 0.4, 0.7, 0.3 // inches
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &left, Right: &left, Top: &top, Bottom: &top, Header: &header, Footer: &header,
	}); err != nil {
		return err
	}
	b, l := wb.b, wb.l
	period := fmt.Sprintf(l.PeriodValue, b.Months[0], b.Months[len(b.Months)-1])
	return f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: fmt.Sprintf(l.Header, headerText(l.Title), headerText(period)),
		OddFooter: l.Footer,
	})
}

// headerText escapes the ampersands of a text shown in a header.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// setFit fits a sheet to the page's width (fit) or prints it at 100%.
func (wb *workbook) setFit(name string, fit bool) error {
	f := wb.f
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	a4, landscape, wide, tall, scale := 9, "landscape", 1, 0, uint(100)
	opts := &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape}
	if fit {
		opts.FitToWidth, opts.FitToHeight = &wide, &tall
	} else {
		opts.AdjustTo = &scale
	}
	return f.SetPageLayout(name, opts)
}

// printedChar is the printed width, in points, of a character of column
// width, as measured on the About sheet (183 characters of columns) fitted
// to a landscape A4 page by LibreOffice on Debian: 6.1 points with
// Carlito, the metric twin of Calibri (text at 7.7 pt where Excel's 7
// pixels, 5.25 points, promised 8.8), and 7.1 with DejaVu Sans standing in
// when Carlito is missing. The larger figure errs towards printing at
// 100%, columns continued on further pages, over shrinking the text.
const printedChar = 7.2

// fits reports whether columns 0..cols-1 of s, fitted to the page's width,
// keep the text at minPrintSize or more.
func (s *sheet) fits(cols int) bool {
	var w float64
	for col := range cols {
		w += s.width(col) * printedChar
	}
	return w <= printableWidth || fontSize*printableWidth/w >= minPrintSize
}

// printFit fits a sheet written in normal mode to the page's width when
// it fits (see fits), and sets the rows and columns repeated on every
// page: titles, as in a defined name's RefersTo.
func (wb *workbook) printFit(s *sheet, cols int, titles string) error {
	if err := wb.setFit(s.name, s.fits(cols)); err != nil {
		return err
	}
	return wb.printTitles(s.name, titles)
}

// printTitles sets the rows and columns repeated on every printed page;
// "" repeats none.
func (wb *workbook) printTitles(name, titles string) error {
	dn := &excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: name}
	wb.f.DeleteDefinedName(dn) // setup's, if any: an error means there was none
	if titles == "" {
		return nil
	}
	return wb.f.SetDefinedName(dn)
}
