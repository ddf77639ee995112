package input

import (
	"reflect"
	"slices"
	"testing"
)

// TestColumns pins the column table to the plan format of issue 3: if a
// header or alias changes, the README and marketing's templates must too.
func TestColumns(t *testing.T) {
	// The synonyms of the issues (3 and 10) are all there: TestColumnSynonyms
	// reads a plan with each.
	want := map[string][]string{
		"date":     {"日期", "發送日期", "推播日期", "預計發送日", "send date"},
		"account":  {"帳號", "官方帳號", "LINE帳號", "LINE 官方帳號", "OA", "品牌", "brand"},
		"campaign": {"活動", "活動名稱"},
		"segment":  {"分眾", "受眾", "目標分眾"},
		"friends":  {"好友數", "目標好友數", "目標人數", "發送人數", "人數", "受眾人數", "recipients", "audience", "target"},
		"sends":    {"發送次數", "推播次數", "推播數", "發送數", "次數", "发送次数", "pushes", "times", "配信回数"},
		"bubbles":  {"對話框", "對話框數", "泡泡數", "訊息數量", "messages per send"},
		"channel":  {"管道", "發送方式"},
		"blocked":  {"封鎖", "封鎖數", "封鎖人數", "封鎖率", "封鎖比例", "block rate"},
		"time":     {"發送時間", "時間"},
	}
	required := map[string]bool{"date": true, "campaign": true, "friends": true}
	if len(Columns()) != len(want) {
		t.Errorf("%d columns; want %d", len(Columns()), len(want))
	}
	for _, c := range Columns() {
		for _, a := range want[c.Name] {
			if !slices.Contains(c.Aliases, a) {
				t.Errorf("column %s lacks the synonym %q", c.Name, a)
			}
		}
		if c.Required != required[c.Name] {
			t.Errorf("column %s: required %v", c.Name, c.Required)
		}
	}
	c := Columns()
	c[0].Aliases[0] = "changed"
	if Columns()[0].Aliases[0] != "日期" {
		t.Error("Columns() shares its slices with the reader")
	}
	// The field constants follow record's fields.
	names := map[int]string{fDate: "Date", fAccount: "Account", fCampaign: "Campaign", fSegment: "Segment",
		fFriends: "Friends", fSends: "Sends", fBubbles: "Bubbles", fChannel: "Channel", fBlocked: "Blocked", fTime: "Time"}
	rt := reflect.TypeFor[record]()
	if rt.NumField() != numFields {
		t.Fatalf("record has %d fields; numFields is %d", rt.NumField(), numFields)
	}
	for f, name := range names {
		if rt.Field(f).Name != name {
			t.Errorf("field %d is %s; want %s", f, rt.Field(f).Name, name)
		}
	}
	// cells() returns each field's own cell.
	var r record
	r.Friends.UnmarshalCSV("7")
	r.Channel.UnmarshalCSV("x")
	cells := r.cells()
	if cells[fFriends].text != "7" || cells[fChannel].text != "x" || cells[fSends].set {
		t.Errorf("cells() does not follow the field order")
	}
}

func TestNormalizeHeader(t *testing.T) {
	for in, want := range map[string]string{
		"date":           "date",
		"  Date ":        "date",
		"DATE":           "date",
		"ＤＡＴＥ":           "date",
		"\uFEFFdate":     "date",
		"da\u200Bte":     "date",
		"\u3000日期\u3000": "日期",
		"目標  好友數":        "目標 好友數",
		"Oa\tManager":    "oa manager",
		"":               "",
	} {
		if got := normalizeHeader(in); got != want {
			t.Errorf("normalizeHeader(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestHeaderAliases(t *testing.T) {
	// Every alias binds its column through gocsv, in any order.
	plan := "發送方式,封鎖數,對話框數,發送次數,目標好友數,目標分眾,活動名稱,官方帳號,發送日期\n" +
		"api,1,6,2,10,VIP,春節,咖啡店,2025/1/15\n"
	rows, _, err := readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	r := rows[0]
	if r.Channel.String() != "api" || r.Blocked != 1 || r.Bubbles != 6 || r.Sends != 2 || r.Friends != 10 ||
		r.Segment != "VIP" || r.Campaign != "春節" || r.Account != "咖啡店" || r.Date.Day() != 15 || r.Messages != 2*9*2 {
		t.Errorf("row %+v", r)
	}
	plan = "Channel,BLOCKED,Bubbles,Sends,Friends,Segment,Campaign,Account,Date\n" +
		"push,10%,1,1,10,all,x,y,2025-01-15\n"
	rows, _, err = readText(t, "plan.csv", []byte(plan), Options{})
	if err != nil || len(rows) != 1 || rows[0].Blocked != 1 || rows[0].Account != "y" {
		t.Errorf("English headers in another order: %+v, %v", rows, err)
	}
}
