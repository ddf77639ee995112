package input

import "testing"

func TestParseWhole(t *testing.T) {
	tests := []struct {
		in      string // as in the cell, before clean
		want    int64
		problem string
	}{
		{"12000", 12000, ""},
		{"12,000", 12000, ""},
		{"1,234,567", 1234567, ""},
		{"１２，０００", 12000, ""},
		{"１２０００", 12000, ""},
		{"  12000  ", 12000, ""},
		{"\u300012000\u3000", 12000, ""}, // ideographic spaces
		{"0", 0, ""},
		{"0120", 120, ""}, // never octal
		{"000", 0, ""},
		{"9223372036854775807", 9223372036854775807, ""},
		{"9,223,372,036,854,775,807", 9223372036854775807, ""},
		{"9223372036854775808", 0, msgTooLarge},
		{"99999999999999999999", 0, msgTooLarge},
		{"12.5", 0, msgNotWhole},
		{"12.0", 12, ""},
		{"12,000.00", 12000, ""},
		{"12000.0", 12000, ""},
		{"12,000.50", 0, msgNotWhole},
		{"12.05", 0, msgNotWhole},
		{".00", 0, msgNotWhole},
		{"12.", 0, msgNotWhole},
		{"12.0.0", 0, msgNotWhole},
		{"1,2000.00", 0, msgGrouping},
		{"-12.00", 0, msgNegative},
		{"１２．５", 0, msgNotWhole},
		{"-5", 0, msgNegative},
		{"－５", 0, msgNegative}, // full-width minus
		{"\u22125", 0, msgNegative},
		{"-1,200", 0, msgNegative},
		{"-0.5", 0, msgNegative},
		{"(1,200)", 0, msgNegative},
		{"-", 0, msgNotWhole},
		{"--5", 0, msgNotWhole},
		{"+5", 0, msgNotWhole},
		{"0x1F", 0, msgNotWhole},
		{"1e3", 0, msgNotWhole},
		{"1.2E+4", 0, msgNotWhole},
		{"12x", 0, msgNotWhole},
		{"twelve", 0, msgNotWhole},
		{"一萬", 0, msgNotWhole},
		{"12 000", 0, msgNotWhole},
		{"1_000", 0, msgNotWhole},
		{"1,2000", 0, msgGrouping},
		{"12,00", 0, msgGrouping},
		{"1234,567", 0, msgGrouping},
		{",123", 0, msgGrouping},
		{"123,", 0, msgGrouping},
		{"1,,234", 0, msgGrouping},
		{",", 0, msgGrouping},
	}
	for _, tt := range tests {
		got, problem := parseWhole(clean(tt.in))
		if got != tt.want || problem != tt.problem {
			t.Errorf("parseWhole(%q) = %d, %q; want %d, %q", tt.in, got, problem, tt.want, tt.problem)
		}
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		problem string
	}{
		{"12%", "12", ""},
		{"12 %", "12", ""},
		{"12.5%", "12.5", ""},
		{"１２％", "12", ""},
		{"0%", "0", ""},
		{"100%", "100", ""},
		{"100.0%", "100", ""},
		{"0.05%", "0.05", ""},
		{"100.01%", "", msgPercentRange},
		{"120%", "", msgPercentRange},
		{"-5%", "", msgNegative},
		{"%", "", msgNotBlocked},
		{"x%", "", msgNotBlocked},
		{".5%", "", msgNotBlocked},
		{"5.%", "", msgNotBlocked},
		{"1,000%", "", msgPercentRange},
		{"1,00%", "", msgNotBlocked},
		{"5%%", "", msgNotBlocked},
	}
	for _, tt := range tests {
		got, problem := parsePercent(clean(tt.in))
		if problem != tt.problem || problem == "" && got.String() != tt.want {
			t.Errorf("parsePercent(%q) = %s, %q; want %s, %q", tt.in, got, problem, tt.want, tt.problem)
		}
	}
}

func TestBlockedCell(t *testing.T) {
	tests := []struct {
		in      string
		n       int64
		percent string // "" for a count
		problem string
	}{
		{"120", 120, "", ""},
		{"1,200", 1200, "", ""},
		{"12%", 0, "12", ""},
		{"１２．５％", 0, "12.5", ""},
		{"0.12", 0, "", msgNotBlocked},
		{"some", 0, "", msgNotBlocked},
		{"-3", 0, "", msgNegative},
		{"1,20", 0, "", msgGrouping},
	}
	for _, tt := range tests {
		var c blockedCell
		c.UnmarshalCSV(tt.in)
		percent := ""
		if c.isPercent {
			percent = c.percent.String()
		}
		if c.n != tt.n || percent != tt.percent || c.bad != tt.problem || c.text != tt.in {
			t.Errorf("blockedCell(%q) = %d, %q, %q; want %d, %q, %q", tt.in, c.n, percent, c.bad, tt.n, tt.percent, tt.problem)
		}
	}
}
