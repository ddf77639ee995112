package input

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestCellText(t *testing.T) {
	tests := []struct {
		field       int
		raw, shown  string
		date1904    bool
		want        string
		explanation string
	}{
		{fDate, "45672", "01-15-25", false, "2025-01-15", "a date format shows a date"},
		{fDate, "45672", "2025/1/15", false, "2025-01-15", ""},
		{fDate, "44210", "2025/1/15", true, "2025-01-15", "the 1904 date system"},
		{fDate, "45672.8541666667", "2025-01-15 20:30", false, "2025-01-15 20:30:00", "a time of day shown is kept"},
		{fDate, "45672.99998843", "1/15/25 23:59:59", false, "2025-01-15 23:59:59", "rounded to the second"},
		{fDate, "45672.99999999", "1/16/25 0:00", false, "2025-01-16 00:00:00", "rounded up into the next day"},
		{fDate, "45672.8541666667", "2025/1/15", false, "2025-01-15", "a fraction the cell does not show is no time"},
		{fTime, "0.9791666666666666", "23:30", false, "23:30:00", "a time cell"},
		{fTime, "0.9791666666666666", "11:30 PM", false, "23:30:00", ""},
		{fTime, "0.9791666666666666", "0.979166667", false, "0.9791666666666666", "a number shown as a number is not a time"},
		{fTime, "下午 11:30", "下午 11:30", false, "下午 11:30", "text is read as text"},
		{fDate, "45672", "45672", false, "45672", "a plain number is not a date"},
		{fDate, "45672", "45,672", false, "45672", "nor a number with separators"},
		{fDate, "0.5", "12:00", false, "0.5", "a time without a date is not a date"},
		{fDate, "114/1/15", "114/1/15", false, "114/1/15", "text is read as text"},
		{fDate, "2025-01-15T00:00:00Z", "2025-01-15", false, "2025-01-15", "an ISO date cell"},
		{fDate, "2025-01-15T20:30:00Z", "2025-01-15 20:30", false, "2025-01-15 20:30:00", "an ISO date-time cell"},
		{fFriends, "12000", "12,000", false, "12000", "the display format does not matter"},
		{fFriends, "12000", "12,000.00", false, "12000", ""},
		{fFriends, "3599.9999999999995", "3,600", false, "3600", "floating-point dust"},
		{fFriends, "1.2E+4", "12000", false, "12000", "an exponent"},
		{fFriends, "12000.4", "12,000", false, "12000.4", "a real fraction stays and is rejected"},
		{fFriends, "-3", "-3", false, "-3", ""},
		{fFriends, "1E+20", "1E+20", false, "1E+20", "beyond exact floats"},
		{fFriends, "１２，０００", "１２，０００", false, "１２，０００", "text is read as text"},
		{fSends, "2", "2", false, "2", ""},
		{fBlocked, "0.12", "12%", false, "12%", "a percent format is a percentage"},
		{fBlocked, "0.125", "12.50%", false, "12.5%", ""},
		{fBlocked, "0.12", "0.12", false, "0.12", "a fraction without the format is not"},
		{fBlocked, "120", "120", false, "120", ""},
		{fBlocked, "5%", "5%", false, "5%", "text"},
		{fCampaign, "2025", "2025", false, "2025", "text columns take the shown text"},
		{fChannel, "api", "api", false, "api", ""},
		{-1, "1", "1.00", false, "1.00", "an ignored column"},
	}
	for _, tt := range tests {
		if got := cellText(tt.field, tt.raw, tt.shown, tt.date1904); got != tt.want {
			t.Errorf("cellText(%s, %q, %q) = %q; want %q (%s)", columns[max(tt.field, 0)].Name, tt.raw, tt.shown, got, tt.want, tt.explanation)
		}
	}
}

func TestQuoteSheet(t *testing.T) {
	for name, want := range map[string]string{
		"Sheet1": "Sheet1", "計畫": "計畫", "My Plan": "'My Plan'", "2025": "'2025'",
		"Q1-plan": "'Q1-plan'", "O'Brien": "'O''Brien'", "_x": "_x",
	} {
		if got := quoteSheet(name); got != want {
			t.Errorf("quoteSheet(%q) = %q; want %q", name, got, want)
		}
	}
}

// workbook builds an xlsx plan in memory: cells maps a cell name to its
// value, styles a cell name to its number format.
func workbook(t *testing.T, sheets []string, cells map[string]any, styles map[string]int) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", sheets[0])
	for _, s := range sheets[1:] {
		f.NewSheet(s)
	}
	for cell, v := range cells {
		if err := f.SetCellValue(sheets[0], cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for cell, numFmt := range styles {
		id, _ := f.NewStyle(&excelize.Style{NumFmt: numFmt})
		f.SetCellStyle(sheets[0], cell, cell, id)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadXLSXSendTimes reads send times as Excel stores them: a datetime
// in the date cell, and a time cell in the time column.
func TestReadXLSXSendTimes(t *testing.T) {
	data := workbook(t, []string{"Plan"}, map[string]any{
		"A1": "date", "B1": "campaign", "C1": "friends", "D1": "發送時間",
		"A2": time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), "B2": "datetime", "C2": 100,
		"A3": time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "B3": "time cell", "C3": 100, "D3": 23.5 / 24,
		"A4": time.Date(2026, 11, 30, 22, 0, 0, 0, time.UTC), "B4": "shown as a date", "C4": 100,
	}, map[string]int{"A2": 22, "A3": 14, "D3": 20, "A4": 14})
	opts := Options{Zone: zone(t, "Asia/Taipei"), BillingZone: zone(t, "Asia/Tokyo")}
	rows, warns, err := readText(t, "plan.xlsx", data, opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s %v %s billed %s", r.Campaign, r.Timed, time.Time{}.Add(r.Time).Format("15:04"), r.Billed.Format(time.DateOnly)))
	}
	want := []string{"datetime true 23:30 billed 2026-12-01", "time cell true 23:30 billed 2026-12-01", "shown as a date false 00:00 billed 2026-11-30"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q; want %q", got, want)
	}
	if len(warns) != 2 {
		t.Errorf("warnings %v; want two rows moved into 2026-12", warns)
	}
}

func TestReadXLSX(t *testing.T) {
	data := workbook(t, []string{"Plan", "Other"}, map[string]any{
		"A1": "date", "B1": "campaign", "C1": "好友數", "D1": "blocked", "E1": "note",
		"A2": time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), "B2": "a", "C2": 12000, "D2": 0.1,
		// row 3 blank
		"A4": "2025/2/1", "B4": "b", "C4": "12x",
		"A5": 45700, "B5": "c", "C5": 10, "E5": "ignored",
		"A6": "2025/2/3", "B6": "d", "C6": 100.0, "D6": 7,
		"A8": "", "B8": "", "C8": "", // cells with empty strings are blank
	}, map[string]int{"A2": 14, "D2": 9, "C2": 3})
	rows, warns, err := readText(t, "plan.xlsx", data, Options{})
	want := "plan.xlsx:Plan!C4: 好友數: not a whole number: \"12x\"\n" +
		"plan.xlsx:Plan!A5: date: a number, not a date (in Excel, format the cell as a date): \"45700\""
	if got := errorLines(err); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d %s %s %d-%d=%d", r.Line, r.Date.Format(time.DateOnly), r.Campaign, r.Friends, r.Blocked, r.Messages))
	}
	if want := []string{"2 2025-01-15 a 12000-1200=10800", "6 2025-02-03 d 100-7=93"}; !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q; want %q", got, want)
	}
	if len(warns) != 1 || warns[0].String() != `plan.xlsx:1: ignored unknown column: "note" (column E)` {
		t.Errorf("warnings %v", warns)
	}
	var errs Errors
	if errors.As(err, &errs) && (errs[0].Line != 4 || errs[0].Column != 3 || errs[0].Cell != "Plan!C4") {
		t.Errorf("error position %+v", errs[0])
	}

	_, _, err = readText(t, "plan.xlsx", data, Options{Sheet: "other"})
	if got, want := errorLines(err), "plan.xlsx:Other!A1: no header row: the file is empty"; got != want {
		t.Errorf("--sheet other: %s; want %s", got, want)
	}
	_, _, err = readText(t, "plan.xlsx", data, Options{Sheet: "Budget"})
	if got, want := errorLines(err), `plan.xlsx: no sheet named "Budget" (the workbook has "Plan", "Other")`; got != want {
		t.Errorf("--sheet Budget: %s; want %s", got, want)
	}
	// Encoding does not apply to workbooks, and a workbook is known by its
	// content, not its name.
	infos, _, _ := ReadFiles([]string{"plan.xlsx"}, Options{Encoding: "big5"}, func(Row) error { return nil })
	if len(infos) != 1 || infos[0].Encoding != "xlsx" || infos[0].Sheet != "Plan" || infos[0].Delimiter != "" {
		t.Errorf("infos %+v", infos)
	}
}
