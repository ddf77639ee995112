package input

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

func TestReadStopsWhenFnFails(t *testing.T) {
	var plan strings.Builder
	plan.WriteString("date,campaign,friends\n")
	for i := range 100 {
		fmt.Fprintf(&plan, "2025-01-15,c%d,%d\n", i, i+1)
	}
	t.Chdir(t.TempDir())
	os.WriteFile("a.csv", []byte(plan.String()), 0o644)
	os.WriteFile("b.csv", []byte(plan.String()), 0o644)
	stop := errors.New("disk full")
	calls := 0
	infos, _, err := ReadFiles([]string{"a.csv", "b.csv"}, Options{}, func(r Row) error {
		calls++
		if r.Line == 11 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("err = %v; want fn's error as it is", err)
	}
	if calls != 10 {
		t.Errorf("fn called %d times; want 10 (no call after it failed)", calls)
	}
	if len(infos) != 1 || infos[0].Rows != 9 {
		t.Errorf("infos = %+v; want a.csv with the 9 rows fn accepted", infos)
	}
}

func TestReadCollectsAllFilesBeforeFailing(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("a.csv", []byte("date,campaign,friends\n2025-01-15,a,x\n2025-01-15,a,1\n"), 0o644)
	os.WriteFile("b.csv", []byte("date,campaign\n"), 0o644)
	os.WriteFile("c.csv", []byte("date,campaign,friends\n2025-01-15,c,2\n2025-01-15,c,-2\n"), 0o644)
	var lines []string
	infos, _, err := ReadFiles([]string{"c.csv", "b.csv", "a.csv"}, Options{}, func(r Row) error {
		lines = append(lines, fmt.Sprintf("%s:%d", r.File, r.Line))
		return nil
	})
	want := "c.csv:3:14: friends: must not be negative: \"-2\"\n" +
		"b.csv:1:1: the header row is missing required column \"friends\" (or 好友數, 目標好友數, 目標人數, …); --column FIELD=HEADER names another header: \"date | campaign\"\n" +
		"a.csv:2:14: friends: not a whole number: \"x\""
	if err == nil || err.Error() != want {
		t.Errorf("err:\n%v\nwant:\n%s", err, want)
	}
	if got := fmt.Sprint(lines); got != "[c.csv:2 a.csv:3]" {
		t.Errorf("valid rows %s; want [c.csv:2 a.csv:3]", got)
	}
	if len(infos) != 3 {
		t.Errorf("%d infos; want one per file", len(infos))
	}
}

func TestReadFailures(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("ok.csv", []byte("date,campaign,friends\n"), 0o644)
	os.Mkdir("dir", 0o755)
	fn := func(Row) error { return nil }
	tests := []struct {
		paths []string
		opts  Options
		want  string
	}{
		{[]string{"ok.csv", "missing.csv"}, Options{}, "open missing.csv: no such file or directory"},
		{[]string{"dir"}, Options{}, "read dir: is a directory"},
		{[]string{"ok.csv"}, Options{Encoding: "latin1"}, `unknown encoding "latin1" (want utf-8, big5, utf-16le or utf-16be)`},
		{[]string{"-", "ok.csv", "-"}, Options{}, `standard input ("-") given more than once`},
		{[]string{"-"}, Options{Stdin: failingReader{}}, "read standard input: pipe broke"},
	}
	for _, tt := range tests {
		_, _, err := ReadFiles(tt.paths, tt.opts, fn)
		var errs Errors
		if err == nil || err.Error() != tt.want || errors.As(err, &errs) {
			t.Errorf("ReadFiles(%q) = %v; want the failure %q, not input errors", tt.paths, err, tt.want)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("pipe broke") }

func TestReadStdin(t *testing.T) {
	var rows []Row
	infos, _, err := ReadFiles([]string{"-"}, Options{Stdin: strings.NewReader("date,campaign,friends\n2025-01-15,a,3\n")}, func(r Row) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil || len(rows) != 1 || rows[0].File != "-" || rows[0].Account != "stdin" || infos[0].File != "-" {
		t.Errorf("rows %+v, infos %+v, err %v", rows, infos, err)
	}
}

func TestReadPipe(t *testing.T) {
	// A path that cannot seek (a named pipe, <(cmd) in a shell) is copied
	// to a temporary file first.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		io.WriteString(w, "date,campaign,friends\n2025-01-15,a,3\n")
		w.Close()
	}()
	path := fmt.Sprintf("/dev/fd/%d", r.Fd())
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /dev/fd:", err)
	}
	infos, _, err := ReadFiles([]string{path}, Options{}, func(Row) error { return nil })
	if err != nil || len(infos) != 1 || infos[0].Rows != 1 {
		t.Errorf("infos %+v, err %v", infos, err)
	}
}

func TestErrorsText(t *testing.T) {
	var es Errors
	for i := range 52 {
		es = append(es, &Error{File: "p.csv", Line: i + 2, Column: 3, Field: "friends", Message: "not a whole number", Text: "x"})
	}
	lines := strings.Split(es.Error(), "\n")
	if len(lines) != MaxShown+1 || lines[0] != `p.csv:2:3: friends: not a whole number: "x"` || lines[MaxShown] != "... and 2 more errors" {
		t.Errorf("Errors.Error() = %d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	if got := es[:51].Error(); !strings.HasSuffix(got, "\n... and 1 more error") {
		t.Errorf("51 errors end %q", got[len(got)-40:])
	}
	if got := es[:50].Error(); strings.Contains(got, "more") {
		t.Errorf("50 errors mention more: %q", got[len(got)-40:])
	}
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "p.xlsx", Line: 5, Column: 3, Cell: "Sheet1!C5", Field: "friends", Message: "not a whole number", Text: "12x"}, `p.xlsx:Sheet1!C5: friends: not a whole number: "12x"`},
		{Error{File: "p.csv", Line: 1, Column: 1, Message: "no header row: the file is empty"}, "p.csv:1:1: no header row: the file is empty"},
		{Error{File: "p.xls", Message: "an old-style .xls workbook"}, "p.xls: an old-style .xls workbook"},
		{Error{File: "p.csv", Line: 2, Column: 9, Field: "活動", Message: "bad", Text: "a\"b\n"}, `p.csv:2:9: 活動: bad: "a\"b\n"`},
		// A header cell of two lines (found by FuzzRead): the error stays one line.
		{Error{File: "p.csv", Line: 3, Column: 18, Field: "bl\nocked", Message: "bad", Text: "x"}, `p.csv:3:18: "bl\nocked": bad: "x"`},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q; want %q", got, tt.want)
		}
	}
	if got := (Warning{File: "p.csv", Line: 7, Message: "note"}).String(); got != "p.csv:7: note" {
		t.Errorf("Warning.String() = %q", got)
	}
}

func TestWarnings(t *testing.T) {
	plan := "date,campaign,segment,friends,bubbles,channel,備註,預算,,\n" +
		"2025-01-15,a,vip,0,1,api,,,,\n" +
		"2025-01-15,b,,0,6,api,,,extra,\n" +
		"2025-01-15,c,,5,4,manager,,,,more\n" +
		"2025-01-15,d,,5,1,manager,,,again,,,late\n"
	_, warns, err := readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.String())
	}
	want := []string{
		`plan.csv:1: ignored unknown columns: "備註" (column 7), "預算" (column 8)`,
		`plan.csv:2: friends: segment "vip" has 0 friends: no messages billed`,
		`plan.csv:3: ignored data in column 9, which has no header: "extra"`,
		`plan.csv:3: bubbles: 6 bubbles are over the api limit of 5 per send: counted as 2 sends each`,
		`plan.csv:3: friends: the row has 0 friends: no messages billed`,
		`plan.csv:4: ignored data in column 10, which has no header: "more"`,
		`plan.csv:4: bubbles: 4 bubbles are over the manager limit of 3 per send: counted as 2 sends each`,
		`plan.csv:5: ignored data in column 12, which has no header: "late"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOverLimitWarnings: the texts of the warning about bubbles over the
// channel's limit are made once per kind and reused (see overLimit); every
// row still gets its own count, channel and limit, past the kinds kept
// too, in English and in Chinese.
func TestOverLimitWarnings(t *testing.T) {
	plan := "date,campaign,friends,bubbles,channel\n"
	type over struct {
		bubbles int
		channel string
	}
	var want []over
	for i := range 3 * maxOverLimitTexts {
		o := over{4 + i%(2*maxOverLimitTexts), []string{"manager", "api"}[i%3%2]}
		if o.channel == "api" && o.bubbles <= 5 {
			o.bubbles += 5
		}
		plan += fmt.Sprintf("2025-01-15,c,1,%d,%s\n", o.bubbles, o.channel)
		want = append(want, o)
	}
	_, warns, err := readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != len(want) {
		t.Fatalf("%d warnings; want %d", len(warns), len(want))
	}
	for i, w := range warns {
		o := want[i]
		limit := map[string]int{"manager": 3, "api": 5}[o.channel]
		sends := (o.bubbles + limit - 1) / limit
		en := fmt.Sprintf("bubbles: %d bubbles are over the %s limit of %d per send: counted as %d sends each", o.bubbles, o.channel, limit, sends)
		zh := fmt.Sprintf("bubbles：%d 個對話框超過 %s 每次發送 %d 個的上限：每次以 %d 次發送計算", o.bubbles, o.channel, limit, sends)
		if w.Line != i+2 || w.Message != en || w.Chinese != zh {
			t.Errorf("warning %d: %d %q %q; want line %d %q %q", i, w.Line, w.Message, w.Chinese, i+2, en, zh)
		}
	}
}

// BenchmarkReadFiles measures rows per second through the whole reader:
// decoding, gocsv binding, validation.
func BenchmarkReadFiles(b *testing.B) {
	var plan strings.Builder
	plan.WriteString("date,account,campaign,segment,friends,sends,bubbles,channel,blocked\n")
	const rows = 10000
	for i := range rows {
		fmt.Fprintf(&plan, "2025/%d/15,咖啡店,春節促銷 %d,全體,\"12,000\",1,4,後台,10%%\n", i%12+1, i)
	}
	path := b.TempDir() + "/plan.csv"
	os.WriteFile(path, []byte(plan.String()), 0o644)
	b.SetBytes(int64(plan.Len()))
	for b.Loop() {
		n := 0
		if _, _, err := ReadFiles([]string{path}, Options{}, func(Row) error { n++; return nil }); err != nil || n != rows {
			b.Fatal(err, n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
