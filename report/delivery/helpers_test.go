package delivery

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linecost/report"
	"linecost/report/workbook"
)

// samplePlan is testdata/sample/campaigns.csv: two accounts, 2025-01..03.
func samplePlan(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/sample/campaigns.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const badPlan = "date,account,campaign,segment,friends,sends,bubbles,channel\n" +
	"2025-01-03,cafe,new year,all,12x,1,1,後台\n" +
	"2025-01-04,cafe,sale,all,100,1,one,後台\n"

// syncBuffer is a log the service and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// today is the fixed "today" of the tests: plan changes of January to
// March 2025 fall in the 60 days from it.
var testToday = time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)

// testNow is the moment of the tests as the command makes it under
// --today: the wall clock moved to testToday, so that the outbox names
// and the plan changes in the mail agree and two plans still get two
// stamps.
func testNow() time.Time {
	n := time.Now().UTC().Truncate(time.Second)
	return time.Date(testToday.Year(), testToday.Month(), testToday.Day(), n.Hour(), n.Minute(), n.Second(), 0, time.UTC)
}

// testConfig is a service under root that mails through srv (nil: mail
// off), with settle and poll short enough for tests.
func testConfig(t *testing.T, root string, srv *mailServer) (Config, *syncBuffer) {
	t.Helper()
	cats, err := report.LoadCatalogs(nil)
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	cfg := Config{
		Layout: NewLayout(root), Settle: 0, Poll: 50 * time.Millisecond,
		Options: report.Options{Catalogs: cats, Region: "tw", CurrentPlans: map[string]string{"": "pro"}},
		Meta:    workbook.Meta{Lang: "en", Version: "test"},
		JSON:    true, Lang: "en",
		MailTo:   []string{"finance@example.com"},
		ErrorsTo: []string{"行銷 <marketing@example.com>"},
		Retry:    Retry{First: time.Millisecond, Max: 5 * time.Millisecond, GiveUp: time.Hour},
		Now:      testNow,
		Today:    func() time.Time { return testToday },
		Clock:    time.Now,
		Log:      slog.New(slog.NewTextHandler(log, nil)),
	}
	if srv != nil {
		cfg.SMTP = smtpConfig(srv.Addr, srv.CertPEM)
	}
	return cfg, log
}

func newService(t *testing.T, cfg Config) *Service {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func once(t *testing.T, s *Service) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	left, err := s.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return left
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// files lists the files under dir, relative, sorted ("" for none).
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// received is a parsed mail: its headers, bodies and attachments.
type received struct {
	Header      mail.Header
	Subject     string
	Text, HTML  string
	Attachments map[string]part
}

type part struct {
	ContentType string
	Data        []byte
}

func parseMail(t *testing.T, raw []byte) received {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	r := received{Header: m.Header, Subject: subject, Attachments: map[string]part{}}
	walkParts(t, m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body, &r)
	return r
}

func walkParts(t *testing.T, ctype, cte string, body io.Reader, r *received) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			walkParts(t, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, r)
			// the disposition is looked at below through the raw part
			_ = p
		}
	}
	data := decodeBody(t, cte, body)
	dec := new(mime.WordDecoder)
	name, _ := dec.DecodeHeader(params["name"])
	switch {
	case name != "":
		r.Attachments[name] = part{ContentType: mt, Data: data}
	case mt == "text/plain":
		r.Text = strings.ReplaceAll(string(data), "\r\n", "\n") // lines end in CRLF on the wire
	case mt == "text/html":
		r.HTML = string(data)
	}
}

func decodeBody(t *testing.T, cte string, body io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	switch strings.ToLower(cte) {
	case "base64":
		return mustBase64(t, b)
	case "quoted-printable":
		return mustQP(t, b)
	}
	return b
}

// budgetJSON is the part of the --json output the tests compare.
type budgetJSON struct {
	Currency string `json:"currency"`
	Accounts []struct {
		Account string `json:"account"`
		Total   string `json:"total"`
	} `json:"accounts"`
	Total struct {
		Total string `json:"total"`
	} `json:"total"`
}

func readBudgetJSON(t *testing.T, path string) budgetJSON {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b budgetJSON
	// The JSON is one object; campaigns stream one per line inside it.
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// workbookTotal is the grand total (incl. tax) in the accounts block of
// the Summary sheet of an attached workbook.
func workbookTotal(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// The accounts block: its title, a header, the accounts, then Total
	// with the messages, cost, tax and total.
	block := false
	for _, r := range rows {
		switch {
		case len(r) > 0 && r[0] == "Accounts and plans":
			block = true
		case block && len(r) > 4 && r[0] == "Total":
			return r[4]
		}
	}
	t.Fatalf("no Total row in the accounts block of the Summary sheet")
	return ""
}

// runService runs the service until the returned stop is called, which
// waits for Run to return nil.
func runService(t *testing.T, cfg Config) (stop func()) {
	t.Helper()
	s := newService(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// dumpMail writes a received mail to $LINECOST_MAIL_DUMP (when set) as
// NAME.eml, NAME.txt and NAME.html: scripts/render-mail.sh renders the
// README's picture of the mail from it.
func dumpMail(t *testing.T, name string, raw []byte, m received) {
	dir := os.Getenv("LINECOST_MAIL_DUMP")
	if dir == "" {
		return
	}
	head := "Subject: " + m.Subject + "\nFrom: " + m.Header.Get("From") + "\nTo: " + m.Header.Get("To") + "\n\n"
	for ext, data := range map[string][]byte{".eml": raw, ".txt": []byte(head + m.Text), ".html": []byte(m.HTML)} {
		if err := os.WriteFile(filepath.Join(dir, name+ext), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
