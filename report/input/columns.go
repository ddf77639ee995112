package input

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// record is one plan row as the table binds it (see table.bind). The csv
// tag of each field lists the headers that name its column: the
// English name first, then the synonyms in English, Traditional and
// Simplified Chinese and Japanese, as marketing teams write them. Headers
// are compared by headerKey (width folded, lower-cased, spaces and a unit
// in brackets removed), so "好友數 (人)", "Friends (people)" and "發送 次數"
// need no entry of their own. A plan tag marks the columns a plan must
// have. These tags are the one column table: the reader, the error
// messages, the README and the tests all read it from here
// (TestColumnSynonyms has a case per entry). The field order is the order
// of the f* constants.
type record struct {
	Date     dateCell    `csv:"date,日期,發送日期,推播日期,預計發送日,发送日期,配信日,send date" plan:"required"`
	Account  textCell    `csv:"account,帳號,官方帳號,LINE帳號,LINE 官方帳號,品牌,账号,官方账号,アカウント,brand,OA,LINE account"`
	Campaign textCell    `csv:"campaign,活動,活動名稱,活动,活动名称,キャンペーン" plan:"required"`
	Segment  textCell    `csv:"segment,分眾,受眾,目標分眾,分众,セグメント"`
	Friends  countCell   `csv:"friends,好友數,目標好友數,目標人數,發送人數,人數,受眾人數,好友数,目标好友数,人数,友だち数,recipients,audience,target" plan:"required"`
	Sends    countCell   `csv:"sends,發送次數,推播次數,推播數,發送數,次數,发送次数,次数,配信回数,pushes,times"`
	Bubbles  countCell   `csv:"bubbles,對話框,對話框數,泡泡數,訊息數量,則數,訊息則數,对话框数,吹き出し数,messages per send"`
	Channel  channelCell `csv:"channel,管道,發送方式,发送方式,配信方法"`
	Blocked  blockedCell `csv:"blocked,封鎖,封鎖數,封鎖人數,封鎖率,封鎖比例,封锁,封锁率,ブロック数,ブロック率,block rate"`
	Time     clockCell   `csv:"time,發送時間,時間,发送时间,配信時間,send time"`
}

// Field indexes: the fields of record in order.
const (
	fDate = iota
	fAccount
	fCampaign
	fSegment
	fFriends
	fSends
	fBubbles
	fChannel
	fBlocked
	fTime
	numFields
)

// cells returns the cell of every field, by field index.
func (r *record) cells() [numFields]*cell {
	return [numFields]*cell{
		&r.Date.cell, &r.Account.cell, &r.Campaign.cell, &r.Segment.cell,
		&r.Friends.cell, &r.Sends.cell, &r.Bubbles.cell, &r.Channel.cell, &r.Blocked.cell,
		&r.Time.cell,
	}
}

// set passes text, the cell of field f's column, to that field.
func (r *record) set(f int, text string) error {
	switch f {
	case fDate:
		return r.Date.UnmarshalCSV(text)
	case fAccount:
		return r.Account.UnmarshalCSV(text)
	case fCampaign:
		return r.Campaign.UnmarshalCSV(text)
	case fSegment:
		return r.Segment.UnmarshalCSV(text)
	case fFriends:
		return r.Friends.UnmarshalCSV(text)
	case fSends:
		return r.Sends.UnmarshalCSV(text)
	case fBubbles:
		return r.Bubbles.UnmarshalCSV(text)
	case fChannel:
		return r.Channel.UnmarshalCSV(text)
	case fBlocked:
		return r.Blocked.UnmarshalCSV(text)
	case fTime:
		return r.Time.UnmarshalCSV(text)
	}
	return fmt.Errorf("no field %d", f)
}

// Column describes one column of the plan file format.
type Column struct {
	Name     string   // English header: date
	Aliases  []string // the other headers of the column: 日期, 發送日期, send date
	Required bool
}

// Columns lists the columns of a plan file with every header each is
// known by, in the order of the column table of the README.
func Columns() []Column {
	cols := slices.Clone(columns)
	for i := range cols {
		cols[i].Aliases = slices.Clone(cols[i].Aliases)
	}
	return cols
}

// columns is the column table, read from the tags of record.
var columns = func() []Column {
	t := reflect.TypeFor[record]()
	cols := make([]Column, t.NumField())
	for i := range cols {
		f := t.Field(i)
		names := strings.Split(f.Tag.Get("csv"), ",")
		cols[i] = Column{Name: names[0], Aliases: names[1:], Required: f.Tag.Get("plan") == "required"}
	}
	return cols
}()

// fieldOf maps the headerKey of every header in the column table to its
// field index.
var fieldOf = func() map[string]int {
	m := map[string]int{}
	for f, c := range columns {
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			k := headerKey(name)
			if g, dup := m[k]; dup && g != f {
				panic("column table: " + name + " names two columns")
			}
			m[k] = f
		}
	}
	return m
}()

// normalizeHeader is the first step of headerKey: full-width letters folded
// (ＤＡＴＥ is date), zero-width characters and the byte-order mark
// removed, surrounding spaces trimmed, inner runs of spaces made one, and
// letters lower-cased.
func normalizeHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\uFEFF' || r == '\u200B' || r == '\u200C' || r == '\u200D' {
			return -1
		}
		return r
	}, clean(s))
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// headerKey is how the reader compares a header with the column table:
// normalizeHeader, then a unit in brackets removed ("好友數 (人)",
// "friends [people]", "好友數【人】") and every space removed ("發送 次數"
// is 發送次數, "send date" is senddate). A header that is nothing but
// brackets keeps them.
func headerKey(s string) string {
	s = normalizeHeader(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '【' || r == '〔':
			depth++
		case (r == ')' || r == ']' || r == '】' || r == '〕') && depth > 0:
			depth--
		case depth == 0 && r != ' ':
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return strings.ReplaceAll(s, " ", "")
	}
	return b.String()
}
