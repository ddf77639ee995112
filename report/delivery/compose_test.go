package delivery

import (
	"strings"
	"testing"
	"time"

	"linecost/pricing"
	"linecost/report"
)

// TestChangeWindow: a plan change is listed when its date is from today
// to today + 60 days, both included.
func TestChangeWindow(t *testing.T) {
	today := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	light, pro := pricing.Plan{ID: "light", NameEN: "Light", Name: "輕用量"}, pricing.Plan{ID: "pro", NameEN: "Pro", Name: "高用量"}
	var months []report.AccountMonth
	for _, days := range []int{-1, 0, 60, 61} {
		d := today.AddDate(0, 0, days)
		months = append(months, report.AccountMonth{Action: &report.Action{Kind: "upgrade", From: light, To: pro, Date: d}})
	}
	months = append(months, report.AccountMonth{Action: &report.Action{Kind: "downgrade", From: pro, To: light, Date: today.AddDate(0, 0, 5)}})
	b := &report.Budget{Accounts: []report.Account{{Name: "咖啡店", Listed: months}}}
	got := strings.Join(changes(b, mailTexts["en"], today), "\n")
	want := "咖啡店: upgrade Light → Pro on 2027-01-10\n" +
		"咖啡店: request the downgrade Pro → Light by 2027-01-15\n" +
		"咖啡店: upgrade Light → Pro on 2027-03-11"
	if got != want {
		t.Errorf("changes:\n%s\nwant:\n%s", got, want)
	}
	zh := changes(b, mailTexts["zh-TW"], today)
	if len(zh) != 3 || zh[0] != "咖啡店：2027-01-10 升級 輕用量 → 高用量" {
		t.Errorf("zh-TW: %q", zh)
	}
}

// TestChangeOverdue: run on 2026-12-15, an upgrade due on 2026-12-01 (a
// day past, in a month not over) was left out of the mail as past; it is
// due now, and the mail says so first.
func TestChangeOverdue(t *testing.T) {
	today := time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
	light, pro := pricing.Plan{ID: "light", NameEN: "Light", Name: "輕用量"}, pricing.Plan{ID: "pro", NameEN: "Pro", Name: "高用量"}
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b := &report.Budget{Accounts: []report.Account{{Name: "咖啡店", Listed: []report.AccountMonth{
		{Action: &report.Action{Kind: "upgrade", From: light, To: pro, Date: due, Overdue: true}},
		{Action: &report.Action{Kind: "downgrade", From: pro, To: light, Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}},
	}}}}
	got := strings.Join(changes(b, mailTexts["en"], today), "\n")
	want := "咖啡店: upgrade Light → Pro now (it was due on 2026-12-01)\n" +
		"咖啡店: request the downgrade Pro → Light by 2026-12-31"
	if got != want {
		t.Errorf("changes:\n%s\nwant:\n%s", got, want)
	}
	if zh := changes(b, mailTexts["zh-TW"], today); len(zh) != 2 || zh[0] != "咖啡店：立即升級 輕用量 → 高用量（應於 2026-12-01 升級）" {
		t.Errorf("zh-TW: %q", zh)
	}
}

func TestErrorMailSingular(t *testing.T) {
	l, err := ErrorMail{Plan: "bad.csv", Lang: "en", Errors: 1, ErrorsFile: "bad.csv.errors.txt", Text: "bad.csv:2:3: x: y\n"}.Compose()
	if err != nil {
		t.Fatal(err)
	}
	if l.Subject != "LINE budget: bad.csv has 1 error, nothing was priced" || !strings.Contains(l.Text, "it has 1 error.") {
		t.Errorf("subject %q, text %q", l.Subject, l.Text)
	}
	long := strings.Repeat("bad.csv:2:3: x: y\n", errorLines+2)
	l, _ = ErrorMail{Plan: "bad.csv", Lang: "zh-TW", Errors: errorLines + 2, ErrorsFile: "e.txt", Text: long}.Compose()
	if l.Subject != "LINE 預算：bad.csv 有 52 個錯誤，未計價" || !strings.Contains(l.Text, "……另有 2 行，見附件") || strings.Count(l.Text, "bad.csv:2:3") != errorLines {
		t.Errorf("subject %q, text:\n%s", l.Subject, l.Text)
	}
}

// TestBudgetMailEscapesHTML: names from the plan are text, never markup.
func TestBudgetMailEscapesHTML(t *testing.T) {
	b := &report.Budget{
		Currency: "TWD", Months: []pricing.Month{{Year: 2027, Month: time.January}},
		Accounts: []report.Account{{Name: `<img src=x onerror="alert(1)">`}},
	}
	l, err := BudgetMail{Budget: b, Plan: "<plan>.csv", Lang: "en"}.Compose()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(l.HTML, "<img") || strings.Contains(l.HTML, "<plan>") || !strings.Contains(l.HTML, "&lt;img src=x") {
		t.Errorf("HTML not escaped:\n%s", l.HTML)
	}
	if !strings.Contains(l.Text, `<img src=x onerror="alert(1)">: TWD 0`) {
		t.Errorf("text body changed the name:\n%s", l.Text)
	}
	if l.Subject != "LINE budget 2027-01..2027-01: TWD 0 incl. tax (<plan>.csv)" {
		t.Errorf("subject %q", l.Subject)
	}
}
