package input

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "utf-8": UTF8, "UTF8": UTF8, "big5": Big5, "CP950": Big5, "Big-5": Big5,
		"utf-16le": UTF16LE, "UTF16LE": UTF16LE, "utf-16be": UTF16BE, " utf-8 ": UTF8,
	} {
		if got, err := ParseEncoding(in); got != want || err != nil {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"latin1", "utf-16", "gbk", "utf-8-bom", "xlsx"} {
		if _, err := ParseEncoding(in); err == nil {
			t.Errorf("ParseEncoding(%q) accepted", in)
		}
	}
}

func TestChooseEncoding(t *testing.T) {
	tests := []struct {
		head          string
		valid, hasNUL bool
		asked         string
		want          string
		skip          int
		problem       string // a part of it
	}{
		{"date", true, false, "", UTF8, 0, ""},
		{"date", false, false, "", Big5, 0, ""},
		{"\xEF\xBB\xBFdate", true, false, "", UTF8BOM, 3, ""},
		{"\xEF\xBB\xBFdate", false, false, "", UTF8BOM, 3, ""}, // the BOM wins; bad bytes show up as errors
		{"\xFF\xFEd\x00", false, true, "", UTF16LE, 2, ""},
		{"\xFE\xFF\x00d", false, true, "", UTF16BE, 2, ""},
		{"d\x00a\x00", true, true, "", "", 0, "NUL bytes"},
		{"d\x00a\x00", true, true, UTF16LE, UTF16LE, 0, ""},
		{"\x00d\x00a", true, true, UTF16BE, UTF16BE, 0, ""},
		{"date", true, false, Big5, Big5, 0, ""},
		{"date", false, false, UTF8, UTF8, 0, ""},
		{"\xEF\xBB\xBFdate", true, false, UTF8, UTF8BOM, 3, ""},
		{"\xEF\xBB\xBFdate", true, false, Big5, UTF8BOM, 3, "--encoding is big5, but the file starts with a utf-8 byte-order mark"},
		{"\xFF\xFEd\x00", false, true, UTF8, UTF16LE, 2, "--encoding is utf-8, but the file starts with a utf-16le byte-order mark"},
		{"\xFF\xFEd\x00", false, true, UTF16BE, UTF16LE, 2, "utf-16le byte-order mark"},
	}
	for _, tt := range tests {
		enc, problem := chooseEncoding([]byte(tt.head), tt.valid, tt.hasNUL, tt.asked)
		if tt.problem != "" {
			if !strings.Contains(problem, tt.problem) {
				t.Errorf("chooseEncoding(%q, asked %q): problem %q; want %q", tt.head, tt.asked, problem, tt.problem)
			}
			continue
		}
		if enc.name != tt.want || enc.skip != tt.skip || problem != "" {
			t.Errorf("chooseEncoding(%q, valid %v, asked %q) = %s skip %d, %q; want %s skip %d",
				tt.head, tt.valid, tt.asked, enc.name, enc.skip, problem, tt.want, tt.skip)
		}
	}
}

// TestDetectWholeFile checks that the encoding is decided from the whole
// file: a Big5 file whose first 100 KB are ASCII is still Big5.
func TestDetectWholeFile(t *testing.T) {
	plan := "date,campaign,friends\n" + strings.Repeat("2025-01-15,ascii,1\n", 6000) + "2025-01-15,春節,1\n"
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := readText(t, "plan.csv", b, Options{})
	if err != nil || len(rows) != 6001 || rows[6000].Campaign != "春節" {
		t.Fatalf("%d rows, err %v", len(rows), err)
	}
	// A long file of three-byte characters crosses the scanner's 64 KB
	// reads in the middle of characters and is still valid UTF-8.
	plan = "date,campaign,friends\n2025-01-15," + strings.Repeat("春", 30000) + ",1\n"
	rows, _, err = readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil || len(rows) != 1 || rows[0].Campaign != strings.Repeat("春", 30000) {
		t.Fatalf("%d rows, err %v", len(rows), err)
	}
}

func TestScanFile(t *testing.T) {
	tests := []struct {
		data    string
		valid   bool
		nulLine int
	}{
		{"", true, 0},
		{"abc\n春節\n", true, 0},
		{"abc\xff", false, 0},
		{"abc\xe6\x98", false, 0}, // cut in the middle of a character
		{"a\nb\nc\x00", true, 3},
		{"\xff\xfed\x00", false, 1},
	}
	for _, tt := range tests {
		s, err := scanFile(strings.NewReader(tt.data))
		if err != nil || s.validUTF8 != tt.valid || s.nulLine != tt.nulLine {
			t.Errorf("scanFile(%q) = valid %v, NUL line %d, %v; want %v, %d", tt.data, s.validUTF8, s.nulLine, err, tt.valid, tt.nulLine)
		}
	}
	// Every split of a multi-byte character across reads.
	text := strings.Repeat("春", 3)
	for cut := range len(text) {
		s, _ := scanFile(&chunked{[]byte(text), cut})
		if !s.validUTF8 {
			t.Errorf("valid UTF-8 read in chunks cut at %d reported invalid", cut)
		}
	}
}

// chunked returns its data in two reads, cut at a given byte.
type chunked struct {
	data []byte
	cut  int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := len(c.data)
	if c.cut > 0 {
		n, c.cut = c.cut, 0
	}
	n = copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

func TestUTF16RoundTrip(t *testing.T) {
	plan := "date\tcampaign\tfriends\r\n2025-01-15\t\"a\tb\"\t3\r\n2025-01-16\t𝄞 emoji\t4\r\n"
	for _, e := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		b, _ := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(plan))
		rows, _, err := readText(t, "plan.txt", b, Options{})
		if err != nil || len(rows) != 2 || rows[0].Campaign != "a\tb" || rows[1].Campaign != "𝄞 emoji" || rows[1].Line != 3 {
			t.Errorf("endianness %v: rows %+v, err %v", e, rows, err)
		}
	}
}
