package input

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"linecost/pricing"
)

// readText reads one plan, given as its content, from a file named name
// in a temporary directory, and returns the rows, warnings and error.
func readText(t *testing.T, name string, content []byte, opts Options) ([]Row, []Warning, error) {
	t.Helper()
	t.Chdir(t.TempDir())
	if err := os.WriteFile(name, content, 0o644); err != nil {
		t.Fatal(err)
	}
	var rows []Row
	_, warns, err := ReadFiles([]string{name}, opts, func(r Row) error {
		rows = append(rows, r)
		return nil
	})
	return rows, warns, err
}

// errorLines is err as the lines a person reads.
func errorLines(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

const header = "date,campaign,segment,friends,sends,bubbles,channel,blocked\n"

// malformed are plans with problems and the exact errors they give. They
// also seed FuzzRead.
var malformed = []struct {
	name, plan, want string
}{
	{"text", header + "2025-01-15,Spring,all,12x,1,1,manager,0\n", `plan.csv:2:23: friends: not a whole number: "12x"`},
	{"decimal", header + "2025-01-15,Spring,all,12.5,1,1,manager,0\n", `plan.csv:2:23: friends: not a whole number: "12.5"`},
	{"negative", header + "2025-01-15,Spring,all,-1,1,1,manager,0\n", `plan.csv:2:23: friends: must not be negative: "-1"`},
	{"hex", header + "2025-01-15,Spring,all,0x10,1,1,manager,0\n", `plan.csv:2:23: friends: not a whole number: "0x10"`},
	{"grouping", header + "2025-01-15,Spring,all,\"12,00\",1,1,manager,0\n", `plan.csv:2:23: friends: thousands separators must group three digits: "12,00"`},
	{"empty required", header + "2025-01-15,Spring,all,  ,1,1,manager,0\n", `plan.csv:2:23: friends: required, but the cell is empty`},
	{"zero sends", header + "2025-01-15,Spring,all,1,0,1,manager,0\n", `plan.csv:2:25: sends: must be at least 1: "0"`},
	{"zero bubbles", header + "2025-01-15,Spring,all,1,1,0,manager,0\n", `plan.csv:2:27: bubbles: must be at least 1: "0"`},
	{"blocked over friends", header + "2025-01-15,Spring,all,10,1,1,manager,11\n", `plan.csv:2:38: blocked: more than the 10 friends: "11"`},
	{"blocked over 100%", header + "2025-01-15,Spring,all,10,1,1,manager,101%\n", `plan.csv:2:38: blocked: percentage over 100%: "101%"`},
	{"impossible date", header + "2025-02-29,Spring,all,1,1,1,manager,0\n", `plan.csv:2:1: date: no such date: "2025-02-29"`},
	{"two-digit year", header + "25/2/1,Spring,all,1,1,1,manager,0\n", `plan.csv:2:1: date: two-digit year is ambiguous (write 2025, or the ROC year 114): "25/2/1"`},
	{"channel", header + "2025-01-15,Spring,all,1,1,1,sms,0\n", `plan.csv:2:29: channel: not a channel (want manager, 後台, oa, api, push or messaging api): "sms"`},
	{"short row", header + "2025-01-15,Spring\n", `plan.csv:2:18: friends: required, but the row ends before this column`},
	{"short row, CRLF", strings.ReplaceAll(header, "\n", "\r\n") + "2025-01-15,Spring\r\n", `plan.csv:2:18: friends: required, but the row ends before this column`},
	{"after a multi-line cell, CRLF", "date,campaign,friends\r\n2025-01-15,\"a\r\nb\r\nc\",1\r\n2025-01-16,d,x\r\n", `plan.csv:5:14: friends: not a whole number: "x"`},
	{"position in a multi-line row", "date,campaign,friends\n2025-01-15,\"a\nbc\",x\n", `plan.csv:3:5: friends: not a whole number: "x"`},
	{"characters, not bytes", "date,campaign,friends\n2025-01-15,春節促銷,x\n", `plan.csv:2:17: friends: not a whole number: "x"`},
	{"leading blank lines", "\n\n,,\ndate,campaign,friends\n2025-01-15,a,x\n", `plan.csv:5:14: friends: not a whole number: "x"`},
	{"sep line", "sep=;\ndate;campaign;friends\n2025-01-15;a;x\n", `plan.csv:3:14: friends: not a whole number: "x"`},
	{"stray quote", "date,campaign,friends\n2025-01-15,a\"b,1\n", `plan.csv:2:13: stray quote (") in a cell that does not start with a quote`},
	{"text after a closing quote", "date,campaign,friends\n2025-01-15,\"a\"b,1\n", `plan.csv:2:14: quote (") not closed, or followed by text before the next delimiter`},
	{"unclosed quote", "date,campaign,friends\n2025-01-15,\"a,1\n2025-01-16,b,2\n", `plan.csv:2:12: quote (") is never closed`},
	{"unclosed quote after an escaped one", "date,campaign,friends\n2025-01-15,a,1\n2025-01-16,\"5\"\" banner,2\n", `plan.csv:3:12: quote (") is never closed`},
	{"missing columns", "date,segment\n2025-01-15,a\n", "plan.csv:1:1: no header row (one with every required column) in the first 2 rows; " +
		"the closest, line 1, is missing required columns \"campaign\" (or 活動, 活動名稱, 活动, …), \"friends\" (or 好友數, 目標好友數, 目標人數, …); " +
		"--column FIELD=HEADER names another header: \"date | segment\""},
	{"header only, after a title row", "2025 plan,,\ndate,campaign,friends\n", `plan.csv:2:1: no campaign rows below the header: "date | campaign | friends"`},
	{"header lacks a column", "date,segment\n", "plan.csv:1:1: the header row is missing required columns \"campaign\" (or 活動, 活動名稱, 活动, …), " +
		"\"friends\" (or 好友數, 目標好友數, 目標人數, …); --column FIELD=HEADER names another header: \"date | segment\""},
	{"look-alike header", "日期,活動,好友數,推送次數\n2025-01-15,a,100,3\n", "plan.csv:1:11: 推送次數: unknown header in column 4 looks like the sends column, " +
		"which the file lacks: give --column sends=推送次數 (or --column sends=D) to read it as sends, or rename it"},
	{"look-alike blocked", "date,campaign,friends,已封鎖好友\n2025-01-15,a,100,3\n", "plan.csv:1:23: 已封鎖好友: unknown header in column 4 looks like the blocked column, " +
		"which the file lacks: give --column blocked=已封鎖好友 (or --column blocked=D) to read it as blocked, or rename it"},
	{"friends with cents", "date,campaign,friends\n2025-01-15,a,\"12,000.50\"\n", `plan.csv:2:14: friends: not a whole number: "12,000.50"`},
	{"duplicate alias", "date,campaign,好友數,friends\n", `plan.csv:1:19: friends: duplicate column: same as "好友數" (column 3)`},
	{"duplicate after folding", "date,campaign,friends,ＦＲＩＥＮＤＳ\n", `plan.csv:1:23: ＦＲＩＥＮＤＳ: duplicate column: same as "friends" (column 3)`},
	{"empty", "", `plan.csv:1:1: no header row: the file is empty`},
	{"account cell empty", "account,date,campaign,friends\n ,2025-01-15,a,1\n", `plan.csv:2:1: account: the cell is empty (leave out the whole account column to name the account after the file)`},
	{"too many messages", "date,campaign,friends,sends,bubbles\n2025-01-15,a,9223372036854775807,2,1\n", `plan.csv:2:1: the row's billable messages are too many to count`},
	{"row past the limit", "date,campaign,friends\n2025-01-15,a,1000000000000\n2025-01-16,b,1000000000001\n", `plan.csv:3:1: 1000000000001 billable messages in one row: more than the limit of 1000000000000 (1e12): a typo?`},
	{"every problem of a row", header + "2025-02-30,,all,-1,0,x,fax,200%\n", "plan.csv:2:1: date: no such date: \"2025-02-30\"\n" +
		"plan.csv:2:12: campaign: required, but the cell is empty\n" +
		"plan.csv:2:17: friends: must not be negative: \"-1\"\n" +
		"plan.csv:2:20: sends: must be at least 1: \"0\"\n" +
		"plan.csv:2:22: bubbles: not a whole number: \"x\"\n" +
		"plan.csv:2:24: channel: not a channel (want manager, 後台, oa, api, push or messaging api): \"fax\"\n" +
		"plan.csv:2:28: blocked: percentage over 100%: \"200%\""},
	{"rows sorted by position", "date,campaign,friends\n2025-01-15,\"a,1\n", `plan.csv:2:12: quote (") is never closed`},
}

func TestReadMalformed(t *testing.T) {
	for _, tt := range malformed {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := readText(t, "plan.csv", []byte(tt.plan), Options{})
			if got := errorLines(err); got != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.want)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not Errors", err)
			}
			for _, r := range rows {
				for _, e := range errs {
					if e.Line == r.Line {
						t.Errorf("row at line %d was passed on although it has an error", r.Line)
					}
				}
			}
		})
	}
}

func TestReadRows(t *testing.T) {
	plan := "\uFEFF日期,官方帳號,活動名稱,受眾,目標好友數,次數,對話框,管道,封鎖\r\n" +
		"114/1/15,咖啡店,\"春節\r\n促銷\",全體,\"１２，０００\",2,4,後台,10%\r\n" +
		",,,,,,,,\r\n" +
		"2025-02-01,茶館,開幕,,800,,,Messaging API,\r\n" +
		",,,,,,,,\r\n"
	rows, warns, err := readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{File: "plan.csv", Line: 2, Account: "咖啡店", Campaign: "春節\n促銷", Segment: "全體",
			Date: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), Billed: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC),
			Friends: 12000, Blocked: 1200, Sends: 2, Bubbles: 4,
			Channel: pricing.Manager, Messages: 2 * 10800 * 2},
		{File: "plan.csv", Line: 5, Account: "茶館", Campaign: "開幕",
			Date: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), Billed: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
			Friends: 800, Sends: 1, Bubbles: 1,
			Channel: pricing.API, Messages: 800},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows:\n%+v\nwant:\n%+v", rows, want)
	}
	wantWarns := []Warning{{File: "plan.csv", Line: 2, Message: "對話框: 4 bubbles are over the manager limit of 3 per send: counted as 2 sends each",
		Chinese: "對話框：4 個對話框超過 manager 每次發送 3 個的上限：每次以 2 次發送計算"}}
	if !reflect.DeepEqual(warns, wantWarns) {
		t.Errorf("warnings %+v; want %+v", warns, wantWarns)
	}
	if m := rows[0].Month(); m != (pricing.Month{Year: 2025, Month: time.January}) {
		t.Errorf("Month() = %v", m)
	}
}

func TestReadFileInfo(t *testing.T) {
	t.Chdir(t.TempDir())
	files := map[string][]byte{
		"a.csv": []byte("date;campaign;friends\n2025-01-15;x;100\n2025-02-15;y;50\n"),
		"b.txt": mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "date\tcampaign\tfriends\taccount\r\n2025-01-15\tx\t7\tX\r\n2025-01-15\tx\t7\tY\r\n"),
		"c.csv": mustEncode(t, traditionalchinese.Big5, "日期,活動,好友數\r\n2025/3/1,春節,5\r\n"),
		"d.csv": append([]byte("\xEF\xBB\xBF"), "Plan 2025\ndate,campaign,friends,account\n2025-01-15,x,1,X\n合計,,1,\n"...),
	}
	var names []string
	for _, n := range []string{"a.csv", "b.txt", "c.csv", "d.csv"} {
		if err := os.WriteFile(n, files[n], 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	var order []string
	infos, warns, err := ReadFiles(names, Options{}, func(r Row) error {
		order = append(order, fmt.Sprintf("%s:%d", r.File, r.Line))
		return nil
	})
	if err != nil || len(warns) != 1 || warns[0].Line != 4 {
		t.Fatal(err, warns)
	}
	got := fmt.Sprint(order)
	if want := "[a.csv:2 a.csv:3 b.txt:2 b.txt:3 c.csv:2 d.csv:3]"; got != want {
		t.Errorf("rows in order %s; want %s", got, want)
	}
	want := []FileInfo{
		{File: "a.csv", Encoding: "utf-8", Delimiter: ";", Rows: 2, Accounts: 1, Months: 2, Messages: 150, Defaults: defaultsOf("a")},
		{File: "b.txt", Encoding: "utf-16le", Delimiter: "\t", Rows: 2, Accounts: 2, Months: 1, Messages: 14, Defaults: defaultsOf("")},
		{File: "c.csv", Encoding: "big5", Delimiter: ",", Rows: 1, Accounts: 1, Months: 1, Messages: 5, Defaults: defaultsOf("c")},
		{File: "d.csv", Encoding: "utf-8-bom", Delimiter: ",", Rows: 1, Accounts: 1, Months: 1, Messages: 1, Defaults: defaultsOf(""),
			TitleRows: []TitleRow{{1, "Plan 2025"}}, TotalRows: []int{4}},
	}
	for i := range infos {
		if len(infos[i].SHA256) != 64 {
			t.Errorf("%s: SHA256 %q", infos[i].File, infos[i].SHA256)
		}
		infos[i].SHA256 = ""
	}
	if !reflect.DeepEqual(infos, want) {
		t.Errorf("infos:\n%+v\nwant:\n%+v", infos, want)
	}
}

// defaultsOf is the Defaults of a file with only date, campaign and
// friends (and account, when fileAccount is "").
func defaultsOf(fileAccount string) []Default {
	var ds []Default
	if fileAccount != "" {
		ds = append(ds, Default{"account", fileAccount})
	}
	return append(ds, Default{"sends", "1"}, Default{"bubbles", "1"}, Default{"channel", "manager"}, Default{"blocked", "0"})
}

func TestReadSHA256(t *testing.T) {
	_, _, _ = readText(t, "p.csv", []byte("date,campaign,friends\n2025-01-15,a,1\n"), Options{})
	infos, _, err := ReadFiles([]string{"p.csv"}, Options{}, func(Row) error { return nil })
	// printf 'date,campaign,friends\n2025-01-15,a,1\n' | sha256sum
	const want = "3f42db57323731a6cb4b0f002ef916f820212142373dc757ae350160ae23be88"
	if err != nil || len(infos) != 1 || infos[0].SHA256 != want {
		t.Errorf("SHA256 = %+v, %v; want %s", infos, err, want)
	}
}

func mustEncode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
