package input

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string // as in the cell, before clean
		want    string // YYYY-MM-DD
		problem string
	}{
		{"2025-01-15", "2025-01-15", ""},
		{"2025/1/15", "2025-01-15", ""},
		{"2025/01/05", "2025-01-05", ""},
		{"2025.01.15", "2025-01-15", ""},
		{"2025.1.5", "2025-01-05", ""},
		{"114/1/15", "2025-01-15", ""},
		{"114-01-15", "2025-01-15", ""},
		{"114.1.15", "2025-01-15", ""},
		{"100/1/1", "2011-01-01", ""},
		{"民國114年1月15日", "2025-01-15", ""},
		{"民國 114 年 1 月 15 日", "2025-01-15", ""},
		{"114年1月15日", "2025-01-15", ""},
		{"2025年1月15日", "2025-01-15", ""},
		{"民國99年12月31日", "2010-12-31", ""}, // 民國 makes a short year unambiguous
		{"民國1年1月1日", "1912-01-01", ""},
		{"２０２５／１／１５", "2025-01-15", ""},
		{"１１４／１／１５", "2025-01-15", ""},
		{" 2025-01-15 ", "2025-01-15", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"113/2/29", "2024-02-29", ""},
		{"2025/1/15 20:30", "2025-01-15", ""},
		{"2025-01-15 00:00:00", "2025-01-15", ""},
		{"2025-01-15T08:00", "2025-01-15", ""},
		{"114/1/15 23:59:59", "2025-01-15", ""},
		{"2025-02-29", "", msgNoDate},
		{"2025-02-30", "", msgNoDate},
		{"2025-04-31", "", msgNoDate},
		{"2025-13-01", "", msgNoDate},
		{"2025-00-10", "", msgNoDate},
		{"2025-01-00", "", msgNoDate},
		{"114/2/29", "", msgNoDate},
		{"民國114年2月30日", "", msgNoDate},
		{"25/1/15", "", msgShort},
		{"25-01-15", "", msgShort},
		{"99/12/31", "", msgShort},
		{"099/12/31", "", msgShort},
		{"5/1/15", "", msgShort},
		{"25年1月15日", "", msgShort},
		{"民國2025年1月15日", "", msgNotDate},
		{"0114/1/15", "", msgNotDate},
		{"20250/1/15", "", msgNotDate},
		{"2025-01/15", "", msgNotDate},
		{"2025/1/15/", "", msgNotDate},
		{"2025-001-15", "", msgNotDate},
		{"15/1/2025", "", msgNotDate},
		{"1/15/2025", "", msgNotDate},
		{"Jan 15, 2025", "", msgNotDate},
		{"2025-01", "", msgNotDate},
		{"20250115", "", msgNotDate},
		{"next week", "", msgNotDate},
		{"45672", "", msgSerial},
		{"45672.5", "", msgSerial},
		{"2025/1/15 24:00", "", msgBadClock},
		{"2025/1/15 12:60", "", msgBadClock},
		{"2025/1/15 8pm", "", msgNotDate},
		{"114年1月15", "", msgNotDate},
	}
	for _, tt := range tests {
		got, problem := parseDate(clean(tt.in))
		if problem != tt.problem {
			t.Errorf("parseDate(%q) problem %q; want %q", tt.in, problem, tt.problem)
			continue
		}
		if problem == "" && (got.Format(time.DateOnly) != tt.want || got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0) {
			t.Errorf("parseDate(%q) = %v; want midnight UTC %s", tt.in, got, tt.want)
		}
	}
}
