package input

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawXLSX builds a minimal workbook by hand, so that a test controls every
// byte of it: one sheet "Sheet1" with sheetXML as its sheetData content,
// shared strings sst (none when ""), and extra parts.
func rawXLSX(t testing.TB, sheetData, sst string, extra map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	sstType, sstRel := "", ""
	if sst != "" {
		sstType = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		sstRel = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	put("[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+sstType+`</Types>`))
	put("_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	put("xl/workbook.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	put("xl/_rels/workbook.xml.rels", []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+sstRel+`</Relationships>`))
	put("xl/worksheets/sheet1.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		sheetData+`</sheetData></worksheet>`))
	if sst != "" {
		put("xl/sharedStrings.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sst+`</sst>`))
	}
	for name, data := range extra {
		put(name, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inlineRows is sheet XML for a header and n plan rows, inline strings.
func inlineRows(n int, withR bool) string {
	var b strings.Builder
	row := func(i int, cells ...string) {
		if withR {
			fmt.Fprintf(&b, `<row r="%d">`, i)
		} else {
			b.WriteString(`<row>`)
		}
		for _, c := range cells {
			fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
		}
		b.WriteString(`</row>`)
	}
	row(1, "date", "campaign", "friends")
	for i := range n {
		row(i+2, "2025-01-15", fmt.Sprintf("c%d", i), "100")
	}
	return b.String()
}

// readXLSXBytes reads data as plan.xlsx and returns the rows read and the
// error.
func readXLSXBytes(t *testing.T, data []byte) (int, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rows := 0
	_, _, err := ReadFiles([]string{path}, Options{TempDir: dir}, func(Row) error { rows++; return nil })
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 1 {
		t.Errorf("temporary files left: %q", left)
	}
	return rows, err
}

// lower sets a bound for the test.
func lower[T any](t *testing.T, v *T, to T) {
	old := *v
	*v = to
	t.Cleanup(func() { *v = old })
}

func wantFileError(t *testing.T, err error, want string) {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) || len(es) != 1 || !strings.HasSuffix(es[0].File, "plan.xlsx") || es[0].Message != want {
		t.Errorf("got %v\nwant plan.xlsx: %s", err, want)
	}
}

// TestXLSXBrokenTag: `<c <<<` after row 5 of 10 dropped the rest: 4 rows
// read, exit 0. Now the whole sheet is an error with the row reached.
func TestXLSXBrokenTag(t *testing.T) {
	sheet := inlineRows(10, true)
	cut := strings.Index(sheet, `<row r="7">`)
	data := rawXLSX(t, sheet[:cut]+`<c <<<`+sheet[cut:], "", nil)
	rows, err := readXLSXBytes(t, data)
	if rows != 0 {
		t.Errorf("%d rows passed on", rows)
	}
	wantFileError(t, err, `sheet "Sheet1" is not well-formed XML after row 6 (the rest cannot be read): XML syntax error on line 1: expected attribute name in element`)
}

// TestXLSXUndefinedEntity: an undefined entity in a cell was read as an
// empty cell.
func TestXLSXUndefinedEntity(t *testing.T) {
	sheet := strings.Replace(inlineRows(2, true), "<t>c1</t>", "<t>&bogus;</t>", 1)
	_, err := readXLSXBytes(t, rawXLSX(t, sheet, "", nil))
	wantFileError(t, err, `sheet "Sheet1" is not well-formed XML after row 3 (the rest cannot be read): XML syntax error on line 1: invalid character entity &bogus;`)
}

// TestXLSXExtraEntry: a 3.1 MB file with a 3 GB extra zip entry passed
// 9 GB. Here the bound is 1 MiB and the extra entry 8 MiB: it is never
// read, and the plan is.
func TestXLSXExtraEntry(t *testing.T) {
	lower(t, &maxUnzipped, 1<<20)
	data := rawXLSX(t, inlineRows(3, true), "", map[string][]byte{"xl/media/image1.png": make([]byte, 8<<20)})
	rows, err := readXLSXBytes(t, data)
	if err != nil || rows != 3 {
		t.Errorf("%d rows, %v", rows, err)
	}
}

// TestXLSXBigCell: a 2.1 MB file with one 2 GB cell passed 9 GB. A cell
// past Excel's 32,767 characters is an error; and a sheet past the bound
// (here 1 MiB) stops at the bound.
func TestXLSXBigCell(t *testing.T) {
	sheet := strings.Replace(inlineRows(2, true), "<t>c1</t>", "<t>"+strings.Repeat("x", MaxCellChars+1)+"</t>", 1)
	_, err := readXLSXBytes(t, rawXLSX(t, sheet, "", nil))
	wantFileError(t, err, `sheet "Sheet1", row 3: a cell of more than 32767 characters (Excel's limit): not read`)

	lower(t, &maxUnzipped, 1<<20)
	sheet = strings.Replace(inlineRows(2, true), "<t>c1</t>", "<t>"+strings.Repeat("x", 4<<20)+"</t>", 1)
	_, err = readXLSXBytes(t, rawXLSX(t, sheet, "", nil))
	wantFileError(t, err, `sheet "Sheet1", row 3: a cell of more than 32767 characters (Excel's limit): not read`)
	sheet = inlineRows(40000, true) // 3.6 MiB of rows
	_, err = readXLSXBytes(t, rawXLSX(t, sheet, "", nil))
	wantFileError(t, err, `this xlsx expands to more than 1 MiB when unzipped (at xl/worksheets/sheet1.xml): not read`)
}

// TestXLSXSharedStrings: a 5.2 MB file with 2 GB of shared strings passed
// 9 GB; here 4 MiB of them against a bound of 1 MiB.
func TestXLSXSharedStrings(t *testing.T) {
	lower(t, &maxUnzipped, 1<<20)
	sst := strings.Repeat("<si><t>"+strings.Repeat("s", 1000)+"</t></si>", 4<<10)
	sheet := `<row r="1"><c t="s"><v>0</v></c></row>`
	_, err := readXLSXBytes(t, rawXLSX(t, sheet, sst, nil))
	wantFileError(t, err, `this xlsx expands to more than 1 MiB when unzipped (at xl/sharedStrings.xml): not read`)
	sst = "<si><t>" + strings.Repeat("s", MaxCellChars+1) + "</t></si>"
	_, err = readXLSXBytes(t, rawXLSX(t, sheet, sst, nil))
	wantFileError(t, err, `shared strings, item 1: a cell of more than 32767 characters (Excel's limit): not read`)
}

// TestXLSXRowBomb: 3 GB of rows without r=, and 2 GB of <row/>, ran past
// 300 s writing 2-3 GB of temporary files. A sheet has at most Excel's
// 1,048,576 rows (here lowered to 1,000).
func TestXLSXRowBomb(t *testing.T) {
	lower(t, &maxSheetRows, 1000)
	for name, sheet := range map[string]string{
		"no r=":  inlineRows(1500, false),
		"<row/>": strings.Repeat("<row/>", 5000),
	} {
		rows, err := readXLSXBytes(t, rawXLSX(t, sheet, "", nil))
		if rows != 0 {
			t.Errorf("%s: %d rows passed on", name, rows)
		}
		wantFileError(t, err, `sheet "Sheet1" has more than 1000 rows (Excel's limit): not read`)
	}
	rows, err := readXLSXBytes(t, rawXLSX(t, inlineRows(999, false), "", nil))
	if err != nil || rows != 999 {
		t.Errorf("999 rows without r=: %d rows, %v", rows, err)
	}
}

// TestRecordTooLong: a 200 MB line used 1.8 GB. One record is at most
// 1 MiB (here lowered to 64 KiB), an error at the line where it starts,
// with the rows before it read.
func TestRecordTooLong(t *testing.T) {
	lower(t, &maxRecordBytes, 64<<10)
	dir := t.TempDir()
	for name, long := range map[string]string{
		"one line":      strings.Repeat("x", 1<<20),
		"an open quote": `"` + strings.Repeat("many\nshort lines\n", 1<<15),
	} {
		path := filepath.Join(dir, "plan.csv")
		os.WriteFile(path, []byte("date,campaign,friends\n2025-01-15,a,1\n2025-01-16,"+long+",2\n2025-01-17,c,3\n"), 0o644)
		rows := 0
		_, _, err := ReadFiles([]string{path}, Options{}, func(Row) error { rows++; return nil })
		want := path + ":3:1: a row of more than 65536 bytes: a quote never closed, or not a plan? The rest of the file is not read"
		if err == nil || err.Error() != want || rows != 1 {
			t.Errorf("%s: %d rows, %v\nwant %s", name, rows, err, want)
		}
	}
}

// TestXLSXWorkbookElsewhere: the workbook part is found through the
// package's relationships, not only at xl/workbook.xml.
func TestXLSXWorkbookElsewhere(t *testing.T) {
	data := rawXLSX(t, inlineRows(2, true), "", nil)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		name := f.Name
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		switch name {
		case "xl/workbook.xml":
			name = "xl/book.xml"
		case "xl/_rels/workbook.xml.rels":
			name = "xl/_rels/book.xml.rels"
		case "_rels/.rels":
			body = bytes.ReplaceAll(body, []byte("xl/workbook.xml"), []byte("/xl/book.xml"))
		case "[Content_Types].xml":
			body = bytes.ReplaceAll(body, []byte("/xl/workbook.xml"), []byte("/xl/book.xml"))
		}
		w, _ := zw.Create(name)
		w.Write(body)
	}
	zw.Close()
	rows, err := readXLSXBytes(t, buf.Bytes())
	if err != nil || rows != 2 {
		t.Errorf("%d rows, %v", rows, err)
	}
}
