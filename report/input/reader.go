package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/transform"

	"linecost/pricing"
)

// Options say how to read plan files.
type Options struct {
	// Encoding of CSV files: "" to detect (a byte-order mark, else valid
	// UTF-8, else Big5), or "utf-8", "big5", "utf-16le", "utf-16be" (see
	// ParseEncoding). It does not apply to xlsx workbooks.
	Encoding string
	// Sheet of xlsx workbooks to read, matched case-insensitively; "" for
	// the first sheet (the leftmost tab). It does not apply to CSV files.
	Sheet string
	// Zone is the time zone the plans' send times are written in (the
	// region's: Asia/Taipei for Taiwan). BillingZone is the zone whose
	// calendar day LINE counts a message on (Asia/Tokyo; see
	// pricing.BillingTimeZone). A row with a send time is billed on the day
	// its moment falls on in BillingZone; rows without one keep their date.
	// With Zone nil, a send time is an error (its moment is unknown); with
	// BillingZone nil, a send is billed on its day in Zone.
	Zone, BillingZone *time.Location
	// Stdin is read for the path "-"; nil means os.Stdin. Unless it is a
	// file at its start, it is copied to a temporary file first (removed
	// when the reading is done), since every file is read twice.
	Stdin io.Reader
	// NotAfter, when set, makes a row dated after it an error (a far-future
	// typo such as 2205 for 2025 would budget every month up to it); the
	// message gives NotAfterReason, such as "5 years after today, 2026-12-01".
	NotAfter       time.Time
	NotAfterReason string
	// TempDir is where temporary files go (a copy of standard input, the
	// parts of an xlsx workbook); "" is os.TempDir().
	TempDir string
	// Columns name the column of a field whose header the reader does not
	// know (--column); they apply to every file, and a file without the
	// header or column named is an error.
	Columns []ColumnChoice
}

// Row is one valid plan row: one campaign send to one segment on one date.
type Row struct {
	File     string // the name as given on the command line
	Line     int    // CSV: physical line where the row starts (the header is line 1); xlsx: sheet row
	Account  string // from the account column, or the file's base name without extension
	Campaign string
	Segment  string    // "" when not given
	Date     time.Time // midnight UTC of the send date as written
	// Time is the send time of day as written, after midnight in
	// Options.Zone, when Timed: from the date cell or the time column.
	Time  time.Duration
	Timed bool
	// Billed is midnight UTC of the day LINE counts the send on: Date, or
	// for a timed row the day of its moment in Options.BillingZone, which
	// can be the next day (a send at 23:30 in Taipei is 00:30 in Japan).
	Billed   time.Time
	Friends  int64
	Blocked  int64 // a count; a percentage in the file is already applied
	Sends    int64 // 1 when not given
	Bubbles  int64 // 1 when not given
	Channel  pricing.Channel
	Messages int64 // billable messages: pricing.Send{...}.Messages()
}

// Month is the calendar month LINE bills the row in: the month of Billed
// (of Date for a Row made by hand, without Billed).
func (r Row) Month() pricing.Month {
	if r.Billed.IsZero() {
		return pricing.MonthOf(r.Date)
	}
	return pricing.MonthOf(r.Billed)
}

// Send is the row as pricing counts it.
func (r Row) Send() pricing.Send {
	return pricing.Send{Friends: r.Friends, Blocked: r.Blocked, Sends: r.Sends, Bubbles: r.Bubbles, Channel: r.Channel}
}

// FileInfo describes one plan file as it was read.
type FileInfo struct {
	File      string `json:"file"`            // the name as given on the command line
	Encoding  string `json:"encoding"`        // utf-8, utf-8-bom, big5, utf-16le, utf-16be, or xlsx
	Delimiter string `json:"delimiter"`       // ",", "\t" or ";"; "" for xlsx
	Sheet     string `json:"sheet,omitempty"` // the sheet read; "" for CSV
	Rows      int    `json:"rows"`            // valid rows
	Accounts  int    `json:"accounts"`        // distinct accounts among the valid rows
	Months    int    `json:"months"`          // distinct months among the valid rows
	Messages  int64  `json:"messages"`        // billable messages of the valid rows
	SHA256    string `json:"sha256"`          // hex digest of the file's raw bytes
	// Defaults are the optional columns the file lacks, whose default
	// every row takes: made visible wherever the file is reported.
	Defaults []Default `json:"defaults,omitempty"`
	// TitleRows are the rows above the header, skipped.
	TitleRows []TitleRow `json:"title_rows,omitempty"`
	// TotalRows are the lines of totals rows (合計, Total), skipped.
	TotalRows []int `json:"total_rows,omitempty"`
}

// Default is an optional column a file lacks, and the value its rows take.
type Default struct {
	Column string `json:"column"` // the column's English name: sends
	Value  string `json:"value"`  // what every row takes: 1
}

// String says what the default means: "no sends column: every row is
// sent once (sends 1)".
func (d Default) String() string {
	switch d.Column {
	case "sends":
		return "no sends column: every row is sent once (sends 1)"
	case "bubbles":
		return "no bubbles column: every send is 1 bubble (bubbles 1)"
	case "blocked":
		return "no blocked column: no friend has blocked the account (blocked 0)"
	case "channel":
		return "no channel column: every row is sent from OA Manager (channel manager)"
	case "account":
		return fmt.Sprintf("no account column: every row is account %q, the file's name", d.Value)
	}
	return fmt.Sprintf("no %s column: every row takes %s", d.Column, d.Value)
}

// Chinese is String in Traditional Chinese.
func (d Default) Chinese() string {
	switch d.Column {
	case "sends":
		return "沒有發送次數欄：每列發送一次（sends 1）"
	case "bubbles":
		return "沒有對話框數欄：每次發送 1 個對話框（bubbles 1）"
	case "blocked":
		return "沒有封鎖數欄：視為沒有好友封鎖（blocked 0）"
	case "channel":
		return "沒有發送方式欄：每列視為由 OA 後台發送（channel manager）"
	case "account":
		return fmt.Sprintf("沒有帳號欄：每列屬於以檔名命名的帳號 %q", d.Value)
	}
	return fmt.Sprintf("沒有 %s 欄：每列取 %s", d.Column, d.Value)
}

// ReadFiles reads plan files in order and calls fn with each valid row,
// in file order, one at a time: no file is held in memory as rows.
//
// Bad rows do not stop the reading: every problem in every file is
// collected and, after the last file, returned as Errors, sorted by file
// (in the order given) and then by position; fn has by then been called
// for the valid rows. Warnings, sorted the same way, are returned, never
// printed. Any other error stops the reading at once and is returned as
// it is: a file that cannot be opened or read (an *os.PathError or the
// like), a bad Options.Encoding, "-" given twice, or an error returned by
// fn (no further row is passed to fn after it).
//
// The path "-" is standard input (Options.Stdin). A file is an xlsx
// workbook when its content starts like one (a zip archive), whatever its
// name; anything else is delimited text.
func ReadFiles(paths []string, opts Options, fn func(Row) error) ([]FileInfo, []Warning, error) {
	asked, err := ParseEncoding(opts.Encoding)
	if err != nil {
		return nil, nil, err
	}
	if n := slices.Index(paths, "-"); n >= 0 && slices.Contains(paths[n+1:], "-") {
		return nil, nil, errors.New(`standard input ("-") given more than once`)
	}
	var (
		infos []FileInfo
		warns []Warning
		errs  Errors
		names = newAccountNames()
	)
	same := sameFiles(paths)
	for i, path := range paths {
		if j, ok := same[i]; ok {
			errs = append(errs, &Error{File: path, Message: fmt.Sprintf("the same file as %s, given before it: it would be counted twice (give it once)", paths[j])})
			continue
		}
		r := &fileReader{file: path, fileAccount: accountOf(path), asked: asked, sheet: opts.Sheet, fn: fn,
			zone: opts.Zone, billingZone: opts.BillingZone,
			notAfter: opts.NotAfter, notAfterWhy: opts.NotAfterReason, tempDir: opts.TempDir,
			columns: opts.Columns, names: names, accounts: map[string]bool{}, months: map[pricing.Month]bool{}}
		info, err := r.read(opts.Stdin)
		if info.File != "" {
			infos = append(infos, info)
		}
		slices.SortStableFunc(r.warns, func(a, b Warning) int { return a.Line - b.Line })
		warns = appendAll(warns, r.warns)
		slices.SortStableFunc(r.errs, func(a, b *Error) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Column - b.Column
		})
		errs = appendAll(errs, r.errs)
		if err != nil {
			return infos, warns, err
		}
	}
	warns = append(warns, sameContent(infos)...)
	if spelled := names.warnings(); len(spelled) > 0 {
		// In their place among the others: by file as given, then line.
		order := map[string]int{}
		for i, p := range paths {
			if _, ok := order[p]; !ok {
				order[p] = i
			}
		}
		warns = append(warns, spelled...)
		slices.SortStableFunc(warns, func(a, b Warning) int {
			if a.File != b.File {
				return order[a.File] - order[b.File]
			}
			return a.Line - b.Line
		})
	}
	if len(errs) > 0 {
		return infos, warns, errs
	}
	return infos, warns, nil
}

// sameFiles maps the index of every path that names a file given before
// it (./b.csv after b.csv, a link to it) to the first one.
func sameFiles(paths []string) map[int]int {
	same := map[int]int{}
	stats := make([]os.FileInfo, len(paths))
	for i, p := range paths {
		if p == "-" {
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			continue // read reports it
		}
		stats[i] = st
		for j := range i {
			if stats[j] != nil && os.SameFile(stats[j], st) {
				same[i] = j
				break
			}
		}
	}
	return same
}

// sameContent warns about two different files with the same bytes: most
// likely a copy, counted twice.
func sameContent(infos []FileInfo) []Warning {
	var warns []Warning
	first := map[string]string{}
	for _, in := range infos {
		if f, ok := first[in.SHA256]; ok {
			warns = append(warns, Warning{File: in.File, Message: fmt.Sprintf("the same content as %s (SHA-256 %s): both are counted; leave one out if it is a copy", f, in.SHA256[:12]),
				Chinese: fmt.Sprintf("內容與 %s 相同（SHA-256 %s）：兩者都計入；若是副本請只留一個", f, in.SHA256[:12])})
			continue
		}
		first[in.SHA256] = in.File
	}
	return warns
}

// fileReader reads one file.
type fileReader struct {
	file        string
	fileAccount string // the account of rows when there is no account column: accountOf(file)
	asked       string // encoding asked for, "" to detect
	sheet       string
	zone        *time.Location // Options.Zone
	billingZone *time.Location // Options.BillingZone
	columns     []ColumnChoice
	names       *accountNames // across the files of the run
	fn          func(Row) error
	notAfter    time.Time // see Options.NotAfter
	notAfterWhy string
	tempDir     string

	info     FileInfo
	accounts map[string]bool
	months   map[pricing.Month]bool
	errs     []*Error
	warns    []Warning
	fnErr    error
}

// defaults lists the optional columns the header lacks.
func (r *fileReader) defaults(t *table) []Default {
	var ds []Default
	for _, d := range []struct {
		f     int
		value string
	}{{fAccount, r.fileAccount}, {fSends, "1"}, {fBubbles, "1"}, {fChannel, pricing.Manager.String()}, {fBlocked, "0"}} {
		if t.fieldCol[d.f] < 0 {
			ds = append(ds, Default{Column: columns[d.f].Name, Value: d.value})
		}
	}
	return ds
}

func (r *fileReader) read(stdin io.Reader) (FileInfo, error) {
	f, err := open(r.file, stdin, r.tempDir)
	if err != nil {
		return FileInfo{}, err
	}
	defer f.Close()
	scan, err := scanFile(f)
	if err != nil {
		return FileInfo{}, fmt.Errorf("read %s: %w", r.file, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return FileInfo{}, fmt.Errorf("read %s: %w", r.file, err)
	}
	r.info = FileInfo{File: r.file, SHA256: scan.sha256}
	switch {
	case bytes.HasPrefix(scan.head, []byte("PK\x03\x04")):
		err = r.readXLSX(f)
	case bytes.HasPrefix(scan.head, []byte("\xD0\xCF\x11\xE0")):
		r.fileError("an old-style .xls workbook, or a password-protected one: save it as .xlsx or as CSV UTF-8")
	case isWorkbookName(r.file):
		r.fileError("not an xlsx workbook (it is not a zip archive)")
	default:
		err = r.readCSV(f, scan)
	}
	if err == nil {
		err = r.fnErr
	}
	r.info.Accounts, r.info.Months = len(r.accounts), len(r.months)
	return r.info, err
}

func isWorkbookName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".xlsx" || ext == ".xlsm"
}

// fileError records a problem with the whole file.
func (r *fileReader) fileError(msg string) {
	r.errs = append(r.errs, &Error{File: r.file, Message: msg})
}

func (r *fileReader) readCSV(f io.Reader, scan scan) error {
	enc, problem := chooseEncoding(scan.head, scan.validUTF8, scan.nulLine > 0, r.asked)
	r.info.Encoding = enc.name
	if problem != "" {
		line := 1
		if enc.name == "" {
			line = scan.nulLine
		}
		r.errs = append(r.errs, &Error{File: r.file, Line: line, Column: 1, Message: problem})
		return nil
	}
	if _, err := io.CopyN(io.Discard, f, int64(enc.skip)); err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	name := strings.TrimSuffix(enc.name, "-bom")
	t := &table{file: r.file, encoding: name, columns: r.columns}
	text := f
	if name == UTF8 && scan.validUTF8 {
		// Decoding valid UTF-8 as UTF-8 would copy it as it is; and if
		// the file has no NUL and no U+FFFD, no cell has either.
		t.allReadable = scan.nulLine == 0 && !scan.fffd
	} else {
		text = transform.NewReader(f, enc.enc.NewDecoder())
	}
	src, err := newCSVSource(text)
	if err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	r.info.Delimiter = string(src.comma)
	t.src = src
	return r.decode(t)
}

func (r *fileReader) readXLSX(f seekFile) error {
	r.info.Encoding = XLSX
	src, problem, err := openSheet(f, r.sheet, r.tempDir)
	if err != nil {
		return fmt.Errorf("read %s: %w", r.file, err)
	}
	if problem != "" {
		r.fileError(problem)
		return nil
	}
	defer src.close()
	r.info.Sheet = src.sheet
	return r.decode(&table{file: r.file, src: src, cellRef: src.cellRef, columns: r.columns})
}

// decode reads the table batch by batch (see readBatch) and builds a Row
// from every record.
func (r *fileReader) decode(t *table) error {
	err := t.readHeader()
	headerOK := err == nil
	r.info.TitleRows = t.titles
	if headerOK {
		r.info.Defaults = r.defaults(t)
	}
	for err == nil {
		var (
			recs []record
			raws []rawRecord
		)
		recs, raws, err = t.readBatch()
		for i := range recs {
			if !r.take(t, &recs[i], &raws[i]) {
				// The rest of the batch was read ahead of fn: drop the
				// warnings of its records, so that the warnings returned
				// are those of the rows up to this one, as fn saw them.
				row := raws[i].line
				t.warns = slices.DeleteFunc(t.warns, func(w Warning) bool { return w.Line > row })
				err = r.fnErr
				break
			}
		}
	}
	if headerOK && err == io.EOF && r.info.Rows == 0 && len(t.errs) == 0 {
		t.errorAt(position{t.header.line, 1}, "", "no campaign rows below the header", rowText(t.header.cells))
	}
	r.errs = appendAll(r.errs, t.errs)
	r.warns = appendAll(r.warns, t.warns)
	if err == io.EOF || err == errBadHeader || err == r.fnErr {
		return nil
	}
	return fmt.Errorf("read %s: %w", r.file, err)
}

// take builds the Row of one record and passes it to fn if it is valid.
// It reports false when fn failed (the error is in r.fnErr).
func (r *fileReader) take(t *table, rec *record, raw *rawRecord) bool {
	if r.totalsRow(t, rec, raw) {
		return true
	}
	row, ok := r.build(t, rec, raw)
	if !ok {
		return true
	}
	row.Account = r.names.canonical(row.Account, r.file, row.Line)
	if err := r.fn(row); err != nil {
		r.fnErr = err
		return false
	}
	r.info.Rows++
	r.info.Messages += row.Messages
	r.accounts[row.Account] = true
	r.months[row.Month()] = true
	return true
}

// appendAll is append(dst, src...), but returns src itself when dst is
// empty: a plan may have a warning on every row, and copying them from
// table to file to run is a cost seen in profiles.
func appendAll[T any](dst, src []T) []T {
	if len(dst) == 0 {
		return src
	}
	return append(dst, src...)
}
