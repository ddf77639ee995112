package input

import (
	"testing"
	"time"
)

// dateCases are date cells and what parseDateTime reads in them; they
// also seed FuzzRead's date column.
var dateCases = []struct {
	in      string // as in the cell, before clean
	want    string // YYYY-MM-DD, then " HH:MM:SS" when the cell has a time
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
	{"2025/1/15 20:30", "2025-01-15 20:30:00", ""},
	{"2025-01-15 00:00:00", "2025-01-15 00:00:00", ""},
	{"2025-01-15T08:00", "2025-01-15 08:00:00", ""},
	{"114/1/15 23:59:59", "2025-01-15 23:59:59", ""},
	// Send times as Excel and people write them (issues 9 and 10).
	{"2026/11/30 23:30", "2026-11-30 23:30:00", ""},
	{"2026-11-30 23:30:00", "2026-11-30 23:30:00", ""},
	{"2025/3/8 下午 08:30:00", "2025-03-08 20:30:00", ""},
	{"2025/3/8 上午 10:00", "2025-03-08 10:00:00", ""},
	{"2025/3/8 PM 8:30", "2025-03-08 20:30:00", ""},
	{"2025/3/8 pm 8:30", "2025-03-08 20:30:00", ""},
	{"2025/3/8 8:30 PM", "2025-03-08 20:30:00", ""},
	{"2025/3/8 8:30PM", "2025-03-08 20:30:00", ""},
	{"2025/3/8 8:30 a.m.", "2025-03-08 08:30:00", ""},
	{"2025-03-10 20:30", "2025-03-10 20:30:00", ""},
	{"2025/3/8 上午 12:05", "2025-03-08 00:05:00", ""}, // 12 上午 is just after midnight
	{"2025/3/8 下午 12:05", "2025-03-08 12:05:00", ""}, // 12 下午 is noon
	{"2025/3/8 下午8:30", "2025-03-08 20:30:00", ""},
	{"民國114年3月8日 20:30", "2025-03-08 20:30:00", ""},
	{"民國114年3月8日下午8:30", "2025-03-08 20:30:00", ""},
	{"114/3/8 下午 11:59:59", "2025-03-08 23:59:59", ""},
	{"２０２５／３／８　下午　０８：３０", "2025-03-08 20:30:00", ""}, // full width
	{"2025/3/8 下午 13:30", "", msgMeridiem},
	{"2025/3/8 AM 0:30", "", msgMeridiem},
	{"2025/3/8 PM 8:30 PM", "", msgTwoClocks},
	{"2025/3/8 20:30 晚上", "", msgBadClock},
	{"2025/3/8 20:3", "", msgBadClock},
	{"2025/1/1520:30", "", msgNotDate},
	{"3/8/2025", "", msgDayFirst},
	{"3/8/2025 8:30 PM", "", msgDayFirst},
	{"08-03-2025", "", msgDayFirst},
	{"2025/3/31 25:00", "", msgBadClock},
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
	{"15/1/2025", "", msgDayFirst},
	{"1/15/2025", "", msgDayFirst},
	{"1/15-2025", "", msgNotDate},
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

func TestParseDateTime(t *testing.T) {
	for _, tt := range dateCases {
		date, clock, timed, problem := parseDateTime(clean(tt.in))
		if problem != tt.problem {
			t.Errorf("parseDateTime(%q) problem %q; want %q", tt.in, problem, tt.problem)
			continue
		}
		if problem != "" {
			continue
		}
		got := date.Format(time.DateOnly)
		if timed {
			got += " " + date.Add(clock).Format(time.TimeOnly)
		}
		if got != tt.want || date.Location() != time.UTC || date.Hour() != 0 || date.Minute() != 0 {
			t.Errorf("parseDateTime(%q) = %v + %v (timed %v); want %s", tt.in, date, clock, timed, tt.want)
		}
	}
}
