package delivery

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// ErrorMail is the mail to the plan's sender when it has errors.
type ErrorMail struct {
	Plan       string // the plan's file name
	Lang       string
	Errors     int    // how many
	ErrorsFile string // its name, e.g. bad.csv.errors.txt
	Text       string // its content: one error per line
}

// errorLines is how many lines of the errors file the error mail shows.
const errorLines = 50

// Compose writes the error mail: the first lines of the errors in the
// body, the errors file attached.
func (m ErrorMail) Compose() (Letter, error) {
	t, err := textsFor(m.Lang)
	if err != nil {
		return Letter{}, err
	}
	lines := strings.Split(strings.TrimRight(m.Text, "\n"), "\n")
	shown := lines[:min(len(lines), errorLines)]
	var text, html bytes.Buffer
	intro := fmt.Sprintf(t.ErrorIntro, m.Plan, t.count(m.Errors, "error"), m.ErrorsFile)
	fmt.Fprintf(&text, "%s\n\n%s\n", intro, strings.Join(shown, "\n"))
	more := ""
	if len(lines) > len(shown) {
		more = fmt.Sprintf(t.ErrorMore, t.count(len(lines)-len(shown), "line"))
		fmt.Fprintf(&text, "%s\n", more)
	}
	err = errorHTML.Execute(&html, struct {
		Intro, More string
		Lines       []string
	}{intro, more, shown})
	if err != nil {
		return Letter{}, err
	}
	return Letter{
		Subject: fmt.Sprintf(t.ErrorSubject, m.Plan, t.count(m.Errors, "error")),
		Text:    text.String(), HTML: html.String(),
		Attachments: []Attachment{{Name: m.ErrorsFile, ContentType: "text/plain; charset=utf-8", Data: []byte(m.Text)}},
	}, nil
}

var errorHTML = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body style="font-family: Arial, 'Noto Sans CJK TC', sans-serif; font-size: 14px; color: #222">
<p>{{.Intro}}</p>
<pre style="background: #f6f6f6; padding: 8px">{{range .Lines}}{{.}}
{{end}}</pre>
{{if .More}}<p>{{.More}}</p>{{end}}
</body></html>
`))
