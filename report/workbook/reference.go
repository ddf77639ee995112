package workbook

import (
	"fmt"
	"strings"

	"linecost/report"
)

// pricing writes the Pricing sheet: every plan and tier of the catalogs
// used, the catalogs themselves, and their notes and sources in full.
func (wb *workbook) pricing() error {
	b, l := wb.b, wb.l
	s := wb.newSheet(l.Pricing)
	const tierCol = 6
	s.fixed[tierCol] = 24
	head := []cell{
		text(l.Catalog), text(l.PlanID), text(l.PlanName), text(l.PlanNameEN), numHeader(wb.currency(l.Fee)),
		numHeader(l.FreeMessages), text(l.Tier), numHeader(l.TierFrom), numHeader(l.TierUpTo), numHeader(wb.currency(l.Price)),
	}
	if err := s.row(lookHeader, head...); err != nil {
		return err
	}
	for _, c := range b.Catalogs {
		for _, p := range c.Plans {
			plan := []cell{text(c.Name), text(p.ID), optText(p.Name), text(p.NameEN), amount(kindFee, p.MonthlyFee), count(p.FreeMessages)}
			if !p.SellsAdditional() {
				if err := s.row(lookBody, append(plan, cell{v: l.NotSold, wrap: true}, blank(), blank(), blank())...); err != nil {
					return err
				}
				continue
			}
			var from int64 = 1
			for i, t := range p.Tiers {
				upTo := blank()
				if t.UpTo != 0 {
					upTo = count(t.UpTo)
				}
				if err := s.row(lookBody, append(plan, integer(i+1), count(from), upTo, amount(kindExact, t.Price))...); err != nil {
					return err
				}
				from = t.UpTo + 1
			}
		}
	}
	if err := s.table("Plans", 1, s.rows, len(head)); err != nil {
		return err
	}

	s.skip(1)
	if err := s.row(lookHeader, text(l.Catalog), text(l.Region), text(l.Currency), numHeader(l.TaxRate), numHeader(l.EffectiveFrom), numHeader(l.Verified)); err != nil {
		return err
	}
	first := s.rows
	for _, c := range b.Catalogs {
		verified := blank()
		if !c.Verified.IsZero() {
			verified = day(c.Verified)
		}
		err := s.row(lookBody, text(c.Name), text(c.Region), text(c.Currency), amount(kindPercent, c.TaxRate), day(c.EffectiveFrom), verified)
		if err != nil {
			return err
		}
	}
	if err := s.table("Catalogs", first, s.rows, 6); err != nil {
		return err
	}

	s.skip(1)
	if err := s.row(lookTitle, text(l.NotesAndSources)); err != nil {
		return err
	}
	for _, c := range b.Catalogs {
		notes, source := l.catalogText(c)
		for _, n := range notes {
			if err := s.prose(lookBody, 0, len(head)-1, text(c.Name), text(l.CatalogNote+l.Colon+n)); err != nil {
				return err
			}
		}
		if source != "" {
			if err := s.prose(lookBody, 0, len(head)-1, text(c.Name), text(l.CatalogSource+l.Colon+source)); err != nil {
				return err
			}
		}
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	if err := s.finish(); err != nil {
		return err
	}
	return wb.printFit(s, len(head), fmt.Sprintf("'%s'!$1:$1", s.name))
}

// issues writes the Issues sheet: every warning of the input files with
// its file and line, or a row saying there are none. A plan can have a
// warning on every row, so it is a list like Campaigns (see list).
func (wb *workbook) issues() (*list, error) {
	b, l := wb.b, wb.l
	head := []cell{text(l.File), numHeader(l.Line), text(l.Warning)}
	ls := wb.newList(wb.issSheets, "Issues", head)
	ls.describe = describeWarning
	ls.layout.fixed[2] = warningWidth
	files, lines := set{}, 0
	for _, w := range b.Warnings {
		files.add(w.File)
		lines = max(lines, w.Line)
	}
	ls.layout.measureText(lookBody, 0, files)
	ls.layout.measure(lookBody, []cell{blank(), integer(lines)})

	for _, w := range b.Warnings {
		line := blank()
		if w.Line > 0 {
			line = integer(w.Line)
		}
		msg := w.Message
		if zh, ok := b.Chinese(w); ok && l.Language == "zh-TW" {
			msg = zh
		}
		if err := ls.row(lookBody, optText(w.File), line, cell{v: msg, wrap: true}); err != nil {
			return nil, err
		}
	}
	if len(b.Warnings) == 0 {
		if err := ls.row(lookBody, blank(), blank(), text(l.NoWarnings)); err != nil {
			return nil, err
		}
	}
	return ls, ls.close()
}

// describeWarning names a row of the Issues sheet for the Summary's list
// of parts by its file and line: "plan.csv:12".
func describeWarning(r []cell) string {
	file, _ := r[0].v.(string)
	if line, ok := r[1].v.(int64); ok {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// about writes the About sheet: the run (version, generation time,
// language, options, period) and the input files with their SHA-256.
func (wb *workbook) about() error {
	b, l, meta := wb.b, wb.l, wb.meta
	s := wb.newSheet(l.About)
	s.fixed[5] = 68 // a SHA-256 in hex, whole
	if err := s.row(lookHeader, text(l.Item), text(l.Value)); err != nil {
		return err
	}
	generated := blank()
	if !meta.Generated.IsZero() {
		generated = cell{v: meta.Generated.UTC(), kind: kindDateTime}
	}
	var catalogs []string
	for _, c := range b.Catalogs {
		if c.Verified.IsZero() {
			catalogs = append(catalogs, c.Name)
		} else {
			catalogs = append(catalogs, fmt.Sprintf(l.CatalogVerified, c.Name, c.Verified.Format("2006-01-02")))
		}
	}
	items := [][2]cell{
		{text(l.Version), optText(meta.Version)},
		{text(l.Generated), generated},
		{text(l.LanguageItem), text(l.Name)},
	}
	for _, o := range meta.Options {
		items = append(items, [2]cell{text(l.Options), text(o)})
	}
	if len(meta.Options) == 0 {
		items = append(items, [2]cell{text(l.Options), text(l.None)})
	}
	items = append(items,
		[2]cell{text(l.Period), text(fmt.Sprintf(l.PeriodValue, b.Months[0], b.Months[len(b.Months)-1]))},
		[2]cell{text(l.Accounts), integer(len(b.Accounts))},
		[2]cell{text(l.RowsPriced), integer(b.Rows)},
		[2]cell{text(l.RowsSkipped), integer(b.Skipped)},
		[2]cell{text(l.MonthsPriced), integer(len(b.Accounts) * len(b.Months))},
		[2]cell{text(l.MonthsCompared), integer(wb.monthsCompared)},
		[2]cell{text(l.Currency), text(b.Currency)},
		[2]cell{text(l.CatalogsUsed), text(strings.Join(catalogs, ", "))},
	)
	items = append(items, readerNotes(b, l)...)
	for _, it := range items {
		if err := s.row(lookBody, it[0], it[1]); err != nil {
			return err
		}
	}
	if err := s.table("Run", 1, s.rows, 2); err != nil {
		return err
	}

	s.skip(1)
	if err := s.row(lookHeader, text(l.File), text(l.Encoding), text(l.Delimiter), text(l.Sheet), numHeader(l.Rows), text(l.SHA256)); err != nil {
		return err
	}
	first := s.rows
	for _, f := range b.Files {
		err := s.row(lookBody, text(f.File), optText(f.Encoding), optText(l.delimiter(f.Delimiter)), optText(f.Sheet),
			integer(f.Rows), optText(f.SHA256))
		if err != nil {
			return err
		}
	}
	if len(b.Files) == 0 {
		s.skip(1)
	}
	if err := s.table("Files", first, s.rows, 6); err != nil {
		return err
	}
	if err := wb.inexactRows(s); err != nil {
		return err
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	if err := s.finish(); err != nil {
		return err
	}
	return wb.printFit(s, 6, fmt.Sprintf("'%s'!$1:$1", s.name))
}

// readerNotes are the About rows of what the reader assumed or skipped:
// the defaults of absent columns, title rows, totals rows, and the months
// without rows.
func readerNotes(b *report.Budget, l *labels) [][2]cell {
	var items [][2]cell
	for _, f := range b.Files {
		for _, d := range f.Defaults {
			items = append(items, [2]cell{text(l.DefaultUsed), text(fmt.Sprintf("%s: %s = %s", f.File, d.Column, d.Value))})
		}
		for _, t := range f.TitleRows {
			items = append(items, [2]cell{text(l.TitleRowSkipped), text(fmt.Sprintf("%s:%d: %s", f.File, t.Line, t.Text))})
		}
		if len(f.TotalRows) > 0 {
			lines := make([]string, len(f.TotalRows))
			for i, n := range f.TotalRows {
				lines[i] = fmt.Sprint(n)
			}
			items = append(items, [2]cell{text(l.TotalRowsSkipped), text(f.File + ": " + strings.Join(lines, ", "))})
		}
	}
	if len(b.EmptyMonths) > 0 {
		items = append(items, [2]cell{text(l.EmptyMonths), text(report.MonthList(b.EmptyMonths))})
	}
	return items
}

// delimiter spells out a delimiter that would not show in a cell.
func (l *labels) delimiter(d string) string {
	switch d {
	case "\t":
		return l.Tab
	case " ":
		return l.Space
	}
	return d
}
