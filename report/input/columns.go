package input

import (
	"reflect"
	"slices"
	"strings"

	"github.com/gocarina/gocsv"
)

// record is one plan row as gocsv binds it (see UnmarshalCSVWithFields).
// The csv tag of each field lists the headers that name its column: the
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

// UnmarshalCSVWithFields implements gocsv.TypeUnmarshalCSVWithFields:
// gocsv hands over every cell with the header of its column, normalized
// (see init), and the cell goes to the field whose csv tag names that
// header (fieldOf is read from the tags).
//
// Without this method gocsv would find the field by the same tags, by
// reflection: for every cell it copies the field's value to the heap
// (reflect.Value.Interface) only to look for its UnmarshalCSV method.
// That allocation and the reflection made binding the largest cost of
// reading a plan; routed here, BenchmarkReadFiles reads about a third
// more rows per second.
func (r *record) UnmarshalCSVWithFields(header, text string) error {
	if f, ok := fieldOf[header]; ok {
		return r.field(f).UnmarshalCSV(text)
	}
	return nil
}

// field returns the field of record with index f.
func (r *record) field(f int) gocsv.TypeUnmarshaller {
	switch f {
	case fDate:
		return &r.Date
	case fAccount:
		return &r.Account
	case fCampaign:
		return &r.Campaign
	case fSegment:
		return &r.Segment
	case fFriends:
		return &r.Friends
	case fSends:
		return &r.Sends
	case fBubbles:
		return &r.Bubbles
	case fChannel:
		return &r.Channel
	case fTime:
		return &r.Time
	}
	return &r.Blocked
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

// normalizeHeader is how gocsv sees headers: full-width letters folded
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

// gocsv keeps its settings in package variables. They are set here and
// nowhere else.
func init() {
	gocsv.TagName = "csv"
	gocsv.TagSeparator = ","
	// Headers reach gocsv as written and are matched to the tags above
	// after the same normalization the reader uses for its own checks.
	gocsv.SetHeaderNormalizer(normalizeHeader)
	// Optional columns may be absent, so gocsv must not require every tag;
	// the reader reports missing required columns itself, with a position.
	gocsv.FailIfUnmatchedStructTags = false
	// Duplicates are found by the reader before gocsv sees a row, aliases
	// included ("date" and "日期" are the same column), with positions.
	// gocsv's own check compares raw names only, and would reject the
	// empty headers of the blank trailing columns Excel leaves.
	gocsv.FailIfDoubleHeaderNames = false
	gocsv.ShouldAlignDuplicateHeadersWithStructFieldOrder = false
}
