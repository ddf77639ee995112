package pricing

import (
	"testing"
	"time"
)

func TestParseMonth(t *testing.T) {
	tests := []struct {
		in   string
		want Month
		err  string
	}{
		{in: "2023-09", want: Month{2023, time.September}},
		{in: "2019-04", want: Month{2019, time.April}},
		{in: "2026-12", want: Month{2026, time.December}},
		{in: "0001-01", want: Month{1, time.January}},
		{in: "2023-9", err: `not a month (want YYYY-MM): "2023-9"`},
		{in: "2023-13", err: `not a month (want YYYY-MM): "2023-13"`},
		{in: "2023-00", err: `not a month (want YYYY-MM): "2023-00"`},
		{in: "2023-09-01", err: `not a month (want YYYY-MM): "2023-09-01"`},
		{in: " 2023-09", err: `not a month (want YYYY-MM): " 2023-09"`},
		{in: "2023/09", err: `not a month (want YYYY-MM): "2023/09"`},
		{in: "", err: `not a month (want YYYY-MM): ""`},
	}
	for _, tt := range tests {
		got, err := ParseMonth(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseMonth(%q) error = %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("ParseMonth(%q).String() = %q", tt.in, s)
		}
	}
}

func TestMonthArithmetic(t *testing.T) {
	dec2023 := Month{2023, time.December}
	jan2024 := Month{2024, time.January}
	if got := dec2023.Next(); got != jan2024 {
		t.Errorf("2023-12 Next = %v", got)
	}
	if got := jan2024.Prev(); got != dec2023 {
		t.Errorf("2024-01 Prev = %v", got)
	}
	if got := (Month{2024, time.February}).Next(); got != (Month{2024, time.March}) {
		t.Errorf("2024-02 Next = %v", got)
	}
	if !dec2023.Before(jan2024) || jan2024.Before(dec2023) || dec2023.Before(dec2023) {
		t.Error("Before is not a strict order across a year boundary")
	}
	if got, want := jan2024.FirstDay(), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("FirstDay = %v, want %v", got, want)
	}
	// MonthOf reads the time in its own location: 2023-09-01 00:30 in
	// Taipei is September there and still August in UTC.
	taipei := time.FixedZone("Asia/Taipei", 8*3600)
	late := time.Date(2023, 9, 1, 0, 30, 0, 0, taipei)
	if got := MonthOf(late); got != (Month{2023, time.September}) {
		t.Errorf("MonthOf(%v) = %v", late, got)
	}
	if got := MonthOf(late.UTC()); got != (Month{2023, time.August}) {
		t.Errorf("MonthOf(%v) = %v", late.UTC(), got)
	}
}
