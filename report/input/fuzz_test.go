package input

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var fuzzEncodings = []string{"", UTF8, Big5, UTF16LE, UTF16BE}

// FuzzRead feeds arbitrary bytes to the reader, as standard input with
// each encoding option. Whatever the bytes, it must not panic; it fails
// only with Errors, each naming the file and a position inside the input
// (only a workbook can be wrong as a whole); rows come out in order and
// consistent with pricing; errors come out sorted.
func FuzzRead(f *testing.F) {
	for _, m := range malformed {
		f.Add([]byte(m.plan), uint8(0))
	}
	files, _ := filepath.Glob("../../testdata/check/*/*")
	for _, path := range files {
		if name := filepath.Base(path); strings.HasPrefix(name, "want.") || name == "args" {
			continue
		}
		if b, err := os.ReadFile(path); err == nil && len(b) < 1<<16 {
			f.Add(b, uint8(0))
		}
	}
	f.Add([]byte("date\tcampaign\tfriends\n2025-01-15\t\"a\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		opts := Options{Encoding: fuzzEncodings[int(enc)%len(fuzzEncodings)], Stdin: bytes.NewReader(data)}
		lastLine := 0
		maxLine := bytes.Count(data, []byte("\n")) + 1
		_, _, err := ReadFiles([]string{"-"}, opts, func(r Row) error {
			if r.File != "-" || r.Line < lastLine || r.Line < 1 || r.Line > maxLine {
				t.Errorf("row at %s:%d after line %d (input has %d lines)", r.File, r.Line, lastLine, maxLine)
			}
			lastLine = r.Line
			n, err := r.Send().Messages()
			if err != nil || n != r.Messages || r.Blocked > r.Friends || r.Sends < 1 || r.Bubbles < 1 {
				t.Errorf("row %+v: messages %d, %v", r, n, err)
			}
			if r.Date.Location() != time.UTC || !r.Date.Equal(r.Date.Truncate(24*time.Hour)) || r.Campaign == "" {
				t.Errorf("row %+v: date not midnight UTC, or no campaign", r)
			}
			return nil
		})
		if err == nil {
			return
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("error %T %v is not Errors", err, err)
		}
		workbook := bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0"))
		for i, e := range errs {
			switch {
			case e.File != "-" || e.Message == "":
				t.Errorf("error without a file or message: %+v", e)
			case e.Line == 0 && !workbook:
				t.Errorf("error without a position: %v", e)
			case e.Line != 0 && (e.Column < 1 || !workbook && e.Line > maxLine):
				t.Errorf("error outside the input (%d lines): %v", maxLine, e)
			case i > 0 && (errs[i-1].Line > e.Line || errs[i-1].Line == e.Line && errs[i-1].Column > e.Column):
				t.Errorf("errors out of order: %v before %v", errs[i-1], e)
			}
			if strings.Count(e.Error(), "\n") > strings.Count(e.Text, "\n") {
				t.Errorf("error text spans lines: %q", e.Error())
			}
		}
	})
}
