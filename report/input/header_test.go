package input

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// synonymPlan is a plan whose column of field f has the header h and the
// other columns their English names, with one row whose value of f is
// recognisable: friends 100, sends 2, bubbles 4, blocked 10, account X,
// time 08:30.
func synonymPlan(f int, h string) string {
	names := []string{"date", "account", "campaign", "segment", "friends", "sends", "bubbles", "channel", "blocked", "time"}
	values := []string{"2025-01-15", "X", "Spring", "all", "100", "2", "4", "api", "10", "08:30"}
	names[f] = h
	return strings.Join(names, ",") + "\n" + strings.Join(values, ",") + "\n"
}

// TestColumnSynonyms reads a plan with every header of the column table,
// as written, with a unit in brackets, with spaces in it and upper-cased:
// each lands in its own column.
func TestColumnSynonyms(t *testing.T) {
	want := Row{Account: "X", Campaign: "Spring", Segment: "all", Friends: 100, Sends: 2, Bubbles: 4, Blocked: 10,
		Time: 8*time.Hour + 30*time.Minute, Timed: true}
	opts := Options{Zone: zone(t, "Asia/Taipei"), BillingZone: zone(t, "Asia/Tokyo")}
	for f, c := range Columns() {
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			for _, h := range []string{name, name + " (人)", name + "（人）", name + "【次】", spaced(name), strings.ToUpper(name)} {
				t.Run(c.Name+"/"+h, func(t *testing.T) {
					rows, _, err := readText(t, "plan.csv", []byte(synonymPlan(f, h)), opts)
					if err != nil || len(rows) != 1 {
						t.Fatalf("%v %v", rows, err)
					}
					r := rows[0]
					got := Row{Account: r.Account, Campaign: r.Campaign, Segment: r.Segment, Friends: r.Friends, Sends: r.Sends, Bubbles: r.Bubbles, Blocked: r.Blocked,
						Time: r.Time, Timed: r.Timed}
					if got != want || r.Date.Day() != 15 || r.Channel.String() != "api" {
						t.Errorf("header %q: row %+v", h, r)
					}
				})
			}
		}
	}
}

// spaced puts a space between the first and the rest of name: 發 送次數.
func spaced(name string) string {
	r := []rune(name)
	return string(r[:1]) + " " + string(r[1:])
}

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{
		"好友數 (人)":          "好友數",
		"好友數（人）":           "好友數",
		"Friends (people)": "friends",
		"發送 次數":            "發送次數",
		"send date":        "senddate",
		"friends [人]":      "friends",
		"好友數【人】":           "好友數",
		"(人)":              "(人)",
		"ＬＩＮＥ 帳號":          "line帳號",
	} {
		if got := headerKey(in); got != want {
			t.Errorf("headerKey(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestLookAlikes: an unknown header that looks like an absent column is an
// error; like a present one, or unrelated, a warning.
func TestLookAlikes(t *testing.T) {
	tests := []struct {
		header, field string // field "" for none
	}{
		{"推送次數", "sends"}, {"send count", "sends"}, {"push times", "sends"},
		{"已封鎖好友", "blocked"}, {"blocks", "blocked"},
		{"LINE 帳戶", "account"}, {"account name", "account"}, {"品牌名稱", "account"},
		{"對話框數量", "bubbles"}, {"泡泡", "bubbles"}, {"bubble count", "bubbles"},
		{"備註", ""}, {"負責人", ""}, {"notes", ""}, // 時間, 發送時間 and send time are the time column
		{"預計發送時間", "time"}, {"planned send time", "time"}, {"推播时间", "time"},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			plan := "date,campaign,friends," + tt.header + "\n2025-01-15,a,100,3\n"
			rows, warns, err := readText(t, "plan.csv", []byte(plan), Options{})
			if tt.field == "" {
				if err != nil || len(rows) != 1 || len(warns) != 1 || !strings.Contains(warns[0].Message, "ignored unknown column") {
					t.Errorf("%v %v %v", rows, warns, err)
				}
				return
			}
			flag := tt.field + "=" + tt.header
			if strings.Contains(flag, " ") {
				flag = strconv.Quote(flag)
			}
			want := fmt.Sprintf("looks like the %s column, which the file lacks: give --column %s (or --column %s=D)", tt.field, flag, tt.field)
			if err == nil || !strings.Contains(err.Error(), want) || len(rows) != 0 {
				t.Errorf("error %v; want one with %q", err, want)
			}
		})
	}
	// With its column present, a look-alike is only ignored.
	plan := "date,campaign,friends,sends,推送次數\n2025-01-15,a,100,2,3\n"
	rows, warns, err := readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil || len(rows) != 1 || rows[0].Sends != 2 || len(warns) != 1 {
		t.Errorf("%v %v %v", rows, warns, err)
	}
}

func TestColumnFlag(t *testing.T) {
	plan := "日期,活動,好友數,推送次數,封鎖\n2025-01-15,a,100,3,10\n"
	for _, spec := range []string{"sends=推送次數", "sends=D", "sends=d", "SENDS = 推送 次數"} {
		c, err := ParseColumnChoice(spec)
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := readText(t, "plan.csv", []byte(plan), Options{Columns: []ColumnChoice{c}})
		if err != nil || len(rows) != 1 || rows[0].Sends != 3 || rows[0].Messages != 270 {
			t.Errorf("--column %s: %v %v", spec, rows, err)
		}
	}
	// --column takes a column from its own header: the other is ignored.
	c, _ := ParseColumnChoice("blocked=D")
	rows, warns, err := readText(t, "plan.csv", []byte(plan), Options{Columns: []ColumnChoice{c}})
	if err != nil || len(rows) != 1 || rows[0].Blocked != 3 || len(warns) != 1 ||
		warns[0].Message != `ignored column "封鎖" (column 5): --column blocked takes "推送次數" (column 4)` {
		t.Errorf("%v %v %v", rows, warns, err)
	}
	for _, tt := range []struct{ spec, want string }{
		{"sends=發送", `plan.csv:1:1: --column sends=發送: no column has that header`},
		{"sends=H", `plan.csv:1:1: --column sends=H: the header has no column H`},
		{"friends=D", `plan.csv:1:1: --column friends=D: --column friends is given twice`},
	} {
		c, _ := ParseColumnChoice(tt.spec)
		cols := []ColumnChoice{c}
		if strings.HasPrefix(tt.spec, "friends") {
			cols = append(cols, c)
		}
		_, _, err := readText(t, "plan.csv", []byte(plan), Options{Columns: cols})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--column %s: %v; want %s", tt.spec, err, tt.want)
		}
	}
	for _, bad := range []string{"sends", "=x", "sends=", "nope=A"} {
		if _, err := ParseColumnChoice(bad); err == nil {
			t.Errorf("ParseColumnChoice(%q) accepted", bad)
		}
	}
}

func TestTitleRows(t *testing.T) {
	plan := "2025 Q1 LINE plan,,\nprepared by marketing,,\n\ndate,campaign,friends\n2025-01-15,a,100\n"
	t.Chdir(t.TempDir())
	writeFile(t, "plan.csv", plan)
	var n int
	infos, _, err := ReadFiles([]string{"plan.csv"}, Options{}, func(Row) error { n++; return nil })
	if err != nil || n != 1 {
		t.Fatal(n, err)
	}
	want := []TitleRow{{1, "2025 Q1 LINE plan"}, {2, "prepared by marketing"}}
	if fmt.Sprint(infos[0].TitleRows) != fmt.Sprint(want) {
		t.Errorf("title rows %v; want %v", infos[0].TitleRows, want)
	}
	// A title line without delimiters does not decide the delimiter.
	for _, d := range []string{";", "\t"} {
		plan := "2025 Q1 LINE plan\n\n" + strings.ReplaceAll("date,campaign,friends\n2025-01-15,a,100\n", ",", d)
		writeFile(t, "plan.csv", plan)
		infos, _, err := ReadFiles([]string{"plan.csv"}, Options{}, func(Row) error { return nil })
		if err != nil || infos[0].Delimiter != d || infos[0].Rows != 1 || len(infos[0].TitleRows) != 1 {
			t.Errorf("delimiter %q: %+v %v", d, infos, err)
		}
	}
	// Past the first 20 rows that are not blank, no header is looked for.
	plan = strings.Repeat("title,,\n", 20) + "date,campaign,friends\n2025-01-15,a,100\n"
	_, _, err = readText(t, "plan.csv", []byte(plan), Options{})
	if err == nil || !strings.Contains(err.Error(), "plan.csv:1:1: no header row (one with every required column) in the first 20 rows; the closest, line 1,") {
		t.Errorf("%v", err)
	}
	// The closest candidate is the one with the most required columns.
	plan = "Plan,,\ndate,campaign,人\n2025-01-15,a,100\n"
	_, _, err = readText(t, "plan.csv", []byte(plan), Options{})
	if err == nil || !strings.Contains(err.Error(), `the closest, line 2, is missing required column "friends"`) || !strings.HasSuffix(err.Error(), `"date | campaign | 人"`) {
		t.Errorf("%v", err)
	}
}

func TestTotalsRows(t *testing.T) {
	plan := "date,account,campaign,friends\n2025-01-15,A,a,100\n合計,,,100\n2025-01-16,Ｔｏｔａｌ,b,5\n2025-01-17,A,c,7\n ＳＵＭ：,,,112\n"
	rows, warns, err := readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil || len(rows) != 2 || rows[0].Friends+rows[1].Friends != 107 {
		t.Fatalf("%v %v", rows, err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.String())
	}
	want := []string{
		`plan.csv:3: date: skipped a totals row ("合計"): its numbers are not added`,
		`plan.csv:4: account: skipped a totals row ("Ｔｏｔａｌ"): its numbers are not added`,
		`plan.csv:6: date: skipped a totals row ("ＳＵＭ："): its numbers are not added`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAccountSpellings: names equal after NFKC and case folding are one
// account, across files, under the first spelling met.
func TestAccountSpellings(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "a.csv", "date,account,campaign,friends\n2025-01-15,ShopA,a,1\n2025-01-16,shopa,b,1\n2025-01-17,Other,c,1\n")
	writeFile(t, "b.csv", "date,account,campaign,friends\n2025-01-18,ＳｈｏｐＡ,d,1\n2025-01-19,SHOPA,e,1\n")
	writeFile(t, "shopa.csv", "date,campaign,friends\n2025-01-20,f,1\n")
	var accounts []string
	infos, warns, err := ReadFiles([]string{"a.csv", "b.csv", "shopa.csv"}, Options{}, func(r Row) error {
		accounts = append(accounts, r.Account)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[ShopA ShopA Other ShopA ShopA ShopA]"; fmt.Sprint(accounts) != want {
		t.Errorf("accounts %v; want %s", accounts, want)
	}
	if infos[0].Accounts != 2 || infos[1].Accounts != 1 {
		t.Errorf("infos %+v", infos)
	}
	want := `a.csv:3: account "ShopA" (first at a.csv:2) is also spelled "shopa" (a.csv:3, shopa.csv:2), "ＳｈｏｐＡ" (b.csv:2), "SHOPA" (b.csv:3): ` +
		`the same account after folding case and width, billed once as "ShopA"`
	if len(warns) != 1 || warns[0].String() != want {
		t.Errorf("warnings %v\nwant %s", warns, want)
	}
}

func TestHeaderOnly(t *testing.T) {
	for _, plan := range []string{"date,campaign,friends\n", "date,campaign,friends\n\n,,\n", "date,campaign,friends\nTotal,,0\n"} {
		_, _, err := readText(t, "plan.csv", []byte(plan), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), `plan.csv:1:1: no campaign rows below the header: "date | campaign | friends"`) {
			t.Errorf("%q: %v", plan, err)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA"} {
		if got := columnLetter(i); got != want || columnIndex(want) != i {
			t.Errorf("columnLetter(%d) = %q, columnIndex = %d", i, got, columnIndex(want))
		}
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTotalsKeys checks the claims hasTotalsKey rests on: every totals
// label has a key character, and every rune that folds (width, then case)
// to a key character of a label is a key itself, so that no cell that
// clean and strings.EqualFold would take for a label is skipped.
func TestTotalsKeys(t *testing.T) {
	keys := []string{"a", "u", "計", "计", "和"}
	for _, l := range totalsLabels {
		if !strings.ContainsAny(l, strings.Join(keys, "")) {
			t.Errorf("totals label %q has none of the key characters %q", l, keys)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		for _, f := range width.Fold.String(string(r)) {
			for _, k := range keys {
				if strings.EqualFold(string(f), k) && !totalsKey(r) {
					t.Errorf("%U folds to %q, which is %q but not a totals key", r, f, k)
				}
			}
		}
	}
	for _, s := range []string{"合計", " ＳＵＭ：", "Ｔｏｔａｌ", "ſum", "GRAND TOTAL", "總和"} {
		if !hasTotalsKey(s) {
			t.Errorf("hasTotalsKey(%q) = false", s)
		}
	}
	for _, s := range []string{"咖啡店", "民國114年1月15日", "2025-01-15", "Shop B", "TOTEL"} {
		if hasTotalsKey(s) {
			t.Errorf("hasTotalsKey(%q) = true", s)
		}
	}
}
