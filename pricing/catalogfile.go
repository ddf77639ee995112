package pricing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The JSON shape of a catalog file. Built-in catalogs and users' own files
// share it; money and prices are decimal strings so that no value passes
// through a binary float.
type catalogFile struct {
	Name             string     `json:"name"`
	Region           string     `json:"region"`
	Currency         string     `json:"currency"`
	CurrencyDecimals *int32     `json:"currency_decimals"`
	TaxRate          *string    `json:"tax_rate"`
	EffectiveFrom    string     `json:"effective_from"`
	Source           string     `json:"source"`
	Notes            []string   `json:"notes,omitempty"`
	Plans            []planFile `json:"plans"`
}

type planFile struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	NameEN       string          `json:"name_en"`
	MonthlyFee   *string         `json:"monthly_fee"`
	FreeMessages *int64          `json:"free_messages"`
	Additional   *additionalFile `json:"additional,omitempty"`
}

type additionalFile struct {
	Tiers []tierFile `json:"tiers"`
}

type tierFile struct {
	UpTo  *int64 `json:"up_to,omitempty"`
	Price string `json:"price"`
}

// ParseCatalog reads one catalog from the JSON in data. Unknown fields,
// missing fields, numbers where decimal strings belong and broken tier
// tables are errors that name the field; the caller adds the file name.
func ParseCatalog(data []byte) (Catalog, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f catalogFile
	if err := dec.Decode(&f); err != nil {
		return Catalog{}, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Catalog{}, errors.New("unexpected data after the catalog object")
	}
	c, err := f.catalog()
	if err != nil {
		return Catalog{}, err
	}
	return c, c.Validate()
}

func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := te.Type.String()
		if want == "string" || want == "*string" {
			want = "a decimal string such as \"0.2\""
		}
		return fmt.Errorf("%s: must be %s, not a JSON %s", te.Field, want, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not valid JSON at byte %d: %v", se.Offset, err)
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

func (f catalogFile) catalog() (Catalog, error) {
	if f.CurrencyDecimals == nil {
		return Catalog{}, errors.New("currency_decimals: missing")
	}
	tax, err := money("tax_rate", f.TaxRate)
	if err != nil {
		return Catalog{}, err
	}
	from, err := time.Parse(time.DateOnly, f.EffectiveFrom)
	if err != nil {
		return Catalog{}, fmt.Errorf("effective_from: not a date (want YYYY-MM-DD): %q", f.EffectiveFrom)
	}
	c := Catalog{
		Name: f.Name, Region: f.Region, Currency: f.Currency,
		CurrencyDecimals: *f.CurrencyDecimals, TaxRate: tax, EffectiveFrom: from,
		Source: f.Source, Notes: f.Notes,
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
func money(field string, s *string) (decimal.Decimal, error) {
	if s == nil || *s == "" {
		return decimal.Decimal{}, fmt.Errorf("%s: missing", field)
	}
	d, err := decimal.NewFromString(*s)
	if err != nil || strings.ContainsAny(*s, "eE") {
		return decimal.Decimal{}, fmt.Errorf("%s: not a decimal: %q", field, *s)
	}
	return d, nil
}

// MarshalJSON writes c in the catalog file format, so that
// `linecost plans --json` prints files that ParseCatalog reads back.
func (c Catalog) MarshalJSON() ([]byte, error) {
	tax := c.TaxRate.String()
	f := catalogFile{
		Name: c.Name, Region: c.Region, Currency: c.Currency,
		CurrencyDecimals: &c.CurrencyDecimals, TaxRate: &tax,
		EffectiveFrom: c.EffectiveFrom.Format(time.DateOnly),
		Source:        c.Source, Notes: c.Notes, Plans: []planFile{},
	}
	for _, p := range c.Plans {
		fee := p.MonthlyFee.String()
		pf := planFile{ID: p.ID, Name: p.Name, NameEN: p.NameEN, MonthlyFee: &fee, FreeMessages: &p.FreeMessages}
		if p.SellsAdditional() {
			pf.Additional = &additionalFile{}
			for _, t := range p.Tiers {
				tf := tierFile{Price: t.Price.String()}
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
