package input

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"linecost/pricing"
)

// Messages about a whole cell.
const (
	msgEmpty   = "required, but the cell is empty"
	msgMissing = "required, but the row ends before this column"
	msgAtLeast = "must be at least 1"
	msgAccount = "the cell is empty (leave out the whole account column to name the account after the file)"
	msgTooMany = "the row's billable messages are too many to count"
	msgTotal   = "the file's billable messages are too many to count"
)

// build checks one decoded record and makes it a Row, recording every
// problem of the row (not just the first) and its warnings, with
// positions.
func (r *fileReader) build(t *table, rec *record, raw *rawRecord) (Row, bool) {
	ok := true
	fail := func(f int, msg, text string) {
		t.errorAt(raw.at(t.fieldCol[f]), t.headerAt(t.fieldCol[f]), msg, text)
		ok = false
	}
	cells := rec.cells()
	for f, c := range cells {
		switch {
		case t.fieldCol[f] < 0:
		case !c.set && (columns[f].Required || f == fAccount):
			fail(f, msgMissing, "")
		case c.empty && columns[f].Required:
			fail(f, msgEmpty, "")
		case c.empty && f == fAccount:
			fail(f, msgAccount, "")
		case c.bad != "":
			fail(f, c.bad, c.text)
		}
	}
	// given reports a cell that holds a valid value; an optional column
	// without one takes its default.
	given := func(f int) bool { return t.fieldCol[f] >= 0 && cells[f].set && !cells[f].empty && cells[f].bad == "" }
	row := Row{
		File: r.file, Line: raw.line,
		Account:  r.fileAccount,
		Campaign: rec.Campaign.value,
		Segment:  rec.Segment.value,
		Date:     rec.Date.t,
		Friends:  rec.Friends.n,
		Sends:    1,
		Bubbles:  1,
		Channel:  pricing.Manager,
	}
	if t.fieldCol[fAccount] >= 0 {
		row.Account = rec.Account.value
	}
	if given(fSends) {
		if row.Sends = rec.Sends.n; row.Sends < 1 {
			fail(fSends, msgAtLeast, rec.Sends.text)
		}
	}
	if given(fBubbles) {
		if row.Bubbles = rec.Bubbles.n; row.Bubbles < 1 {
			fail(fBubbles, msgAtLeast, rec.Bubbles.text)
		}
	}
	if given(fChannel) {
		row.Channel = rec.Channel.c
	}
	if given(fBlocked) && given(fFriends) {
		row.Blocked = rec.Blocked.n
		if p := rec.Blocked.percent; p != nil {
			row.Blocked, _ = pricing.BlockedShare(row.Friends, *p) // 0..100% was checked
		}
		if row.Blocked > row.Friends {
			fail(fBlocked, fmt.Sprintf("more than the %d friends", row.Friends), rec.Blocked.text)
		}
	}
	if !ok {
		return Row{}, false
	}
	send := row.Send()
	n, err := send.Messages()
	switch {
	case errors.Is(err, pricing.ErrTooLarge):
		err = errors.New(msgTooMany)
	case err == nil && r.info.Messages > math.MaxInt64-n:
		err = errors.New(msgTotal)
	}
	if err != nil {
		t.errorAt(raw.at(0), "", err.Error(), "")
		return Row{}, false
	}
	row.Messages = n
	if k := send.SendsPerBubbleSet(); k > 1 {
		// Concatenated rather than formatted: a plan may well have this
		// warning on every row, and fmt.Sprintf costs as much as a row.
		t.warn(raw.line, t.headerAt(t.fieldCol[fBubbles])+": "+strconv.FormatInt(row.Bubbles, 10)+
			" bubbles are over the "+row.Channel.String()+" limit of "+strconv.FormatInt(row.Channel.BubbleLimit(), 10)+
			" per send: counted as "+strconv.FormatInt(k, 10)+" sends each")
	}
	if row.Friends == 0 {
		what := "the row"
		if row.Segment != "" {
			what = fmt.Sprintf("segment %q", row.Segment)
		}
		t.warn(raw.line, fmt.Sprintf("%s: %s has 0 friends: no messages billed", t.headerAt(t.fieldCol[fFriends]), what))
	}
	return row, true
}

// accountOf names the account of a file without an account column: the
// file's base name without extension; "stdin" for standard input.
func accountOf(file string) string {
	if file == "-" {
		return "stdin"
	}
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// totalsLabels are what a totals or subtotal row has in its date or
// account cell, compared after folding width and ignoring case.
var totalsLabels = []string{"合計", "總計", "小計", "總和", "合计", "总计", "小计", "總合計",
	"total", "subtotal", "sum", "grand total"}

// totalsRow reports a totals row (合計, Total, in the date or account
// cell): it is skipped with a warning, and its numbers are never added.
// It is asked of every row, so it allocates nothing for a row that is not
// one.
func (r *fileReader) totalsRow(t *table, rec *record, raw *rawRecord) bool {
	for _, c := range []*cell{&rec.Date.cell, &rec.Account.cell} {
		if !c.set || c.empty || len(c.text) > 40 || c.text[0] >= '0' && c.text[0] <= '9' {
			continue
		}
		label := strings.TrimRight(clean(c.text), ":：")
		for _, l := range totalsLabels {
			if strings.EqualFold(label, l) {
				f := fDate
				if c == &rec.Account.cell {
					f = fAccount
				}
				r.info.TotalRows = append(r.info.TotalRows, raw.line)
				t.warn(raw.line, fmt.Sprintf("%s: skipped a totals row (%q): its numbers are not added", t.headerAt(t.fieldCol[f]), trim(c.text)))
				return true
			}
		}
	}
	return false
}
