package delivery

import (
	"bytes"
	"fmt"
	"html/template"
	"path/filepath"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/shopspring/decimal"

	"linecost/pricing"
	"linecost/report"
)

// ChangeWindow is how far ahead the budget mail lists plan changes.
const ChangeWindow = 60 // days

// BudgetMail is what the budget mail tells: the budget, the plan's name,
// the day the plan changes are counted from, and the files attached.
type BudgetMail struct {
	Budget *report.Budget
	Plan   string    // the plan's file (or folder) name, for the subject
	Lang   string    // "en" or "zh-TW"
	Today  time.Time // midnight UTC; zero: list no plan changes
	Files  []Attachment
	// NotAttached names a workbook too large to attach, and where it is.
	NotAttached *Big
	// Undelivered are earlier mails the server refused or that could not
	// be delivered in time; the mail tells of them.
	Undelivered []Undelivered
}

// Big is a file left out of a mail for its size.
type Big struct {
	Name   string
	Size   int64
	Folder string
}

// Undelivered is a mail that was given up.
type Undelivered struct {
	Subject string
	To      []string
	Error   string
}

type accountLine struct{ Name, Messages, Cost, Tax, Total, Text string }

func (v *budgetView) line(t *mailText, a accountLine) accountLine {
	a.Text = fmt.Sprintf(t.Line, a.Name, v.Currency, a.Total, a.Messages, a.Cost, a.Tax)
	return a
}

// budgetView is what the text and HTML templates show.
type budgetView struct {
	T               *mailText
	Intro           string
	Currency        string
	Accounts        []accountLine
	Total           accountLine
	ChangesHead     string
	Changes         []string
	Notes           []string
	Assumed         []string
	Warnings        string
	Attached        string
	TooLarge        string
	UndeliveredHead string
	Undelivered     []string
}

// Compose writes the budget mail: subject, plain text and HTML bodies, and
// the files attached.
func (m BudgetMail) Compose() (Letter, error) {
	t, err := textsFor(m.Lang)
	if err != nil {
		return Letter{}, err
	}
	b := m.Budget
	d := b.Decimals
	first, last := b.Months[0].String(), b.Months[len(b.Months)-1].String()
	v := budgetView{
		T: t, Currency: b.Currency,
		Intro: fmt.Sprintf(t.Intro, m.Plan, first, last, t.count(len(b.Months), "month")),
	}
	for _, a := range b.Accounts {
		v.Accounts = append(v.Accounts, v.line(t, accountLine{
			Name: a.Name, Messages: report.Count(a.Messages),
			Cost: report.Amount(a.Charge.Cost, d), Tax: report.Amount(a.Charge.Tax, d), Total: report.Amount(a.Charge.Total, d),
		}))
	}
	v.Total = v.line(t, accountLine{Name: t.GrandTotal, Messages: report.Count(b.Messages),
		Cost: report.Amount(b.Total.Cost, d), Tax: report.Amount(b.Total.Tax, d), Total: report.Amount(b.Total.Total, d)})
	if !m.Today.IsZero() {
		v.Changes = changes(b, t, m.Today)
		head := t.Changes
		if len(v.Changes) == 0 {
			head = t.NoChanges
		}
		v.ChangesHead = fmt.Sprintf(head, ChangeWindow, m.Today.Format(time.DateOnly))
	}
	v.Notes = notes(b, m.Lang == "zh-TW")
	for _, f := range b.Files {
		name := filepath.Base(f.File)
		for _, d := range f.Defaults {
			v.Assumed = append(v.Assumed, name+": "+d.String())
		}
		if len(f.TitleRows) > 0 || len(f.TotalRows) > 0 {
			v.Assumed = append(v.Assumed, fmt.Sprintf(t.Skipped, name, len(f.TitleRows), len(f.TotalRows)))
		}
	}
	v.Warnings = t.NoWarnings
	if n := len(b.Warnings); n > 0 {
		v.Warnings = fmt.Sprintf(t.Warnings, n)
	}
	var names []string
	for _, f := range m.Files {
		names = append(names, f.Name)
	}
	if len(names) > 0 {
		v.Attached = fmt.Sprintf(t.Attached, strings.Join(names, ", "))
	}
	if big := m.NotAttached; big != nil {
		v.TooLarge = fmt.Sprintf(t.TooLarge, big.Name, decimal.New(big.Size, 0).Div(decimal.New(1<<20, 0)).StringFixed(1), big.Folder)
	}
	if len(m.Undelivered) > 0 {
		v.UndeliveredHead = fmt.Sprintf(t.Undelivered, t.count(len(m.Undelivered), "mail"))
		for _, u := range m.Undelivered {
			v.Undelivered = append(v.Undelivered, fmt.Sprintf(t.UndeliveredTo, u.Subject, strings.Join(u.To, ", "), u.Error))
		}
	}
	var text, html bytes.Buffer
	if err := budgetText.Execute(&text, v); err != nil {
		return Letter{}, err
	}
	if err := budgetHTML.Execute(&html, v); err != nil {
		return Letter{}, err
	}
	return Letter{
		Subject:     fmt.Sprintf(t.Subject, first, last, b.Currency, report.Amount(b.Total.Total, d), m.Plan),
		Text:        text.String(),
		HTML:        html.String(),
		Attachments: m.Files,
	}, nil
}

// changes lists the plan changes whose date falls in the ChangeWindow days
// from today, and the overdue upgrades (due at once), by date and then
// account.
func changes(b *report.Budget, t *mailText, today time.Time) []string {
	end := today.AddDate(0, 0, ChangeWindow)
	type dated struct {
		date time.Time
		text string
	}
	var ds []dated
	for _, a := range b.Accounts {
		for _, am := range a.Listed { // a quiet month has no change
			act := am.Action
			if act == nil || (act.Date.Before(today) && !act.Overdue) || act.Date.After(end) {
				continue
			}
			format := t.Change
			switch act.Kind {
			case "upgrade":
				format = t.Upgrade
				if act.Overdue {
					format = t.UpgradeNow
				}
			case "downgrade":
				format = t.Downgrade
			}
			ds = append(ds, dated{act.Date, fmt.Sprintf(format, a.Name, planName(t, act.From), planName(t, act.To), act.Date.Format(time.DateOnly))})
		}
	}
	// stable by date: accounts are already sorted by name
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].date.Before(ds[j-1].date); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
	var out []string
	for _, x := range ds {
		out = append(out, x.text)
	}
	return out
}

// notes are the catalog notes that some recommended figure depends on
// (pricing.Evaluation.UsesNotes), each once, in the order met; in Chinese
// when the mail is and the catalog has them (NotesZH).
func notes(b *report.Budget, chinese bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range b.Accounts {
		for _, m := range a.Listed { // a quiet month has no messages: no notes apply
			if !m.UsesNotes() {
				continue
			}
			ns := m.Catalog.Notes
			if chinese && len(m.Catalog.NotesZH) == len(ns) {
				ns = m.Catalog.NotesZH
			}
			for _, n := range ns {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

func planName(t *mailText, p pricing.Plan) string {
	if t.LocalPlans && p.Name != "" {
		return p.Name
	}
	if p.NameEN != "" {
		return p.NameEN
	}
	return p.ID
}

var budgetText = mustText(`{{.Intro}}

{{range .Accounts}}{{.Text}}
{{end}}{{.Total.Text}}
{{if .ChangesHead}}
{{.ChangesHead}}
{{range .Changes}}- {{.}}
{{end}}{{end}}{{if .Assumed}}
{{.T.Assumed}}
{{range .Assumed}}- {{.}}
{{end}}{{end}}{{if .Notes}}
{{.T.Notes}}
{{range .Notes}}- {{.}}
{{end}}{{end}}
{{.Warnings}}
{{if .Attached}}{{.Attached}}
{{end}}{{if .TooLarge}}{{.TooLarge}}
{{end}}{{if .UndeliveredHead}}
{{.UndeliveredHead}}
{{range .Undelivered}}- {{.}}
{{end}}{{end}}`)

var budgetHTML = template.Must(template.New("html").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{.Intro}}</title></head>
<body style="font-family: Arial, 'Noto Sans CJK TC', sans-serif; font-size: 14px; color: #222">
<p>{{.Intro}}</p>
<table style="border-collapse: collapse" cellpadding="6">
<thead><tr style="background: #06c755; color: #fff">
<th align="left">{{.T.Account}}</th><th align="right">{{.T.Messages}}</th><th align="right">{{.T.Cost}} ({{.Currency}})</th><th align="right">{{.T.Tax}} ({{.Currency}})</th><th align="right">{{.T.TotalInclTax}} ({{.Currency}})</th>
</tr></thead>
<tbody>{{range .Accounts}}
<tr style="border-bottom: 1px solid #ddd"><td>{{.Name}}</td><td align="right">{{.Messages}}</td><td align="right">{{.Cost}}</td><td align="right">{{.Tax}}</td><td align="right">{{.Total}}</td></tr>{{end}}
<tr style="font-weight: bold; border-top: 2px solid #222"><td>{{.Total.Name}}</td><td align="right">{{.Total.Messages}}</td><td align="right">{{.Total.Cost}}</td><td align="right">{{.Total.Tax}}</td><td align="right">{{.Total.Total}}</td></tr>
</tbody></table>
{{if .ChangesHead}}<p>{{.ChangesHead}}</p>{{if .Changes}}
<ul>{{range .Changes}}<li>{{.}}</li>{{end}}</ul>{{end}}{{end}}
{{if .Assumed}}<p>{{.T.Assumed}}</p>
<ul>{{range .Assumed}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Notes}}<p>{{.T.Notes}}</p>
<ul style="color: #555">{{range .Notes}}<li>{{.}}</li>{{end}}</ul>{{end}}
<p>{{.Warnings}}</p>
{{if .Attached}}<p>{{.Attached}}</p>{{end}}
{{if .TooLarge}}<p><b>{{.TooLarge}}</b></p>{{end}}
{{if .UndeliveredHead}}<p style="color: #b00">{{.UndeliveredHead}}</p>
<ul>{{range .Undelivered}}<li>{{.}}</li>{{end}}</ul>{{end}}
</body></html>
`))

func mustText(s string) *texttemplate.Template {
	return texttemplate.Must(texttemplate.New("text").Parse(s))
}
