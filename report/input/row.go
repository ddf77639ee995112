package input

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	msgNoZone  = "a send time needs the time zone the plan is written in: pass --time-zone (e.g. Asia/Taipei)"
	msgTwoTime = "differs from the time in the date cell"
)

// MaxRowMessages is the most billable messages one row may have: a
// trillion, over a thousand times LINE's largest audience sending every
// day for a year. More is a typo (or an attack), reported with the row's
// position, and it keeps every sum of rows far from int64's limit.
const MaxRowMessages = 1_000_000_000_000

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
	if rec.Date.timed {
		row.Time, row.Timed = rec.Date.clock, true
	}
	if given(fTime) {
		switch {
		case !row.Timed:
			row.Time, row.Timed = rec.Time.clock, true
		case row.Time != rec.Time.clock:
			fail(fTime, msgTwoTime+" ("+clockText(row.Time)+")", rec.Time.text)
		}
	}
	row.Billed = row.Date
	if row.Timed && ok {
		if r.zone == nil {
			f := fDate
			if !rec.Date.timed {
				f = fTime
			}
			fail(f, msgNoZone, cells[f].text)
		} else {
			row.Billed = r.billingDay(t, raw.line, row)
		}
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
		if rec.Blocked.isPercent {
			row.Blocked, _ = pricing.BlockedShare(row.Friends, rec.Blocked.percent) // 0..100% was checked
		}
		if row.Blocked > row.Friends {
			fail(fBlocked, fmt.Sprintf("more than the %d friends", row.Friends), rec.Blocked.text)
		}
	}
	if !r.notAfter.IsZero() && row.Date.After(r.notAfter) {
		fail(fDate, "dated after "+r.notAfter.Format(time.DateOnly)+" ("+r.notAfterWhy+"): a typo? --max-months allows it", rec.Date.text)
	}
	if !ok {
		return Row{}, false
	}
	send := row.Send()
	n, err := send.Messages()
	switch {
	case errors.Is(err, pricing.ErrTooLarge):
		err = errors.New(msgTooMany)
	case err == nil && n > MaxRowMessages:
		err = fmt.Errorf("%d billable messages in one row: more than the limit of %d (1e12): a typo?", n, int64(MaxRowMessages))
	case err == nil && r.info.Messages > math.MaxInt64-n:
		err = errors.New(msgTotal)
	}
	if err != nil {
		t.errorAt(raw.at(0), "", err.Error(), "")
		return Row{}, false
	}
	row.Messages = n
	if k := send.SendsPerBubbleSet(); k > 1 {
		w := t.overLimit(row.Bubbles, row.Channel, k)
		t.warnZH(raw.line, w[0], w[1])
	}
	for _, f := range []int{fAccount, fCampaign, fSegment} {
		if c := cells[f]; t.fieldCol[f] >= 0 && len(c.text) > MaxCellChars {
			if n := utf8.RuneCountInString(c.text); n > MaxCellChars {
				t.warnZH(raw.line, fmt.Sprintf("%s: a text of %d characters, more than Excel's limit of 32,767: the workbook shows it cut (the JSON has it whole)",
					t.headerAt(t.fieldCol[f]), n),
					fmt.Sprintf("%s：文字長 %d 字，超過 Excel 每格 32,767 字的上限：活頁簿只顯示前段（JSON 保留全文）", t.headerAt(t.fieldCol[f]), n))
			}
		}
	}
	if row.Friends == 0 {
		what, whatZH := "the row", "此列"
		if row.Segment != "" {
			what, whatZH = fmt.Sprintf("segment %q", row.Segment), fmt.Sprintf("分眾 %q ", row.Segment)
		}
		h := t.headerAt(t.fieldCol[fFriends])
		t.warnZH(raw.line, fmt.Sprintf("%s: %s has 0 friends: no messages billed", h, what),
			fmt.Sprintf("%s：%s好友數為 0：不計任何訊息", h, whatZH))
	}
	return row, true
}

// overLimitKey is what the warning about bubbles over a channel's limit
// depends on, in one file.
type overLimitKey struct {
	bubbles int64
	channel pricing.Channel
}

// maxOverLimitTexts bounds the texts of that warning kept for reuse in
// one file.
const maxOverLimitTexts = 64

// overLimit is the warning, in English and Chinese, about a row of
// bubbles bubbles on channel ch, over its limit: counted as k sends each.
// A plan may well have it on every row, with a few bubble counts: the
// texts are made once per count and channel and shared by the warnings
// (the first maxOverLimitTexts kinds; the rest are made for each row).
// They are concatenated rather than formatted: fmt.Sprintf costs as much
// as a row.
func (t *table) overLimit(bubbles int64, ch pricing.Channel, k int64) [2]string {
	key := overLimitKey{bubbles, ch}
	if w, ok := t.overLimitTexts[key]; ok {
		return w
	}
	h, b, limit, sends := t.headerAt(t.fieldCol[fBubbles]), strconv.FormatInt(bubbles, 10),
		strconv.FormatInt(ch.BubbleLimit(), 10), strconv.FormatInt(k, 10)
	w := [2]string{h + ": " + b + " bubbles are over the " + ch.String() + " limit of " + limit +
		" per send: counted as " + sends + " sends each",
		h + "：" + b + " 個對話框超過 " + ch.String() + " 每次發送 " + limit + " 個的上限：每次以 " + sends + " 次發送計算"}
	if t.overLimitTexts == nil {
		t.overLimitTexts = map[overLimitKey][2]string{}
	}
	if len(t.overLimitTexts) < maxOverLimitTexts {
		t.overLimitTexts[key] = w
	}
	return w
}

// billingDay is the day LINE counts the timed row's send on: the day of its
// moment in the billing zone. A send that this moves into another month
// is warned about: its bill moves with it.
func (r *fileReader) billingDay(t *table, line int, row Row) time.Time {
	y, m, d := row.Date.Date()
	at := time.Date(y, m, d, 0, 0, 0, 0, r.zone).Add(row.Time)
	billing := r.billingZone
	if billing == nil {
		billing = r.zone
	}
	there := at.In(billing)
	by, bm, bd := there.Date()
	day := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	if pricing.MonthOf(day) != pricing.MonthOf(row.Date) {
		h, sent, zone, japan, month := t.headerAt(t.fieldCol[fDate]), row.Date.Format(time.DateOnly)+" "+clockText(row.Time),
			r.zone.String(), there.Format("2006-01-02 15:04"), pricing.MonthOf(day).String()
		t.warnZH(line, fmt.Sprintf("%s: sent %s (%s) is %s in Japan, where LINE counts messages: billed in %s", h, sent, zone, japan, month),
			fmt.Sprintf("%s：%s（%s）發送，在 LINE 計算訊息的日本時間是 %s：計入 %s", h, sent, zone, japan, month))
	}
	return day
}

// clockText is a time of day as 23:30, or 23:30:15 when it has seconds.
func clockText(d time.Duration) string {
	t := time.Time{}.Add(d)
	if t.Second() != 0 {
		return t.Format(time.TimeOnly)
	}
	return t.Format("15:04")
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
// one, and compares with the labels only a cell that has one of their
// key characters (see totalsKey).
func (r *fileReader) totalsRow(t *table, rec *record, raw *rawRecord) bool {
	for _, c := range []*cell{&rec.Date.cell, &rec.Account.cell} {
		if !c.set || c.empty || len(c.text) > 40 || c.text[0] >= '0' && c.text[0] <= '9' || !hasTotalsKey(c.text) {
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
				t.warnZH(raw.line, fmt.Sprintf("%s: skipped a totals row (%q): its numbers are not added", t.headerAt(t.fieldCol[f]), trim(c.text)),
					fmt.Sprintf("%s：略過合計列（%q）：其中的數字不計入", t.headerAt(t.fieldCol[f]), trim(c.text)))
				return true
			}
		}
	}
	return false
}

// hasTotalsKey reports whether s has a character that could be a key
// character of a totals label once folded (see totalsKey): a cell without
// one cannot be a label, and the comparison with every label is skipped.
func hasTotalsKey(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c|0x20 == 'a' || c|0x20 == 'u' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if totalsKey(r) {
			return true
		}
		i += n
	}
	return false
}

// totalsKey reports the characters of which every totals label has one
// (a in total and grand total, u in sum and subtotal, 計, 计, 和 in the
// Chinese labels), and every character that width and case folding turn
// into one of them: the full-width letters. TestTotalsKeys checks both
// claims against totalsLabels and against x/text and unicode for every
// rune.
func totalsKey(r rune) bool {
	switch r {
	case 'a', 'A', 'u', 'U', 'ａ', 'Ａ', 'ｕ', 'Ｕ', '計', '计', '和':
		return true
	}
	return false
}
