package workbook

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xuri/excelize/v2"

	"linecost/pricing"
	"linecost/report"
)

// Meta is what the About sheet records about the run.
type Meta struct {
	Lang      string    // "en" or "zh-TW"
	Version   string    // linecost version
	Generated time.Time // the caller takes it from SOURCE_DATE_EPOCH when set
	// Zone is the region's time zone, in which the Summary shows the
	// generation time; nil means UTC.
	Zone    *time.Location
	Options []string // the options of the run as given, e.g. "--region tw", "--current-plan pro"
}

// Write writes b to w as an Excel workbook for finance, with every
// label in meta.Lang. Its sheets, in order:
//
//   - Summary: a title block (period, region and catalogs, generation
//     time, the grand totals before tax, tax and including tax, the saving
//     against the current plans); the budget as grids of every account by
//     month before tax, including tax and in messages; every account's
//     plans; the parts of lists longer than a sheet; a chart of the
//     monthly total stacked by the largest accounts.
//   - Plan changes: every plan change by date: what to do, by when, the
//     months it affects, and whether its deadline has passed.
//   - Recommendation: per account and month the recommended plan and its
//     bill, the next-best plan, the plan change to make, catalog notes.
//   - Plan comparison: per account, month with messages and plan the
//     quote; the recommended row is filled, bold and starred.
//   - Campaigns: every campaign row with its allocated cost and tax, and
//     a totals row equal to the Summary's.
//   - Pricing: the catalogs used, their plans and tiers, notes and sources.
//   - Issues: the warnings of the input files.
//   - About: the input files with their SHA-256, the version, options and
//     generation time.
//
// Plan changes, Recommendation, Plan comparison, Campaigns and Issues grow with the
// accounts and the rows: they are streamed, and a list longer than a
// sheet's 1,048,576 rows continues on sheets "Campaigns (2)" and so on (see
// list). The other sheets are small and written in excelize's normal mode.
//
// Numbers are numeric cells in number formats, every list is an Excel
// table, every total a formula (SUM, or SUBTOTAL below a table, so that
// it follows a filter) with its cached value, and the same budget and meta give the same bytes: nothing comes
// from the clock but meta.Generated. The zip is written to w as it is
// deflated (see sortedZip), not built in memory first.
func Write(w io.Writer, b *report.Budget, meta Meta) error {
	l, err := labelsFor(meta.Lang)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{f: f, b: b, meta: meta, l: l, fmts: newFormats(b)}
	wb.styles = styles{f: f, font: l.Font, fmts: wb.fmts}
	if wb.styles.font == "" {
		wb.styles.font = "Calibri"
	}
	wb.plans = planNames(b, l)
	wb.planSheets()
	if err := wb.setup(); err != nil {
		return err
	}
	if err := wb.writeLists(); err != nil {
		return err
	}
	// The Summary comes after the lists: it shows the totals of their
	// parts when they are longer than a sheet.
	for _, write := range []func() error{wb.summary, wb.pricing, wb.about} {
		if err := write(); err != nil {
			return err
		}
	}
	if err := wb.properties(); err != nil {
		return err
	}
	// Adding the chart makes excelize list the image content types in map
	// order; sorted, the same budget and meta give the same bytes.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	zw, err := newSortedZip(w)
	if err != nil {
		return err
	}
	zw.fix = map[string]func([]byte) []byte{}
	for id, name := range f.GetSheetMap() {
		if name == l.Summary {
			zw.fix[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)] = numericFormulas
		}
	}
	// The zip goes to w: the buffer WriteToBuffer returns stays empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	_, err = f.WriteToBuffer()
	return err
}

// workbook is the state of one Write call.
type workbook struct {
	f      *excelize.File
	b      *report.Budget
	meta   Meta
	l      *labels
	fmts   formats
	styles styles
	plans  map[monthPlan]string // the billed plans' names (see planNames)

	// The sheets of the long lists: one each, or more when a list is
	// longer than a sheet (see list).
	chgSheets, recSheets, cmpSheets, campSheets, issSheets []string
	lists                                                  []*list      // the lists written, in workbook order
	monthsCompared                                         int          // account-months in Plan comparison
	inexact                                                inexactCells // money cells a float64 cannot hold exactly

	// mu guards f while the lists are written side by side (see
	// writeLists); failed stops the other lists when one fails.
	mu     sync.Mutex
	failed atomic.Bool
}

// errListsStopped ends a list when another has failed.
var errListsStopped = errors.New("workbook: stopped, another list failed")

// writeLists writes the long lists side by side, each on its own
// goroutine: turning cells into XML is most of the work of a workbook, and
// the lists share nothing but the File. Every style is created before (see
// styles.createAll), so a cell's style id does not depend on which list
// came first; a list starts its parts' sheets under wb.mu; and the tables
// are added and the sheets flushed afterwards, in workbook order. The same
// budget gives the same bytes.
func (wb *workbook) writeLists() error {
	if err := wb.styles.createAll(); err != nil {
		return err
	}
	writers := []func() (*list, error){wb.planChanges, wb.recommendation, wb.comparison, wb.campaigns, wb.issues}
	wb.lists = make([]*list, len(writers))
	errs := make([]error, len(writers))
	var wg sync.WaitGroup
	for i, write := range writers {
		wg.Go(func() {
			if wb.lists[i], errs[i] = write(); errs[i] != nil {
				wb.failed.Store(true)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, errListsStopped) {
			return err
		}
	}
	for _, ls := range wb.lists {
		if err := ls.finish(); err != nil {
			return err
		}
	}
	return nil
}

// planSheets plans the sheets of the long lists from their numbers of rows,
// all known before the first row is written.
func (wb *workbook) planSheets() {
	b, l := wb.b, wb.l
	options := 0
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			if compared(m) {
				options += len(m.Options)
				wb.monthsCompared++
			}
		}
	}
	// The campaign rows, and a row for each month billed without messages.
	campaigns := b.CampaignRows()
	changes := 0
	for _, a := range b.Accounts {
		for _, m := range a.Months() {
			if m.Action != nil {
				changes++
			}
		}
	}
	// The changes, or one row saying there are none.
	wb.chgSheets = l.partNames(l.PlanChanges, partsFor(max(1, changes), false))
	wb.recSheets = l.partNames(l.Recommendation, partsFor(len(b.Accounts)*len(b.Months), true))
	wb.cmpSheets = l.partNames(l.Comparison, partsFor(options, false))
	wb.campSheets = l.partNames(l.Campaigns, partsFor(campaigns, true))
	// The warnings, or one row saying there are none.
	wb.issSheets = l.partNames(l.Issues, partsFor(max(1, len(b.Warnings)), false))
}

// setup creates the sheets in order, replacing excelize's Sheet1, with
// the default font and the print setup of every sheet.
func (wb *workbook) setup() error {
	f, l := wb.f, wb.l
	if l.Font != "" {
		if err := f.SetDefaultFont(l.Font); err != nil {
			return err
		}
	}
	names := []string{l.Summary}
	names = append(names, wb.chgSheets...)
	names = append(names, wb.recSheets...)
	names = append(names, wb.cmpSheets...)
	names = append(names, wb.campSheets...)
	names = append(names, l.Pricing)
	names = append(names, wb.issSheets...)
	names = append(names, l.About)
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return err
	}
	for _, name := range names[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	for _, name := range names {
		if err := wb.printSetup(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := wb.printTitles(name, fmt.Sprintf("'%s'!$1:$1", name)); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// properties sets the document properties: title, subject, creator and
// the creation time from meta.Generated.
func (wb *workbook) properties() error {
	b, l := wb.b, wb.l
	first, last := b.Months[0], b.Months[len(b.Months)-1]
	p := &excelize.DocProperties{
		Title:          l.Title,
		Subject:        subject(l, first, last, len(b.Accounts)),
		Description:    fmt.Sprintf(l.Description, wb.meta.Version),
		Creator:        "linecost",
		LastModifiedBy: "linecost",
		Language:       l.Language,
		Keywords:       l.Keywords,
	}
	if !wb.meta.Generated.IsZero() {
		p.Created = wb.meta.Generated.UTC().Format(time.RFC3339)
		p.Modified = p.Created
	}
	return wb.f.SetDocProps(p)
}

// planName is the name of p in the workbook's language: its local name in
// Chinese, its English name otherwise.
func (l *labels) planName(p pricing.Plan) string {
	if l.LocalPlans && p.Name != "" {
		return p.Name
	}
	return p.NameEN
}

// planNames names the plans the account-months are billed on, by month
// and plan id, for the campaign rows (which carry only the plan id): the
// plans of the listed months, and the plan of a month's quiet month when
// some account is quiet in it.
func planNames(b *report.Budget, l *labels) map[monthPlan]string {
	names := map[monthPlan]string{}
	add := func(am report.AccountMonth) {
		p := am.Plan().Plan
		names[monthPlan{am.Month, p.ID}] = l.planName(p)
	}
	listed := map[pricing.Month]int{} // accounts listing the month
	for _, a := range b.Accounts {
		for _, am := range a.Listed {
			add(am)
			listed[am.Month]++
		}
	}
	for i, m := range b.Months {
		if listed[m] < len(b.Accounts) {
			add(b.Quiet(i))
		}
	}
	return names
}

// monthPlan names a plan of a month's catalog.
type monthPlan struct {
	month pricing.Month
	plan  string
}

// currency fills a header's currency code.
func (wb *workbook) currency(header string) string { return fmt.Sprintf(header, wb.b.Currency) }

func month(m pricing.Month) cell { return cell{v: m.FirstDay(), kind: kindMonth} }

// subject is the workbook's subject property, in the singular for one
// account.
func subject(l *labels, first, last pricing.Month, accounts int) string {
	if accounts == 1 {
		return fmt.Sprintf(l.SubjectOne, first, last)
	}
	return fmt.Sprintf(l.Subject, first, last, accounts)
}
