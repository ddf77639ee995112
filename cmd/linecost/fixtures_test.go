package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// The plan files under testdata/check that are not UTF-8 text are written
// here, from readable source, by `go test -update`; without -update the
// test checks that the committed bytes are still exactly what this code
// writes. (Test code may use excelize to build a workbook; only report/
// reads it in the product.)

// encodedFixtures are text files in another encoding.
var encodedFixtures = []struct {
	path, encoding, text string
}{
	// Excel "CSV" on Taiwanese Windows: Big5, CRLF.
	{"big5/plan.csv", "big5", "日期,帳號,活動名稱,目標分眾,好友數,發送次數,對話框數,發送方式,封鎖數\r\n" +
		"2025/1/15,咖啡店,春節促銷,全體,\"12,000\",1,3,後台,0\r\n" +
		"114/1/22,咖啡店,\"春節\r\n第二波\",熟客,800,2,4,後台,5%\r\n" +
		"民國114年2月3日,咖啡店,元宵,,3000,,,,\r\n"},
	// The same file, read with --encoding big5.
	{"big5-forced/plan.csv", "big5", "日期,活動,好友數\r\n2025/1/15,春節,100\r\n"},
	// Excel "Unicode text": UTF-16LE with a byte-order mark, tabs, CRLF;
	// a cell with a tab or a line break is quoted.
	{"utf16le-tab/plan.txt", "utf-16le-bom", "日期\t活動名稱\t好友數\t對話框數\t發送方式\r\n" +
		"2025/1/15\t\"春節\t促銷\"\t12,000\t3\t後台\r\n" +
		"2025/1/16\t\"兩行\r\n名稱\"\t500\t6\tapi\r\n" +
		"\t\t\t\t\r\n"},
	{"utf16be/plan.csv", "utf-16be-bom", "date,campaign,friends\r\n2025-01-15,春節,100\r\n"},
	// UTF-16 without a byte-order mark: --encoding says what it is.
	{"utf16le-no-bom/plan.txt", "utf-16le", "date\tcampaign\tfriends\r\n2025-01-15\t春節\t100\r\n"},
	// ... and without --encoding it is refused, not guessed.
	{"bad-utf16-no-bom/plan.txt", "utf-16le", "date\tcampaign\tfriends\r\n2025-01-15\t春節\t100\r\n"},
	// Big5 read as UTF-8 because --encoding says so.
	{"bad-big5-as-utf8/plan.csv", "big5", "date,campaign,friends\r\n2025-01-15,春節,100\r\n2025-01-16,Spring,200\r\n"},
}

// rawFixtures are bytes that no encoding writes: \xff is neither UTF-8
// nor Big5, so the file is read as Big5 and the cell with the bad byte is
// an error.
var rawFixtures = []struct {
	path string
	data []byte
}{
	{"bad-invalid-bytes/plan.csv", append(append(big5("date,campaign,friends\r\n2025-01-15,春節,100\r\n2025-01-16,"),
		0xA4, 0xFF), big5(",200\r\n")...)},
}

func big5(s string) []byte {
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func encode(t *testing.T, enc, text string) []byte {
	t.Helper()
	var (
		b   []byte
		err error
	)
	switch enc {
	case "big5":
		b, err = traditionalchinese.Big5.NewEncoder().Bytes([]byte(text))
	case "utf-16le-bom":
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case "utf-16be-bom":
		b, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case "utf-16le":
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
	default:
		t.Fatalf("unknown fixture encoding %q", enc)
	}
	if err != nil {
		t.Fatalf("encode %s: %v", enc, err)
	}
	return b
}

// workbookFixtures are the xlsx plans.
var workbookFixtures = []struct {
	path  string
	build func(*testing.T, *excelize.File)
}{
	{"xlsx/plan.xlsx", planWorkbook},
	{"xlsx-sheet/plan.xlsx", planWorkbook},
	{"bad-xlsx/plan.xlsx", badWorkbook},
	{"bad-xlsx-sheet/plan.xlsx", planWorkbook},
	{"xlsx-title-totals/plan.xlsx", titledWorkbook},
	{"bad-xlsx-look-alike/plan.xlsx", lookAlikeWorkbook},
	{"xlsx-column-flag/plan.xlsx", lookAlikeWorkbook}, // with --column sends=D
	{"bad-xlsx-header-only/plan.xlsx", headerOnlyWorkbook},
}

// headerOnlyWorkbook has a title and a header, and no row below it.
func headerOnlyWorkbook(t *testing.T, f *excelize.File) {
	x := &sheetWriter{t: t, f: f, sheet: "Sheet1"}
	x.row(1, "2025 plan")
	x.row(2, "date", "campaign", "friends")
}

// titledWorkbook is a plan the way marketing dresses one up: a title and a
// note above the header (with a blank row), the headers
// (推播次數, 則數, 封鎖率, LINE帳號), real date cells and numbers with a
// decimals format, account names spelled two ways, a subtotal and a
// total row.
func titledWorkbook(t *testing.T, f *excelize.File) {
	x := &sheetWriter{t: t, f: f, sheet: "Plan"}
	f.SetSheetName("Sheet1", "Plan")
	day := func(m, d int) time.Time { return time.Date(2025, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	x.row(1, "2025 年第一季 LINE 推播計畫")
	x.row(2, "製表：行銷部", "", "", "版本 3")
	x.row(4, "發送日期", "LINE帳號", "活動", "好友數 (人)", "推播次數", "則數", "封鎖率")
	x.row(5, day(1, 15), "咖啡店", "春節", 12000, 2, 2, 0.05)
	x.row(6, day(1, 28), "咖啡店", "尾牙", 3000, 1, 4, 0.1)
	x.row(7, "小計", "", "", 15000)
	x.row(8, day(2, 14), "ＣａｆｅＢ", "情人節", 800, 1, 1, 0)
	x.row(9, day(3, 8), "cafeb", "婦女節", 1200.0, 1, 1, 0)
	x.row(10, "", "合計", "", 32000)
	for _, c := range []string{"A5", "A6", "A8", "A9"} {
		x.style(c, &excelize.Style{NumFmt: 14})
	}
	for _, c := range []string{"D5", "D6", "D7", "D8", "D9", "D10"} {
		x.style(c, &excelize.Style{NumFmt: 4}) // #,##0.00
	}
	for _, c := range []string{"G5", "G6", "G8", "G9"} {
		x.style(c, &excelize.Style{NumFmt: 9})
	}
}

// lookAlikeWorkbook has a sends column under a header linecost does not
// know: an error, not a default of 1 send.
func lookAlikeWorkbook(t *testing.T, f *excelize.File) {
	x := &sheetWriter{t: t, f: f, sheet: "Sheet1"}
	x.row(1, "日期", "活動", "好友數", "推送 次數", "負責人")
	x.row(2, "2025/3/8", "春季", 12000, 2, "Amy")
}

// planWorkbook is a plan as finance keeps one in Excel: real date cells in
// several formats, numbers formatted with separators, a blocked share
// formatted as a percentage, a blank row, and a second sheet.
func planWorkbook(t *testing.T, f *excelize.File) {
	x := &sheetWriter{t: t, f: f, sheet: "計畫"}
	f.SetSheetName("Sheet1", "計畫")
	x.row(1, "日期", "帳號", "活動名稱", "目標分眾", "好友數", "發送次數", "對話框數", "發送方式", "封鎖")
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	// Row 2: default short date (numFmt 14), #,##0 friends, 12% blocked.
	x.row(2, day(2025, 1, 15), "咖啡店", "春節", "全體", 12000, 1, 3, "後台", 0.12)
	x.style("A2", &excelize.Style{NumFmt: 14})
	x.style("E2", &excelize.Style{NumFmt: 3})
	x.style("I2", &excelize.Style{NumFmt: 9})
	// Row 3: custom yyyy/m/d, friends with formula dust and a 2-decimal format.
	x.row(3, day(2025, 2, 3), "咖啡店", "元宵", "熟客", 3599.9999999999995, 2, 4, "api", 100)
	x.style("A3", &excelize.Style{CustomNumFmt: ptr("yyyy/m/d")})
	x.style("E3", &excelize.Style{NumFmt: 4})
	// Row 4: a date and a number typed as text.
	x.row(4, "114/3/1", "茶館", "春季", "", "８，０００", "", "", "", "")
	// Row 5 is blank. Row 6: a date-time cell, and an ROC date format.
	x.row(6, time.Date(2025, 3, 5, 20, 30, 0, 0, time.UTC), "茶館", "白色情人節", "全體", 900, 1, 1, "push", "5%")
	x.style("A6", &excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")})
	x.row(7, day(2025, 4, 4), "茶館", "兒童節", "全體", 1000, 1, 1, "後台", 0)
	x.style("A7", &excelize.Style{CustomNumFmt: ptr("[$-404]e/m/d")})

	y := &sheetWriter{t: t, f: f, sheet: "二月"}
	if _, err := f.NewSheet("二月"); err != nil {
		t.Fatal(err)
	}
	y.row(1, "date", "campaign", "friends")
	y.row(2, day(2025, 2, 14), "Valentine", 4000)
	y.style("A2", &excelize.Style{NumFmt: 14})
}

// badWorkbook has one problem per row, on a sheet whose name needs quotes.
func badWorkbook(t *testing.T, f *excelize.File) {
	x := &sheetWriter{t: t, f: f, sheet: "My Plan"}
	f.SetSheetName("Sheet1", "My Plan")
	x.row(1, "date", "campaign", "friends", "blocked")
	x.row(2, 45672, "date as a plain number", 100, 0)
	x.row(3, "2025/2/30", "impossible date", 100, 0)
	x.row(4, time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), "decimal friends", 12000.4, 0)
	x.style("A4", &excelize.Style{NumFmt: 14})
	x.row(5, "2025/1/15", "text friends", "12x", 0)
	x.row(6, "2025/1/15", "", 100, 0)
	x.row(7, "2025/1/15", "blocked over", 100, 1.5)
	x.style("D7", &excelize.Style{NumFmt: 9})
	x.row(8, "2025/1/15", "negative", -3, 0)
}

type sheetWriter struct {
	t     *testing.T
	f     *excelize.File
	sheet string
}

func (x *sheetWriter) row(n int, cells ...any) {
	x.t.Helper()
	for i, v := range cells {
		if v == "" {
			continue
		}
		name, _ := excelize.CoordinatesToCellName(i+1, n)
		if err := x.f.SetCellValue(x.sheet, name, v); err != nil {
			x.t.Fatal(err)
		}
	}
}

func (x *sheetWriter) style(cell string, s *excelize.Style) {
	x.t.Helper()
	id, err := x.f.NewStyle(s)
	if err == nil {
		err = x.f.SetCellStyle(x.sheet, cell, cell, id)
	}
	if err != nil {
		x.t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// fixtureFiles returns every generated fixture, by path under testdata/check.
func fixtureFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, e := range encodedFixtures {
		files[e.path] = encode(t, e.encoding, e.text)
	}
	for _, r := range rawFixtures {
		files[r.path] = r.data
	}
	for _, w := range workbookFixtures {
		f := excelize.NewFile()
		w.build(t, f)
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		files[w.path] = buf.Bytes()
	}
	return files
}

// writeFixtures writes the generated fixtures with -update, and otherwise
// checks that the committed ones are unchanged.
func writeFixtures(t *testing.T, dir string) {
	t.Helper()
	for path, data := range fixtureFiles(t) {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if *update {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(full)
		if err != nil {
			t.Errorf("%v (go test -update writes it)", err)
		} else if !bytes.Equal(got, data) && !strings.HasSuffix(path, ".xlsx") {
			// (A workbook's bytes may change with the excelize version while
			// its cells do not; the golden output checks the cells.)
			t.Errorf("%s is not what fixtures_test.go writes (go test -update rewrites it)", path)
		}
	}
}
