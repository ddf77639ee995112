package input

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests load zones on machines without a zone database too

	"linecost/pricing"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestBillingDay pins LINE's rule that a message is counted on its day in
// Japan: 23:00 in Taipei (22:00 in Bangkok) on the last day of a month is
// the 1st of the next month there.
func TestBillingDay(t *testing.T) {
	tokyo := zone(t, pricing.BillingTimeZone)
	tests := []struct {
		zone, cell string
		time       string // the time column, "" for none
		billed     string // YYYY-MM-DD
		moved      bool   // a warning says the row moved into another month
	}{
		{"Asia/Taipei", "2026/11/30 22:59", "", "2026-11-30", false},
		{"Asia/Taipei", "2026/11/30 23:00", "", "2026-12-01", true},
		{"Asia/Taipei", "2026/11/30 下午 11:30", "", "2026-12-01", true},
		{"Asia/Taipei", "2026/11/30", "23:30", "2026-12-01", true},
		{"Asia/Taipei", "2026/11/30", "PM 11:30", "2026-12-01", true},
		{"Asia/Taipei", "2026/11/30", "", "2026-11-30", false}, // no time: the date as written
		{"Asia/Taipei", "2026/11/15 23:30", "", "2026-11-16", false},
		{"Asia/Taipei", "2026/12/31 23:00", "", "2027-01-01", true},
		{"Asia/Bangkok", "2026/11/30 21:59", "", "2026-11-30", false},
		{"Asia/Bangkok", "2026/11/30 22:00", "", "2026-12-01", true},
		{"Asia/Tokyo", "2026/11/30 23:59:59", "", "2026-11-30", false},
		// A zone east of Japan bills some sends on the day before.
		{"Pacific/Auckland", "2026/12/01 01:00", "", "2026-11-30", true},
	}
	for _, tt := range tests {
		header, row := "date,campaign,friends", tt.cell+",c,100"
		if tt.time != "" {
			header, row = header+",time", row+","+tt.time
		}
		rows, warns, err := readText(t, "plan.csv", []byte(header+"\n"+row+"\n"),
			Options{Zone: zone(t, tt.zone), BillingZone: tokyo})
		if err != nil || len(rows) != 1 {
			t.Errorf("%s %s %s: %d rows, %v", tt.zone, tt.cell, tt.time, len(rows), err)
			continue
		}
		r := rows[0]
		if got := r.Billed.Format(time.DateOnly); got != tt.billed || r.Month() != pricing.MonthOf(r.Billed) {
			t.Errorf("%s %s %s: billed %s (month %s), want %s", tt.zone, tt.cell, tt.time, got, r.Month(), tt.billed)
		}
		if r.Timed != (strings.Contains(tt.cell, ":") || tt.time != "") {
			t.Errorf("%s %s %s: Timed = %v", tt.zone, tt.cell, tt.time, r.Timed)
		}
		moved := len(warns) == 1 && strings.Contains(warns[0].Message, "where LINE counts messages: billed in "+r.Month().String())
		if moved != tt.moved || (!tt.moved && len(warns) != 0) {
			t.Errorf("%s %s %s: warnings %v, want a move warning: %v", tt.zone, tt.cell, tt.time, warns, tt.moved)
		}
	}
}

func TestBillingDayWarning(t *testing.T) {
	plan := "date,campaign,friends\n2026/11/30 23:30,late,100\n"
	_, warns, err := readText(t, "plan.csv", []byte(plan),
		Options{Zone: zone(t, "Asia/Taipei"), BillingZone: zone(t, "Asia/Tokyo")})
	if err != nil {
		t.Fatal(err)
	}
	want := []Warning{{File: "plan.csv", Line: 2,
		Message: "date: sent 2026-11-30 23:30 (Asia/Taipei) is 2026-12-01 00:30 in Japan, where LINE counts messages: billed in 2026-12",
		Chinese: "date：2026-11-30 23:30（Asia/Taipei）發送，在 LINE 計算訊息的日本時間是 2026-12-01 00:30：計入 2026-12"}}
	if len(warns) != 1 || warns[0] != want[0] {
		t.Errorf("warnings %q, want %q", warns, want)
	}
}

func TestSendTimeErrors(t *testing.T) {
	taipei := Options{Zone: zone(t, "Asia/Taipei"), BillingZone: zone(t, "Asia/Tokyo")}
	tests := []struct {
		name, plan string
		opts       Options
		want       string
	}{
		{"no zone", "date,campaign,friends\n2026/11/30 23:30,c,100\n", Options{},
			`plan.csv:2:1: date: ` + msgNoZone + `: "2026/11/30 23:30"`},
		{"no zone, time column", "date,campaign,friends,發送時間\n2026/11/30,c,100,23:30\n", Options{},
			`plan.csv:2:18: 發送時間: ` + msgNoZone + `: "23:30"`},
		{"two times", "date,campaign,friends,time\n2026/11/30 23:30,c,100,22:00\n", taipei,
			`plan.csv:2:24: time: ` + msgTwoTime + ` (23:30): "22:00"`},
		{"bad time column", "date,campaign,friends,時間\n2026/11/30,c,100,晚上八點\n", taipei,
			`plan.csv:2:18: 時間: ` + msgNotClock + `: "晚上八點"`},
		{"day first", "date,campaign,friends\n3/8/2025,c,100\n", taipei,
			`plan.csv:2:1: date: ` + msgDayFirst + `: "3/8/2025"`},
	}
	for _, tt := range tests {
		_, _, err := readText(t, "plan.csv", []byte(tt.plan), tt.opts)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error\n%v\nwant\n%s", tt.name, err, tt.want)
		}
	}
	// The same time twice is no conflict.
	rows, _, err := readText(t, "plan.csv", []byte("date,campaign,friends,time\n2026/11/30 23:30,c,100,下午 11:30\n"), taipei)
	if err != nil || len(rows) != 1 || rows[0].Billed.Day() != 1 {
		t.Errorf("same time twice: %v, %v", rows, err)
	}
}

// TestWarningsHaveChinese reads every plan of the check goldens: each
// warning the reader gives carries its Traditional Chinese, for --lang
// zh-TW.
func TestWarningsHaveChinese(t *testing.T) {
	plans, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "check", "*", "plan*"))
	opts := Options{Zone: zone(t, "Asia/Taipei"), BillingZone: zone(t, "Asia/Tokyo")}
	seen := 0
	for _, p := range plans {
		_, warns, _ := ReadFiles([]string{p}, opts, func(Row) error { return nil })
		for _, w := range warns {
			seen++
			if w.Chinese == "" {
				t.Errorf("%s: warning without Chinese: %s", p, w.Message)
			}
		}
	}
	if seen < 10 {
		t.Errorf("only %d warnings in %d plans: the test reads too little", seen, len(plans))
	}
}
