//go:build unix

package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLibreOfficePrintsSummary prints issue 12's twelve-account workbook to
// PDF with LibreOffice, as finance prints it, and checks that no page's
// text is smaller than 8 pt (the font sizes of the PDF's text operators:
// LibreOffice writes a sheet fitted to the page as smaller fonts) and that
// the Summary's first page carries the grand totals. Like the LibreOffice
// round trip it needs soffice (and fails without it under CI=true).
func TestLibreOfficePrintsSummary(t *testing.T) {
	soffice := loSoffice(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true: pdftotext is not on PATH (Debian: apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is not on PATH (Debian: apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "twelve.xlsx")
	plan := filepath.Join("..", "..", "testdata", "report", "twelve-accounts", "plan.csv")
	t.Setenv("SOURCE_DATE_EPOCH", "1764547200") // 2025-12-01: the generation time shown
	code, stdout, stderr := runCmd(t, "report", plan, "--current-plan", "standard", "--current-plan", "Delta Books=pro",
		"--current-plan", "服飾品牌=pro", "--today", "2026-12-01", "-o", xlsx)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	grand := regexp.MustCompile(`Total: TWD ([\d,]+) \+ tax ([\d,]+) = ([\d,]+)`).FindStringSubmatch(stdout)
	if grand == nil {
		t.Fatalf("no total in the summary:\n%s", stdout)
	}

	pdf := loPDF(t, soffice, dir, xlsx)
	pages, err := pdfFontSizes(pdf)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "twelve.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Split(string(out), "\f")
	if len(texts) < len(pages) {
		t.Fatalf("pdftotext gave %d pages, the PDF has %d", len(texts), len(pages))
	}
	summaryPages := 0
	for i, sizes := range pages {
		sheet := pageSheet(texts[i])
		if sheet == "Summary" {
			summaryPages++
		}
		for _, sz := range sizes {
			if sz < 8 {
				t.Errorf("page %d (%s): text at %.2f pt, want 8 pt or more", i+1, sheet, sz)
				break
			}
		}
	}
	if summaryPages == 0 {
		t.Fatalf("no page's footer names the Summary; page 1:\n%s", texts[0])
	}
	first := texts[0]
	for _, want := range []string{"LINE Official Account messaging budget", "Total before tax (TWD)", grand[1],
		"Tax (TWD)", grand[2], "Total including tax (TWD)", grand[3], "2026-10 to 2027-09 (12 months)", "Page 1 of"} {
		if !strings.Contains(first, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, first)
		}
	}
}

// loPDF has LibreOffice print xlsx to PDF in dir and returns the PDF.
func loPDF(t *testing.T, soffice, dir, xlsx string) []byte {
	t.Helper()
	profileDir := filepath.Join(dir, "pdf-profile")
	if err := loRecalcProfile(profileDir); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), loTimeout)
	defer cancel()
	profile := (&url.URL{Scheme: "file", Path: profileDir}).String()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore", "--nolockcheck",
		"--convert-to", "pdf", "--outdir", dir, xlsx)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8", "LANGUAGE=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, log.String())
	}
	pdf, err := os.ReadFile(strings.TrimSuffix(xlsx, filepath.Ext(xlsx)) + ".pdf")
	if err != nil {
		t.Fatalf("%v; soffice said:\n%s", err, log.String())
	}
	return pdf
}

// pageSheet is the sheet name a printed page's footer starts with ("&A").
func pageSheet(page string) string {
	lines := strings.Split(strings.TrimRight(page, "\n "), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if i := strings.Index(last, "   "); i >= 0 {
		return last[:i]
	}
	return last
}

var (
	pdfObject = regexp.MustCompile(`(?s)(\d+) 0 obj(.*?)endobj`)
	pdfRef    = regexp.MustCompile(`(\d+) 0 R`)
	pdfTf     = regexp.MustCompile(`([\d.]+) Tf\b`)
)

// pdfFontSizes returns, page by page in order, the font sizes the text
// operators (Tf) of each page's content stream set. It reads PDFs as
// LibreOffice writes them: objects uncompressed, content streams
// deflated.
func pdfFontSizes(pdf []byte) ([][]float64, error) {
	objs := map[string][]byte{}
	for _, m := range pdfObject.FindAllSubmatch(pdf, -1) {
		objs[string(m[1])] = m[2]
	}
	var root string
	for n, o := range objs {
		if bytes.Contains(o, []byte("/Type/Pages")) && !bytes.Contains(o, []byte("/Parent")) {
			root = n
		}
	}
	if root == "" {
		return nil, fmt.Errorf("no page tree in the PDF")
	}
	var pages [][]float64
	var walk func(n string, depth int) error
	walk = func(n string, depth int) error {
		o := objs[n]
		if depth > 20 {
			return fmt.Errorf("page tree too deep at object %s", n)
		}
		if i := bytes.Index(o, []byte("/Kids")); i >= 0 && bytes.Contains(o, []byte("/Type/Pages")) {
			kids := o[i:]
			kids = kids[:bytes.IndexByte(kids, ']')]
			for _, k := range pdfRef.FindAllSubmatch(kids, -1) {
				if err := walk(string(k[1]), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		i := bytes.Index(o, []byte("/Contents"))
		if i < 0 {
			return fmt.Errorf("page object %s has no /Contents", n)
		}
		c := pdfRef.FindSubmatch(o[i:])
		if c == nil {
			return fmt.Errorf("page object %s: /Contents is not a reference", n)
		}
		content, err := pdfStream(objs[string(c[1])])
		if err != nil {
			return fmt.Errorf("page object %s: %v", n, err)
		}
		var sizes []float64
		for _, m := range pdfTf.FindAllSubmatch(content, -1) {
			sz, err := strconv.ParseFloat(string(m[1]), 64)
			if err != nil {
				return err
			}
			sizes = append(sizes, sz)
		}
		pages = append(pages, sizes)
		return nil
	}
	return pages, walk(root, 0)
}

// pdfStream inflates the stream of an object.
func pdfStream(obj []byte) ([]byte, error) {
	i := bytes.Index(obj, []byte("stream"))
	j := bytes.LastIndex(obj, []byte("endstream"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("no stream")
	}
	data := bytes.TrimLeft(obj[i+len("stream"):j], "\r\n")
	if !bytes.Contains(obj[:i], []byte("/FlateDecode")) {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
