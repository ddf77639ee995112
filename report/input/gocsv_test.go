package input

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gocarina/gocsv"
)

// The reader binds the cells of a record to its fields itself (table.bind)
// since gocsv's binding was the largest cost of reading a plan. The tests
// below hold bind to gocsv: the same header and cells must give the same
// record through gocsv.UnmarshalDecoder, which the reader called until
// then, with the settings it used.

func init() {
	gocsv.TagName = "csv"
	gocsv.TagSeparator = ","
	gocsv.SetHeaderNormalizer(normalizeHeader)
	gocsv.FailIfUnmatchedStructTags = false
	gocsv.FailIfDoubleHeaderNames = false
	gocsv.ShouldAlignDuplicateHeadersWithStructFieldOrder = false
}

// UnmarshalCSVWithFields implements gocsv.TypeUnmarshalCSVWithFields, as
// record did when gocsv bound it: gocsv hands over every cell with the
// header of its column, normalized, and the cell goes to the field whose
// csv tag names that header.
func (r *record) UnmarshalCSVWithFields(header, text string) error {
	if f, ok := fieldOf[header]; ok {
		return r.set(f, text)
	}
	return nil
}

// gocsvRows is a batch as gocsv reads it (a gocsv.Decoder).
type gocsvRows [][]string

func (b gocsvRows) GetCSVRows() ([][]string, error) { return b, nil }

// gocsvBind binds raws as the reader did with gocsv: the header gives each
// column its field's name ("" when ignored), and the cells past the
// header stay out.
func gocsvBind(t *table, raws []rawRecord) ([]record, error) {
	bound := make([]string, len(t.header.cells))
	for i, f := range t.colField {
		if f >= 0 {
			bound[i] = columns[f].Name
		}
	}
	rows := gocsvRows{bound}
	for _, r := range raws {
		rows = append(rows, r.cells[:min(len(r.cells), len(t.header.cells))])
	}
	recs := make([]record, len(raws))
	err := gocsv.UnmarshalDecoder(rows, &recs)
	return recs, err
}

// compareWithGocsv reads the table batch by batch and checks that every
// record bind made is the one gocsv makes of the same cells. It returns
// the number of records compared.
func compareWithGocsv(t *testing.T, name string, tb *table) int {
	t.Helper()
	if err := tb.readHeader(); err != nil {
		return 0
	}
	n := 0
	for {
		recs, raws, err := tb.readBatch()
		if len(recs) > 0 {
			want, gerr := gocsvBind(tb, raws)
			if gerr != nil {
				t.Fatalf("%s: gocsv: %v", name, gerr)
			}
			for i := range recs {
				if !reflect.DeepEqual(recs[i], want[i]) {
					t.Errorf("%s:%d: bind made\n%+v\ngocsv makes\n%+v", name, raws[i].line, recs[i], want[i])
				}
			}
			n += len(recs)
		}
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// csvTable is the table of UTF-8 text as the reader makes it.
func csvTable(t *testing.T, name, text string, choices []ColumnChoice) *table {
	t.Helper()
	src, err := newCSVSource(strings.NewReader(strings.TrimPrefix(text, "\uFEFF")))
	if err != nil {
		t.Fatal(err)
	}
	return &table{file: name, encoding: UTF8, src: src, columns: choices}
}

func TestBindAsGocsv(t *testing.T) {
	var long strings.Builder
	long.WriteString("channel,friends,,date,campaign,備註,blocked,account\n")
	for i := range 3*batchSize + 7 {
		switch i % 5 { // 5, not a divisor of batchSize: the rows of a slot differ from batch to batch
		case 0: // every cell, and more past the header
			fmt.Fprintf(&long, "api,%d,x,2025-01-%02d,c%d,n,%d%%,a%d,extra,more\n", i, i%28+1, i, i%100, i%3)
		case 1: // a short row: the fields past it keep nothing from the row before
			fmt.Fprintf(&long, "push,%d\n", i)
		case 2: // empty and bad cells
			fmt.Fprintf(&long, ",,,,c%d,,x,\n", i)
		case 3:
			fmt.Fprintf(&long, "後台,\"1,%03d\",,114/1/15,c,,,ａ%d\n", i%1000, i)
		default: // shorter still
			long.WriteString("manager\n")
		}
	}
	tests := []struct {
		name, text string
		choices    []ColumnChoice
	}{
		{"long.csv", long.String(), nil},
		{"choices.csv", "日期,活動,推送人數,推播數,時間\n2025/1/15,a,10,2,20:30\n2025/1/16,b,20\n",
			[]ColumnChoice{{Field: "friends", Header: "推送人數"}, {Field: "sends", Header: "D"}}},
		{"tabs.csv", "date\tcampaign\tfriends\tbubbles\n2025-01-15\ta\t1\t4\n\t\t\t\n2025-01-15\tb\n", nil},
	}
	for _, tt := range tests {
		if n := compareWithGocsv(t, tt.name, csvTable(t, tt.name, tt.text, tt.choices)); n == 0 {
			t.Errorf("%s: no record compared", tt.name)
		}
	}
}

// TestBindAsGocsvGoldens compares bind with gocsv over the plans of the
// golden cases: the UTF-8 ones and the workbooks.
func TestBindAsGocsvGoldens(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/check/*/*")
	compared := 0
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "want.") || name == "args" {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".xlsx") {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			src, problem, err := openSheet(f, "", t.TempDir())
			if err == nil && problem == "" {
				compared += compareWithGocsv(t, path, &table{file: path, src: src, cellRef: src.cellRef})
				src.close()
			}
			f.Close()
			continue
		}
		if scan, err := scanFile(strings.NewReader(string(b))); err == nil && scan.validUTF8 && scan.nulLine == 0 {
			compared += compareWithGocsv(t, path, csvTable(t, path, string(b), nil))
		}
	}
	if compared < 100 {
		t.Errorf("%d records compared; the golden cases have more", compared)
	}
}
