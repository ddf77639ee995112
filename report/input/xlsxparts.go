package input

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds of an xlsx plan. excelize reads every part of a workbook into
// memory, whatever it is (a 3 GB extra entry in a 3 MB file passed 9 GB),
// so the reader first takes out of the zip only the parts it needs (the
// workbook, its relationships, the chosen sheet, the shared strings and
// the styles), checks them as a stream against these bounds, and gives
// excelize a workbook of just those parts. They are variables so that
// tests can lower them; nothing else changes them.
var (
	// maxUnzipped bounds the parts read, uncompressed, together: 1 GiB,
	// four times the sheet of Excel's largest plan linecost has met.
	maxUnzipped int64 = 1 << 30
	// maxSmallPart bounds each of the workbook's own small parts (the
	// workbook, the relationships, the content types).
	maxSmallPart int64 = 16 << 20
	// maxSheetRows and maxSheetColumns are Excel's own limits.
	maxSheetRows    = 1_048_576
	maxSheetColumns = 16_384
)

// MaxCellChars is the most characters a cell holds in Excel: 32,767.
const MaxCellChars = 32_767

// maxRunBytes bounds a run of bytes of sheet XML without a tag: a cell of
// MaxCellChars characters, each at most 4 bytes of UTF-8 or an entity such
// as &#x1F600; (10 bytes), fits.
var maxRunBytes = 10 * MaxCellChars

// xlsxParts are the parts of a workbook the reader uses.
type xlsxParts struct {
	sheet     string // the chosen sheet's name
	sheetPart string // its part, e.g. xl/worksheets/sheet1.xml
	keep      []*zip.File
}

// partProblem is a workbook that cannot be read as a plan: its message
// goes to the user as a file error.
type partProblem struct{ msg string }

func (p *partProblem) Error() string { return p.msg }

func problemf(format string, a ...any) error { return &partProblem{fmt.Sprintf(format, a...)} }

// budget counts the bytes unzipped against maxUnzipped.
type budget struct{ left int64 }

// pickParts finds the sheet want ("" for the first) and the parts needed
// to read it, and checks them (see checkPart).
func pickParts(zr *zip.Reader, want string) (*xlsxParts, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		if _, dup := files[name]; dup {
			return nil, problemf("not a readable xlsx workbook: two parts named %s", f.Name)
		}
		files[name] = f
	}
	b := &budget{left: maxUnzipped}
	small := func(name string) ([]byte, *zip.File, error) {
		f := files[strings.ToLower(name)]
		if f == nil {
			return nil, nil, nil
		}
		data, err := readPart(f, min(maxSmallPart, b.left), b)
		return data, f, err
	}
	p := &xlsxParts{}
	_, ct, err := small("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	if ct != nil {
		p.keep = append(p.keep, ct)
	}
	rootData, root, err := small("_rels/.rels")
	if err != nil {
		return nil, err
	}
	// The workbook part is where the package's relationships say, most
	// often xl/workbook.xml; its own relationships sit beside it.
	wbPath := "xl/workbook.xml"
	if root != nil {
		p.keep = append(p.keep, root)
		rels, err := parseRels(rootData, root.Name)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = partPath("", r.Target)
			}
		}
	}
	wbDir := path.Dir(wbPath)
	wbData, wbFile, err := small(wbPath)
	if err != nil {
		return nil, err
	}
	if wbFile == nil {
		return nil, problemf("not a readable xlsx workbook: it has no %s", wbPath)
	}
	relData, relFile, err := small(wbDir + "/_rels/" + path.Base(wbPath) + ".rels")
	if err != nil {
		return nil, err
	}
	p.keep = append(p.keep, wbFile)
	if relFile != nil {
		p.keep = append(p.keep, relFile)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbData, &wb); err != nil {
		return nil, problemf("not a readable xlsx workbook: xl/workbook.xml: %v", err)
	}
	var rels []relationship
	if relData != nil {
		if rels, err = parseRels(relData, relFile.Name); err != nil {
			return nil, err
		}
	}
	var names []string
	id := ""
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
		if p.sheet == "" && (want == "" || strings.EqualFold(strings.TrimSpace(s.Name), strings.TrimSpace(want))) {
			p.sheet, id = s.Name, s.ID
		}
	}
	if p.sheet == "" {
		if len(names) == 0 {
			return nil, problemf("the workbook has no sheets")
		}
		return nil, problemf("no sheet named %q (the workbook has %s)", want, quoteAll(names))
	}
	var sst, styles string
	for _, r := range rels {
		target := partPath(wbDir, r.Target)
		switch {
		case r.ID == id:
			p.sheetPart = target
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sst = target
		case strings.HasSuffix(r.Type, "/styles"):
			styles = target
		}
	}
	sheet := files[strings.ToLower(p.sheetPart)]
	if sheet == nil {
		return nil, problemf("cannot read sheet %q: the workbook has no part for it", p.sheet)
	}
	p.keep = append(p.keep, sheet)
	// excelize reads the shared strings from their usual place only.
	for _, name := range []string{sst, "xl/sharedStrings.xml"} {
		if f := files[strings.ToLower(name)]; f != nil && name != "" {
			if err := checkPart(f, b, "shared strings", false); err != nil {
				return nil, err
			}
			p.keep = append(p.keep, f)
			break
		}
	}
	for _, name := range []string{styles, "xl/styles.xml"} {
		if f := files[strings.ToLower(name)]; f != nil && name != "" {
			if err := checkPart(f, b, "styles", false); err != nil {
				return nil, err
			}
			p.keep = append(p.keep, f)
			break
		}
	}
	if err := checkPart(sheet, b, "sheet "+strconv.Quote(p.sheet), true); err != nil {
		return nil, err
	}
	return p, nil
}

// relationship is one entry of a .rels part.
type relationship struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:"Target,attr"`
	Type   string `xml:"Type,attr"`
}

func parseRels(data []byte, name string) ([]relationship, error) {
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, problemf("not a readable xlsx workbook: %s: %v", name, err)
	}
	return rels.Rels, nil
}

// partPath is the zip name of a relationship's target, relative to the
// folder dir of the part that has the relationship ("" for the package).
func partPath(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") || dir == "" || dir == "." {
		return strings.TrimPrefix(path.Clean("/"+target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+"/"+target), "/")
}

// errExpands is the bound of maxUnzipped passed.
func errExpands(part string) error {
	return problemf("this xlsx expands to more than %s when unzipped (at %s): not read", sizeText(maxUnzipped), part)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readPart reads a small part whole, at most limit bytes.
func readPart(f *zip.File, limit int64, b *budget) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, problemf("not a readable xlsx workbook: %s: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, problemf("not a readable xlsx workbook: %s: %v", f.Name, err)
	}
	if int64(len(data)) > limit {
		if limit == b.left {
			return nil, errExpands(f.Name)
		}
		return nil, problemf("not a readable xlsx workbook: %s is larger than %s", f.Name, sizeText(limit))
	}
	b.left -= int64(len(data))
	return data, nil
}

// meter counts the bytes of a part as they are unzipped: past the budget
// it fails, and it fails on a run of more than maxRunBytes bytes without
// a tag (one cell past Excel's limit, sent to make the XML decoder hold
// it whole).
type meter struct {
	r    io.Reader
	b    *budget
	n    int64 // bytes read
	run  int   // bytes since the last '<'
	part string
}

var errLongRun = errors.New("long run")

func (m *meter) Read(p []byte) (int, error) {
	if m.b.left <= 0 {
		return 0, errExpands(m.part)
	}
	if int64(len(p)) > m.b.left {
		p = p[:m.b.left]
	}
	n, err := m.r.Read(p)
	m.n += int64(n)
	m.b.left -= int64(n)
	for _, c := range p[:n] {
		if c == '<' {
			m.run = 0
		} else if m.run++; m.run > maxRunBytes {
			return n, errLongRun
		}
	}
	return n, err
}

// checkPart reads part f as a stream of XML tokens, strictly (a broken
// tag or an undefined entity is an error), and checks it against the
// bounds: the bytes it expands to, the rows and columns of a sheet, the
// characters of a cell or a shared string. It also checks that the part
// holds no more than its header declares: excelize would cut it there
// without a word.
func checkPart(f *zip.File, b *budget, what string, isSheet bool) error {
	rc, err := f.Open()
	if err != nil {
		return problemf("not a readable xlsx workbook: %s: %v", f.Name, err)
	}
	defer rc.Close()
	m := &meter{r: rc, b: b, part: f.Name}
	d := xml.NewDecoder(m)
	d.Strict = true
	var (
		rows, cols, items int
		cell              string // the r of the cell being read
		text              int    // characters of the cell or string so far
	)
	where := func() string {
		switch {
		case !isSheet:
			return fmt.Sprintf("item %d", items)
		case cell != "":
			return "cell " + cell
		}
		return fmt.Sprintf("row %d", rows)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pp *partProblem
			switch {
			case errors.As(err, &pp):
				return err
			case errors.Is(err, errLongRun):
				return problemf("%s, %s: a cell of more than %d characters (Excel's limit): not read", what, where(), MaxCellChars)
			}
			reached := "before its first row"
			if rows > 0 {
				reached = fmt.Sprintf("after %s", where())
			}
			if !isSheet {
				reached = fmt.Sprintf("at item %d", items)
			}
			return problemf("%s is not well-formed XML %s (the rest cannot be read): %v", what, reached, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if !isSheet {
					break
				}
				if rows++; rows > maxSheetRows {
					return problemf("%s has more than %d rows (Excel's limit): not read", what, maxSheetRows)
				}
				cols, cell = 0, ""
			case "c":
				if !isSheet {
					break
				}
				if cols++; cols > maxSheetColumns {
					return problemf("%s, row %d has more than %d cells (Excel's limit): not read", what, rows, maxSheetColumns)
				}
				cell, text = "", 0
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						cell = a.Value
					}
				}
			case "si":
				items++
				text = 0
			}
		case xml.CharData:
			if text += utf8.RuneCount(t); text > MaxCellChars {
				return problemf("%s, %s: a cell of more than %d characters (Excel's limit): not read", what, where(), MaxCellChars)
			}
		}
	}
	if m.n > int64(f.UncompressedSize64) {
		return problemf("not a readable xlsx workbook: %s holds more than the %d bytes it declares", f.Name, f.UncompressedSize64)
	}
	return nil
}

// writeParts writes a zip of just the parts kept, copied without
// unzipping them again, to a temporary file in dir, rewound.
func writeParts(p *xlsxParts, dir string) (*os.File, error) {
	tmp, err := os.CreateTemp(dir, "linecost-xlsx-*")
	if err != nil {
		return nil, err
	}
	zw := zip.NewWriter(tmp)
	for _, f := range p.keep {
		if err = copyRaw(zw, f); err != nil {
			break
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return tmp, nil
}

func copyRaw(zw *zip.Writer, f *zip.File) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	h := f.FileHeader
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}
