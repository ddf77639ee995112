package report

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"linecost/pricing"
	"linecost/report/input"
)

// spill keeps the valid rows of a run in a temporary file, in a compact
// binary form, so that the rows can be handed out again after pricing
// without holding them in memory or parsing the plans twice. File names
// and accounts, which repeat on every row, are stored once and referred
// to by number.
//
// A row is: file, line, account (uvarints), date (varint days since
// 1970-01-01), the billing day (varint days after the date: -1, 0 or 1),
// the send time (uvarint seconds after midnight + 1; 0 for none),
// campaign and segment (uvarint length + bytes), friends, blocked, sends,
// bubbles, messages (uvarints) and the channel (a byte).
type spill struct {
	f       *os.File
	w       *bufio.Writer
	files   []string
	fileNo  map[string]uint64
	names   []string
	nameNo  map[string]uint64
	scratch []byte
	rows    int
}

func newSpill(dir string) (*spill, error) {
	f, err := os.CreateTemp(dir, "linecost-rows-*")
	if err != nil {
		return nil, err
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<16), fileNo: map[string]uint64{}, nameNo: map[string]uint64{}}, nil
}

func (s *spill) intern(v string, list *[]string, no map[string]uint64) uint64 {
	n, ok := no[v]
	if !ok {
		n = uint64(len(*list))
		no[v] = n
		*list = append(*list, v)
	}
	return n
}

// add appends r.
func (s *spill) add(r input.Row) error {
	b := s.scratch[:0]
	b = binary.AppendUvarint(b, s.intern(r.File, &s.files, s.fileNo))
	b = binary.AppendUvarint(b, uint64(r.Line))
	b = binary.AppendUvarint(b, s.intern(r.Account, &s.names, s.nameNo))
	days := r.Date.Unix() / 86400
	b = binary.AppendVarint(b, days)
	b = binary.AppendVarint(b, r.Billed.Unix()/86400-days)
	var clock uint64
	if r.Timed {
		clock = uint64(r.Time/time.Second) + 1
	}
	b = binary.AppendUvarint(b, clock)
	b = appendString(b, r.Campaign)
	b = appendString(b, r.Segment)
	for _, n := range []int64{r.Friends, r.Blocked, r.Sends, r.Bubbles, r.Messages} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = append(b, byte(r.Channel))
	s.scratch = b
	s.rows++
	_, err := s.w.Write(b)
	return err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// finish flushes what add wrote; each then reads it back.
func (s *spill) finish() error { return s.w.Flush() }

// each calls fn with every row, in the order they were added.
func (s *spill) each(fn func(input.Row) error) error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	d := &spillDecoder{r: bufio.NewReaderSize(s.f, 1<<16)}
	for range s.rows {
		row := input.Row{
			File:    s.files[d.uvarint()],
			Line:    int(d.uvarint()),
			Account: s.names[d.uvarint()],
		}
		days := d.varint()
		row.Date = time.Unix(days*86400, 0).UTC()
		row.Billed = time.Unix((days+d.varint())*86400, 0).UTC()
		if clock := d.uvarint(); clock > 0 {
			row.Time, row.Timed = time.Duration(clock-1)*time.Second, true
		}
		row.Campaign, row.Segment = d.string(), d.string()
		row.Friends, row.Blocked, row.Sends, row.Bubbles, row.Messages =
			int64(d.uvarint()), int64(d.uvarint()), int64(d.uvarint()), int64(d.uvarint()), int64(d.uvarint())
		row.Channel = pricing.Channel(d.byte())
		if d.err != nil {
			return fmt.Errorf("reading the spooled rows back: %w", d.err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}

// spillDecoder reads spilled values; after the first error every read
// returns zero and err keeps that error.
type spillDecoder struct {
	r   *bufio.Reader
	buf []byte
	err error
}

func (d *spillDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var n uint64
	n, d.err = binary.ReadUvarint(d.r)
	return n
}

func (d *spillDecoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	var n int64
	n, d.err = binary.ReadVarint(d.r)
	return n
}

func (d *spillDecoder) byte() byte {
	if d.err != nil {
		return 0
	}
	var c byte
	c, d.err = d.r.ReadByte()
	return c
}

func (d *spillDecoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if uint64(cap(d.buf)) < n {
		d.buf = make([]byte, n)
	}
	_, d.err = io.ReadFull(d.r, d.buf[:n])
	return string(d.buf[:n])
}

// close removes the file.
func (s *spill) close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := errors.Join(s.f.Close(), os.Remove(s.f.Name()))
	s.f = nil
	return err
}
