package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzXLSX feeds arbitrary bytes to the reader as a workbook, plan.xlsx,
// with the bounds of xlsxparts.go lowered so that a bomb shows within a
// run. Whatever the bytes, it must not panic; it fails only with Errors
// that name the file; the rows it passes on are valid; and no temporary
// file is left (the copy of the parts, excelize's spill files).
func FuzzXLSX(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/check/*/*.xlsx")
	for _, path := range files {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	sheet := inlineRows(5, true)
	f.Add(rawXLSX(f, sheet, "", nil))
	f.Add(rawXLSX(f, inlineRows(5, false), "", nil))
	f.Add(rawXLSX(f, strings.Replace(sheet, `<row r="4">`, `<c <<<<row r="4">`, 1), "", nil))
	f.Add(rawXLSX(f, `<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>`+
		`<row r="2"><c><v>45672</v></c><c t="s"><v>3</v></c><c><v>100</v></c></row>`,
		"<si><t>date</t></si><si><t>campaign</t></si><si><t>friends</t></si><si><t>春節</t></si>", nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		lower(t, &maxUnzipped, 4<<20)
		lower(t, &maxSheetRows, 5000)
		dir := t.TempDir()
		path := filepath.Join(dir, "plan.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tmp := t.TempDir()
		_, _, err := ReadFiles([]string{path}, Options{TempDir: tmp}, func(r Row) error {
			n, err := r.Send().Messages()
			if err != nil || n != r.Messages || r.Line < 2 || r.Campaign == "" || r.Date.Location() != time.UTC {
				t.Errorf("row %+v: messages %d, %v", r, n, err)
			}
			return nil
		})
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
		if err == nil {
			return
		}
		var es Errors
		if !errors.As(err, &es) || len(es) == 0 {
			t.Fatalf("error %T %v is not Errors", err, err)
		}
		for _, e := range es {
			if e.File != path || e.Message == "" {
				t.Errorf("error without the file or a message: %+v", e)
			}
		}
	})
}
