package input

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"linecost/pricing"
)

// The field types of record. gocsv passes the text of each cell, empty
// cells included, to UnmarshalCSV (through record.UnmarshalCSVWithFields);
// a column missing from the file, or a cell past the end of a short CSV
// row, is never unmarshalled.
//
// UnmarshalCSV never returns an error: gocsv would stop the whole file at
// the first bad cell, and a person fixing a plan wants every problem of
// every row in one run. Each type keeps the cell's text and what is wrong
// with it instead; the reader turns that into an Error with the cell's
// position, which gocsv does not know.

// cell is what every field type records about its cell.
type cell struct {
	text  string // exactly as in the file
	set   bool   // UnmarshalCSV was called
	empty bool   // nothing but spaces
	bad   string // what is wrong with text; "" when it parsed
}

// read records s and returns its clean form, or "" for an empty cell.
func (c *cell) read(s string) string {
	c.text, c.set = s, true
	v := clean(s)
	c.empty = v == ""
	return v
}

// textCell is free text: an account, campaign or segment name. Spaces
// around it are trimmed; the rest is kept as written (full-width
// characters in names are not folded).
type textCell struct {
	cell
	value string
}

func (c *textCell) UnmarshalCSV(s string) error {
	c.value = strings.TrimFunc(s, isBlank)
	// This is what read records, without folding s only to see whether it
	// is empty: folding makes no character blank and no blank a character
	// (TestTextCellEmptyEveryRune).
	c.cell = cell{text: s, set: true, empty: c.value == ""}
	return nil
}

// countCell is a whole number >= 0 (see parseWhole).
type countCell struct {
	cell
	n int64
}

func (c *countCell) UnmarshalCSV(s string) error {
	if v := c.read(s); v != "" {
		c.n, c.bad = parseWhole(v)
	}
	return nil
}

// blockedCell is a count of friends, or a percentage of them (12%).
type blockedCell struct {
	cell
	n         int64
	percent   decimal.Decimal // when isPercent
	isPercent bool            // the cell is a percentage (held in a field, not behind a pointer: a pointer cost an allocation per row)
}

func (c *blockedCell) UnmarshalCSV(s string) error {
	v := c.read(s)
	switch {
	case v == "":
	case strings.HasSuffix(v, "%"):
		c.percent, c.bad = parsePercent(v)
		c.isPercent = true
	default:
		c.n, c.bad = parseWhole(v)
		if c.bad == msgNotWhole {
			c.bad = msgNotBlocked
		}
	}
	return nil
}

// dateCell is a send date, with or without a time of day (see
// parseDateTime).
type dateCell struct {
	cell
	t     time.Time     // midnight UTC of the date
	clock time.Duration // the time of day, when timed
	timed bool
}

func (c *dateCell) UnmarshalCSV(s string) error {
	c.clock, c.timed = 0, false
	if v := c.read(s); v != "" {
		c.t, c.clock, c.timed, c.bad = parseDateTime(v)
	}
	return nil
}

// clockCell is a send time of day (see parseClock).
type clockCell struct {
	cell
	clock time.Duration
}

func (c *clockCell) UnmarshalCSV(s string) error {
	if v := c.read(s); v != "" {
		c.clock, c.bad = parseClock(v)
	}
	return nil
}

// channelCell is a send channel (see pricing.ParseChannel); full-width
// letters are folded first, so ＡＰＩ is api.
type channelCell struct {
	cell
	c pricing.Channel
}

const msgNotChannel = "not a channel (want manager, 後台, oa, api, push or messaging api)"

func (c *channelCell) UnmarshalCSV(s string) error {
	if v := c.read(s); v != "" {
		var err error
		if c.c, err = pricing.ParseChannel(v); err != nil {
			c.bad = msgNotChannel
		}
	}
	return nil
}
