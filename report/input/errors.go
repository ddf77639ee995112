package input

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Error is one problem in a plan file, at a position a person can find.
type Error struct {
	File   string `json:"file"`           // the name as given on the command line
	Line   int    `json:"line"`           // CSV: physical line (1-based); xlsx: sheet row; 0 for a whole-file problem
	Column int    `json:"column"`         // CSV: character (not byte) column, 1-based; xlsx: column number (A = 1)
	Cell   string `json:"cell,omitempty"` // xlsx only: the cell, as Excel writes it: "Sheet1!C5"
	Field  string `json:"field"`          // the column header as written in the file; "" when the problem is not in one column
	Text   string `json:"text"`           // the offending text exactly as in the file; "" when there is none
	// Message says what is wrong, without position, header or text:
	// "not a whole number".
	Message string `json:"message"`
}

// Error formats e as file:line:column: header: message: "text", for
// example
//
//	plan.csv:5:23: friends: not a whole number: "12x"
//	plan.xlsx:Sheet1!C5: friends: not a whole number: "12x"
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Cell != "":
		fmt.Fprintf(&b, ":%s", e.Cell)
	case e.Line > 0:
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(headerText(e.Field))
		b.WriteString(": ")
	}
	b.WriteString(e.Detail())
	return b.String()
}

// headerText is a header as an error shows it: as written, or quoted when
// it holds a line break or another control character (a header cell of
// two lines), so that one error stays one line.
func headerText(h string) string {
	if strings.ContainsFunc(h, unicode.IsControl) {
		return strconv.Quote(h)
	}
	return h
}

// Detail is the message with the offending text: what the error says
// after the position and the header.
func (e *Error) Detail() string {
	if e.Text == "" {
		return e.Message
	}
	return e.Message + ": " + strconv.Quote(e.Text)
}

// MaxShown is how many errors Errors.Error lists before it counts the rest.
const MaxShown = 50

// Errors are all the problems found in one run, sorted by file (in the
// order the files were given) and then by position in the file.
type Errors []*Error

// Error lists the first MaxShown errors one per line, then
// "... and N more errors".
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i == MaxShown {
			fmt.Fprintf(&b, "\n... and %d more %s", len(es)-MaxShown, plural(len(es)-MaxShown, "error", "errors"))
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Warning is something in a plan that is counted but deserves a look:
// bubbles over the channel's limit, ignored columns, a segment with no
// friends.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line"` // CSV: physical line; xlsx: sheet row
	Message string `json:"message"`
	// Chinese is Message in Traditional Chinese, for --lang zh-TW; ""
	// when the reader has no translation. The JSON keeps the English.
	Chinese string `json:"-"`
}

// String formats w as file:line: message.
func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
