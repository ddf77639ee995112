package pricing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// The JSON shape of a catalog file. Built-in catalogs and users' own files
// share it; money and prices are decimal strings so that no value passes
// through a binary float.
type catalogFile struct {
	Name             string       `json:"name"`
	Region           string       `json:"region"`
	Currency         string       `json:"currency"`
	CurrencyDecimals *int32       `json:"currency_decimals"`
	TaxRate          *decimalText `json:"tax_rate"`
	EffectiveFrom    string       `json:"effective_from"`
	Verified         string       `json:"verified,omitempty"`
	Source           string       `json:"source"`
	SourceZH         string       `json:"source_zh,omitempty"`
	Notes            []string     `json:"notes,omitempty"`
	NotesZH          []string     `json:"notes_zh,omitempty"`
	Plans            []planFile   `json:"plans"`
}

type planFile struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	NameEN       string          `json:"name_en"`
	MonthlyFee   *decimalText    `json:"monthly_fee"`
	FreeMessages *int64          `json:"free_messages"`
	Additional   *additionalFile `json:"additional,omitempty"`
}

type additionalFile struct {
	Tiers []tierFile `json:"tiers"`
}

type tierFile struct {
	UpTo  *int64      `json:"up_to,omitempty"`
	Price decimalText `json:"price"`
}

// decimalText is an amount of money or a rate as the file writes it: a
// JSON string such as "0.2", read by [money].
type decimalText string

// ParseCatalog reads one catalog from the JSON in data. Unknown fields,
// missing fields, numbers where decimal strings belong and broken tier
// tables are errors that name the field; the caller adds the file name.
func ParseCatalog(data []byte) (Catalog, error) {
	// Windows Notepad starts UTF-8 files with a byte order mark, which JSON
	// does not allow. It takes no column: positions in errors stay true to
	// what an editor shows.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.Trim(data, " \t\r\n")) == 0 {
		return Catalog{}, errors.New("empty file: want a catalog JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineColumn(data, se.Offset)
			return Catalog{}, &SyntaxError{Line: line, Column: col, Msg: "not valid JSON: " + err.Error()}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			line, col := lineColumn(data, int64(len(data))+1)
			return Catalog{}, &SyntaxError{Line: line, Column: col, Msg: "not valid JSON: unexpected end of file"}
		}
		return Catalog{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Catalog{}, errors.New("unexpected data after the catalog object")
	}
	f, err := readCatalog(raw)
	if err != nil {
		return Catalog{}, err
	}
	c, err := f.catalog()
	if err != nil {
		return Catalog{}, err
	}
	return c, c.Validate()
}

// SyntaxError is a catalog file that is not JSON, at the position an editor
// shows: line and column (in characters) from 1.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg) }

// lineColumn is the position of the byte at offset in data as an editor
// shows it: line and column from 1, the column counted in characters. The
// decoder's offset points just past the byte it could not take; the
// position named is that byte's.
func lineColumn(data []byte, offset int64) (line, column int) {
	offset = min(max(offset-1, 0), int64(len(data)))
	// offset may be one past the end: the position after the last byte.
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// readCatalog reads the catalog object raw level by level, each list item
// on its own, so that an error names its place in the file:
// plans[1].additional.tiers[0].price.
func readCatalog(raw json.RawMessage) (catalogFile, error) {
	var f catalogFile
	var notes, notesZH, plans []json.RawMessage
	err := object(raw, "", map[string]any{
		"name": &f.Name, "region": &f.Region, "currency": &f.Currency,
		"currency_decimals": &f.CurrencyDecimals, "tax_rate": &f.TaxRate,
		"effective_from": &f.EffectiveFrom, "verified": &f.Verified, "source": &f.Source,
		"source_zh": &f.SourceZH, "notes": &notes, "notes_zh": &notesZH, "plans": &plans,
	})
	if err != nil {
		return catalogFile{}, err
	}
	for i, n := range notes {
		var note string
		if err := decode(n, fmt.Sprintf("notes[%d]", i), &note); err != nil {
			return catalogFile{}, err
		}
		f.Notes = append(f.Notes, note)
	}
	for i, n := range notesZH {
		var note string
		if err := decode(n, fmt.Sprintf("notes_zh[%d]", i), &note); err != nil {
			return catalogFile{}, err
		}
		f.NotesZH = append(f.NotesZH, note)
	}
	for i, p := range plans {
		pf, err := readPlan(p, fmt.Sprintf("plans[%d]", i))
		if err != nil {
			return catalogFile{}, err
		}
		f.Plans = append(f.Plans, pf)
	}
	return f, nil
}

// readPlan reads the plan object raw found at path, with its tiers.
func readPlan(raw json.RawMessage, path string) (planFile, error) {
	var pf planFile
	var additional json.RawMessage
	err := object(raw, path, map[string]any{
		"id": &pf.ID, "name": &pf.Name, "name_en": &pf.NameEN,
		"monthly_fee": &pf.MonthlyFee, "free_messages": &pf.FreeMessages,
		"additional": &additional,
	})
	if err != nil {
		return planFile{}, err
	}
	if additional == nil || string(additional) == "null" {
		return pf, nil // the plan sells no messages beyond its quota
	}
	path += ".additional"
	var tiers []json.RawMessage
	if err := object(additional, path, map[string]any{"tiers": &tiers}); err != nil {
		return planFile{}, err
	}
	pf.Additional = &additionalFile{}
	for j, t := range tiers {
		var tf tierFile
		err := object(t, fmt.Sprintf("%s.tiers[%d]", path, j), map[string]any{"up_to": &tf.UpTo, "price": &tf.Price})
		if err != nil {
			return planFile{}, err
		}
		pf.Additional.Tiers = append(pf.Additional.Tiers, tf)
	}
	return pf, nil
}

// object reads the JSON object raw, found at path ("" for the whole file),
// into fields: each key must be one of theirs, spelled exactly (encoding/json
// alone would take "Name_EN" for "name_en"), and given once. Each value is
// decoded into its field's pointer.
func object(raw json.RawMessage, path string, fields map[string]any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errorAt(path, "must be an object, not a JSON %s", kind(raw))
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return errorAt(path, "%v", err) // not reached: raw is valid JSON
		}
		key, _ := tok.(string) // in an object, always a string
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return errorAt(path, "%v", err) // not reached either
		}
		into, known := fields[key]
		switch {
		case !known:
			for k := range fields {
				if strings.EqualFold(k, key) {
					return errorAt(path, "unknown field %q (did you mean %q?)", key, k)
				}
			}
			return errorAt(path, "unknown field %q", key)
		case seen[key]:
			return errorAt(path, "field %q appears twice", key)
		}
		seen[key] = true
		at := key
		if path != "" {
			at = path + "." + key
		}
		if err := decode(value, at, into); err != nil {
			return err
		}
	}
	return nil
}

// decode decodes the JSON value found at path into the pointer into. A value
// of the wrong kind is an error that says, in the user's words, what it must be.
func decode(value json.RawMessage, path string, into any) error {
	err := json.Unmarshal(value, into)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		got := kind(value)
		if num, ok := strings.CutPrefix(te.Value, "number "); ok { // a number where a whole number belongs
			if !strings.ContainsAny(num, ".eE") {
				return errorAt(path, "out of range: %s", num) // whole, but too big
			}
			got += " " + num
		}
		return errorAt(path, "must be %s, not a JSON %s", want(into), got)
	}
	if err != nil {
		return errorAt(path, "%v", err)
	}
	return nil
}

// want describes what a value decoded into into must be.
func want(into any) string {
	switch into.(type) {
	case *string:
		return "a string"
	case *decimalText, **decimalText:
		return `a decimal string such as "0.2"`
	case **int32, **int64:
		return "a whole number"
	case *[]json.RawMessage:
		return "a list"
	}
	return "another kind of value" // not reached: every field's type is above
}

// kind names the kind of the JSON value raw as its error messages do.
func kind(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "value" // not reached: raw is one JSON value
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// errorAt returns an error, formatted as by fmt.Sprintf, about the value at
// path, or about the whole file when path is "".
func errorAt(path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if path == "" {
		return errors.New(msg)
	}
	return errors.New(path + ": " + msg)
}

func (f catalogFile) catalog() (Catalog, error) {
	if f.CurrencyDecimals == nil {
		return Catalog{}, errors.New("currency_decimals: missing")
	}
	tax, err := money("tax_rate", f.TaxRate)
	if err != nil {
		return Catalog{}, err
	}
	if f.EffectiveFrom == "" {
		return Catalog{}, errors.New("effective_from: missing")
	}
	from, err := time.Parse(time.DateOnly, f.EffectiveFrom)
	if err != nil {
		return Catalog{}, fmt.Errorf("effective_from: not a date (want YYYY-MM-DD): %q", f.EffectiveFrom)
	}
	if from.Year() < 2000 {
		// 0001-01-01 is also Go's zero time, which Validate would call
		// missing: it was given, and it is wrong.
		return Catalog{}, fmt.Errorf("effective_from: %q is before 2000, before any LINE tariff: want the day the prices took effect", f.EffectiveFrom)
	}
	var verified time.Time
	if f.Verified != "" {
		if verified, err = time.Parse(time.DateOnly, f.Verified); err != nil {
			return Catalog{}, fmt.Errorf("verified: not a date (want YYYY-MM-DD): %q", f.Verified)
		}
	}
	c := Catalog{
		Name: f.Name, Region: f.Region, Currency: f.Currency,
		CurrencyDecimals: *f.CurrencyDecimals, TaxRate: tax, EffectiveFrom: from,
		Verified: verified, Source: f.Source, Notes: f.Notes, SourceZH: f.SourceZH, NotesZH: f.NotesZH,
	}
	if len(f.NotesZH) > 0 && len(f.NotesZH) != len(f.Notes) {
		return Catalog{}, fmt.Errorf("notes_zh: %d notes, want one for each of the %d notes", len(f.NotesZH), len(f.Notes))
	}
	for i, pf := range f.Plans {
		field := fmt.Sprintf("plans[%d]", i)
		fee, err := money(field+".monthly_fee", pf.MonthlyFee)
		if err != nil {
			return Catalog{}, err
		}
		if pf.FreeMessages == nil {
			return Catalog{}, fmt.Errorf("%s.free_messages: missing", field)
		}
		p := Plan{ID: pf.ID, Name: pf.Name, NameEN: pf.NameEN, MonthlyFee: fee, FreeMessages: *pf.FreeMessages}
		if pf.Additional != nil {
			p.Tiers = []Tier{}
			for j, tf := range pf.Additional.Tiers {
				price, err := money(fmt.Sprintf("%s.additional.tiers[%d].price", field, j), &tf.Price)
				if err != nil {
					return Catalog{}, err
				}
				t := Tier{Price: price}
				if tf.UpTo != nil {
					if *tf.UpTo < 1 {
						return Catalog{}, fmt.Errorf("%s.additional.tiers[%d].up_to: must be at least 1, not %d", field, j, *tf.UpTo)
					}
					t.UpTo = *tf.UpTo
				}
				p.Tiers = append(p.Tiers, t)
			}
		}
		c.Plans = append(c.Plans, p)
	}
	return c, nil
}

// money reads a required decimal string.
func money(field string, s *decimalText) (decimal.Decimal, error) {
	if s == nil || *s == "" {
		return decimal.Decimal{}, fmt.Errorf("%s: missing", field)
	}
	d, err := decimal.NewFromString(string(*s))
	if err != nil || strings.ContainsAny(string(*s), "eE") {
		return decimal.Decimal{}, fmt.Errorf("%s: not a decimal: %q", field, *s)
	}
	return d, nil
}

// MarshalJSON writes c in the catalog file format, so that
// `linecost plans --json` prints files that ParseCatalog reads back.
func (c Catalog) MarshalJSON() ([]byte, error) {
	tax := decimalText(c.TaxRate.String())
	f := catalogFile{
		Name: c.Name, Region: c.Region, Currency: c.Currency,
		CurrencyDecimals: &c.CurrencyDecimals, TaxRate: &tax,
		EffectiveFrom: c.EffectiveFrom.Format(time.DateOnly),
		Source:        c.Source, Notes: c.Notes, SourceZH: c.SourceZH, NotesZH: c.NotesZH, Plans: []planFile{},
	}
	if !c.Verified.IsZero() {
		f.Verified = c.Verified.Format(time.DateOnly)
	}
	for _, p := range c.Plans {
		fee := decimalText(p.MonthlyFee.String())
		pf := planFile{ID: p.ID, Name: p.Name, NameEN: p.NameEN, MonthlyFee: &fee, FreeMessages: &p.FreeMessages}
		if p.SellsAdditional() {
			pf.Additional = &additionalFile{}
			for _, t := range p.Tiers {
				tf := tierFile{Price: decimalText(t.Price.String())}
				if t.UpTo != 0 {
					tf.UpTo = &t.UpTo
				}
				pf.Additional.Tiers = append(pf.Additional.Tiers, tf)
			}
		}
		f.Plans = append(f.Plans, pf)
	}
	return json.Marshal(f)
}
