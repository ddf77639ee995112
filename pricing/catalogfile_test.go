package pricing

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// acmeJSON is the catalog file of issue 2, the format's reference example.
const acmeJSON = `{"name": "acme-2025", "region": "tw", "currency": "TWD", "currency_decimals": 0,
 "tax_rate": "0.05", "effective_from": "2024-01-01", "source": "our LINE contract, 2025",
 "notes": ["first-band rate"],
 "plans": [
  {"id": "light", "name": "輕用量", "name_en": "Light", "monthly_fee": "0", "free_messages": 200},
  {"id": "pro", "name": "高用量", "name_en": "Pro", "monthly_fee": "1200", "free_messages": 6000,
   "additional": {"tiers": [{"up_to": 19000, "price": "0.200"}, {"price": "0.150"}]}}]}`

// acme returns acmeJSON with old replaced by new; old must occur exactly once.
func acme(t testing.TB, old, new string) string {
	t.Helper()
	if n := strings.Count(acmeJSON, old); n != 1 {
		t.Fatalf("%q occurs %d times in acmeJSON", old, n)
	}
	return strings.Replace(acmeJSON, old, new, 1)
}

func TestParseCatalogReference(t *testing.T) {
	c, err := ParseCatalog([]byte(acmeJSON))
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "acme-2025" || c.Region != "tw" || c.Currency != "TWD" || c.CurrencyDecimals != 0 ||
		!c.TaxRate.Equal(dec("0.05")) || c.Source != "our LINE contract, 2025" ||
		len(c.Notes) != 1 || c.Notes[0] != "first-band rate" {
		t.Errorf("catalog header = %+v", c)
	}
	if want := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); !c.EffectiveFrom.Equal(want) || c.EffectiveFrom.Location() != time.UTC {
		t.Errorf("EffectiveFrom = %v, want %v", c.EffectiveFrom, want)
	}
	if len(c.Plans) != 2 {
		t.Fatalf("plans = %+v", c.Plans)
	}
	light, pro := c.Plans[0], c.Plans[1]
	if light.ID != "light" || light.Name != "輕用量" || light.NameEN != "Light" || !light.MonthlyFee.IsZero() ||
		light.FreeMessages != 200 || light.Tiers != nil || light.SellsAdditional() {
		t.Errorf("light = %+v", light)
	}
	if pro.ID != "pro" || !pro.MonthlyFee.Equal(dec("1200")) || pro.FreeMessages != 6000 || !pro.SellsAdditional() ||
		len(pro.Tiers) != 2 || pro.Tiers[0].UpTo != 19000 || !pro.Tiers[0].Price.Equal(dec("0.2")) ||
		pro.Tiers[1].UpTo != 0 || !pro.Tiers[1].Price.Equal(dec("0.15")) {
		t.Errorf("pro = %+v", pro)
	}
	// Optional parts: notes and source may be left out, additional may be null.
	for _, js := range []string{
		acme(t, `"notes": ["first-band rate"],`, ""),
		acme(t, `"source": "our LINE contract, 2025",`, ""),
		acme(t, `"free_messages": 200}`, `"free_messages": 200, "additional": null}`),
		acme(t, `"name": "輕用量", `, ""), // the local name is optional; name_en is not
		acmeJSON + "\n\t ",             // trailing white space is not data
	} {
		if _, err := ParseCatalog([]byte(js)); err != nil {
			t.Errorf("ParseCatalog: %v\n%s", err, js)
		}
	}
}

// invalidCatalogs are catalog files ParseCatalog must reject, each with its
// exact error. They also seed FuzzParseCatalog.
var invalidCatalogs = []struct {
	name     string
	old, new string // replace old with new in acmeJSON; old "" means: the whole file is new
	err      string
}{
	{"unknown field", `"source":`, `"sauce": "x", "source":`, `unknown field "sauce"`},
	{"unknown plan field", `"free_messages": 200}`, `"free_messages": 200, "quota": 1}`, `plans[0]: unknown field "quota"`},
	{"unknown tier field", `{"price": "0.150"}`, `{"price": "0.150", "upto": 5}`, `plans[1].additional.tiers[1]: unknown field "upto"`},
	{"missing name", `"name": "acme-2025", `, ``, `name: missing`},
	{"missing region", `"region": "tw", `, ``, `region: missing`},
	{"missing currency", `"currency": "TWD", `, ``, `currency: missing`},
	{"missing currency_decimals", `"currency_decimals": 0,`, ``, `currency_decimals: missing`},
	{"missing tax_rate", `"tax_rate": "0.05", `, ``, `tax_rate: missing`},
	{"empty tax_rate", `"tax_rate": "0.05"`, `"tax_rate": ""`, `tax_rate: missing`},
	{"missing effective_from", `"effective_from": "2024-01-01", `, ``, `effective_from: missing`},
	{"missing plans", "", `{"name": "x", "region": "tw", "currency": "TWD", "currency_decimals": 0, "tax_rate": "0.05",
		"effective_from": "2024-01-01"}`, `plans: a catalog needs at least one plan`},
	{"empty plans", "", `{"name": "x", "region": "tw", "currency": "TWD", "currency_decimals": 0, "tax_rate": "0.05",
		"effective_from": "2024-01-01", "plans": []}`, `plans: a catalog needs at least one plan`},
	{"missing plan id", `"id": "light", `, ``, `plans[0].id: missing`},
	{"missing name_en", `"name_en": "Pro", `, ``, `plans[1].name_en: missing`},
	{"missing monthly_fee", `"monthly_fee": "1200", `, ``, `plans[1].monthly_fee: missing`},
	{"missing free_messages", `, "free_messages": 200`, ``, `plans[0].free_messages: missing`},
	{"missing price", `{"price": "0.150"}`, `{}`, `plans[1].additional.tiers[1].price: missing`},
	{"number instead of decimal string", `"tax_rate": "0.05"`, `"tax_rate": 0.05`, `tax_rate: must be a decimal string such as "0.2", not a JSON number`},
	{"exponent in a decimal", `"monthly_fee": "1200"`, `"monthly_fee": "1.2e3"`, `plans[1].monthly_fee: not a decimal: "1.2e3"`},
	{"thousands separator", `"monthly_fee": "1200"`, `"monthly_fee": "1,200"`, `plans[1].monthly_fee: not a decimal: "1,200"`},
	{"price not a decimal", `"price": "0.150"`, `"price": "free"`, `plans[1].additional.tiers[1].price: not a decimal: "free"`},
	{"fractional currency_decimals", `"currency_decimals": 0`, `"currency_decimals": 0.5`, `currency_decimals: must be a whole number, not a JSON number 0.5`},
	{"currency_decimals too large", `"currency_decimals": 0`, `"currency_decimals": 5`, `currency_decimals: must be within 0..4, not 5`},
	{"negative currency_decimals", `"currency_decimals": 0`, `"currency_decimals": -1`, `currency_decimals: must be within 0..4, not -1`},
	{"tax rate of 100%", `"tax_rate": "0.05"`, `"tax_rate": "1"`, `tax_rate: must be within 0 (inclusive) and 1, not 1`},
	{"negative tax rate", `"tax_rate": "0.05"`, `"tax_rate": "-0.05"`, `tax_rate: must be within 0 (inclusive) and 1, not -0.05`},
	{"tiers not ascending", `{"price": "0.150"}`, `{"up_to": 19000, "price": "0.18"}, {"price": "0.150"}`,
		`plans[1].additional.tiers[1].up_to: tiers must ascend: 19000 after 19000`},
	{"tiers descending", `{"price": "0.150"}`, `{"up_to": 100, "price": "0.18"}, {"price": "0.150"}`,
		`plans[1].additional.tiers[1].up_to: tiers must ascend: 100 after 19000`},
	{"last tier not open", `{"price": "0.150"}`, `{"up_to": 50000, "price": "0.150"}`,
		`plans[1].additional.tiers[1].up_to: the last tier must be open (no up_to), not 50000`},
	{"open tier before the last", `{"up_to": 19000, "price": "0.200"}`, `{"price": "0.200"}`,
		`plans[1].additional.tiers[0].up_to: missing: only the last tier may be open`},
	{"up_to zero", `"up_to": 19000`, `"up_to": 0`, `plans[1].additional.tiers[0].up_to: must be at least 1, not 0`},
	{"negative price", `"price": "0.150"`, `"price": "-0.150"`, `plans[1].additional.tiers[1].price: negative: -0.15`},
	{"negative fee", `"monthly_fee": "1200"`, `"monthly_fee": "-1200"`, `plans[1].monthly_fee: negative: -1200`},
	{"negative quota", `"free_messages": 200`, `"free_messages": -1`, `plans[0].free_messages: negative: -1`},
	{"duplicate plan id", `"id": "pro"`, `"id": "light"`, `plans[1].id: "light" appears twice`},
	{"bad date", `"2024-01-01"`, `"2024-02-30"`, `effective_from: not a date (want YYYY-MM-DD): "2024-02-30"`},
	{"zero date", `"2024-01-01"`, `"0001-01-01"`, `effective_from: "0001-01-01" is before 2000, before any LINE tariff: want the day the prices took effect`},
	{"date with a time", `"2024-01-01"`, `"2024-01-01T00:00:00Z"`, `effective_from: not a date (want YYYY-MM-DD): "2024-01-01T00:00:00Z"`},
	{"slashed date", `"2024-01-01"`, `"2024/01/01"`, `effective_from: not a date (want YYYY-MM-DD): "2024/01/01"`},
	{"trailing object", `0.150"}]}}]}`, `0.150"}]}}]} {}`, `unexpected data after the catalog object`},
	{"trailing garbage", `0.150"}]}}]}`, `0.150"}]}}]} x`, `unexpected data after the catalog object`},
	{"empty tiers", `"additional": {"tiers": [{"up_to": 19000, "price": "0.200"}, {"price": "0.150"}]}`, `"additional": {"tiers": []}`,
		`plans[1].additional.tiers: missing: a plan that sells additional messages needs at least one tier`},
	{"empty additional", `"additional": {"tiers": [{"up_to": 19000, "price": "0.200"}, {"price": "0.150"}]}`, `"additional": {}`,
		`plans[1].additional.tiers: missing: a plan that sells additional messages needs at least one tier`},
	{"syntax error", `"notes": ["first-band rate"],`, `"notes": ["first-band rate"],,`,
		`3:31: not valid JSON: invalid character ',' looking for beginning of object key string`},
	{"syntax error after hanzi", `"name": "輕用量",`, `"name": "輕用量",,`,
		`5:33: not valid JSON: invalid character ',' looking for beginning of object key string`},
	{"syntax error after a byte-order mark", "", "\ufeff{\n  \"name\": x}",
		`2:11: not valid JSON: invalid character 'x' looking for beginning of value`},
	{"truncated", "", `{"name": "x"`, `1:13: not valid JSON: unexpected end of file`},
	{"bad verified date", `"effective_from": "2024-01-01",`, `"effective_from": "2024-01-01", "verified": "2024-13-01",`,
		`verified: not a date (want YYYY-MM-DD): "2024-13-01"`},
	{"verified as a number", `"effective_from": "2024-01-01",`, `"effective_from": "2024-01-01", "verified": 20240101,`,
		`verified: must be a string, not a JSON number`},
}

func TestParseCatalogInvalid(t *testing.T) {
	if len(invalidCatalogs) < 12 {
		t.Fatalf("only %d invalid cases", len(invalidCatalogs))
	}
	for _, tt := range invalidCatalogs {
		t.Run(tt.name, func(t *testing.T) {
			js := tt.new
			if tt.old != "" {
				js = acme(t, tt.old, tt.new)
			}
			_, err := ParseCatalog([]byte(js))
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseCatalog error = %v\nwant %s\nfile: %s", err, tt.err, js)
			}
		})
	}
}

// TestParseCatalogErrorQuality states what every error must do for a user
// who wrote the file by hand: name the field with its position in the
// plans and tiers (as the other errors do), describe what is wrong in the
// user's terms, and never show Go's own type names.
func TestParseCatalogErrorQuality(t *testing.T) {
	tests := []struct {
		name, js  string
		prefix    string   // the error must start with it
		forbidden []string // the error must contain none of these
	}{
		{"empty file", ``, "", []string{"EOF"}},
		{"white space only", " \n", "", []string{"EOF"}},
		{"array instead of object", `[]`, "", []string{"pricing.", "catalogFile"}},
		{"object instead of plan list", `{"plans": {}}`, "plans: ", []string{"pricing.", "planFile"}},
		{"number for a plan's fee", acme(t, `"monthly_fee": "1200"`, `"monthly_fee": 1200`), "plans[1].monthly_fee: ", nil},
		{"number for a tier price", acme(t, `"price": "0.150"`, `"price": 0.150`), "plans[1].additional.tiers[1].price: ", nil},
		{"string for a quota", acme(t, `"free_messages": 200`, `"free_messages": "200"`), "plans[0].free_messages: ", nil},
		{"number for a name", acme(t, `"name": "acme-2025"`, `"name": 2025`), "name: ", []string{"decimal"}},
		{"number for a plan id", acme(t, `"id": "light"`, `"id": 1`), "plans[0].id: ", []string{"decimal"}},
		{"field name in the wrong case", acme(t, `"name_en": "Pro"`, `"Name_EN": "Pro"`), `plans[1]: unknown field "Name_EN"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCatalog([]byte(tt.js))
			if err == nil {
				t.Fatalf("ParseCatalog accepted %s", tt.js)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.prefix) {
				t.Errorf("error %q does not start with %q", msg, tt.prefix)
			}
			for _, f := range tt.forbidden {
				if strings.Contains(msg, f) {
					t.Errorf("error %q contains %q", msg, f)
				}
			}
		})
	}
}

// sameCatalog compares two catalogs field by field, money with Equal.
func sameCatalog(a, b Catalog) bool {
	if a.Name != b.Name || a.Region != b.Region || a.Currency != b.Currency ||
		a.CurrencyDecimals != b.CurrencyDecimals || !a.TaxRate.Equal(b.TaxRate) ||
		!a.EffectiveFrom.Equal(b.EffectiveFrom) || a.Source != b.Source ||
		strings.Join(a.Notes, "\x00") != strings.Join(b.Notes, "\x00") || len(a.Plans) != len(b.Plans) {
		return false
	}
	for i, p := range a.Plans {
		q := b.Plans[i]
		if p.ID != q.ID || p.Name != q.Name || p.NameEN != q.NameEN || !p.MonthlyFee.Equal(q.MonthlyFee) ||
			p.FreeMessages != q.FreeMessages || p.SellsAdditional() != q.SellsAdditional() || len(p.Tiers) != len(q.Tiers) {
			return false
		}
		for j, t := range p.Tiers {
			if t.UpTo != q.Tiers[j].UpTo || !t.Price.Equal(q.Tiers[j].Price) {
				return false
			}
		}
	}
	return true
}

// TestMarshalRoundTrip: MarshalJSON writes the catalog file format, and
// ParseCatalog reads back the same catalog.
func TestMarshalRoundTrip(t *testing.T) {
	cs := []Catalog{mustParse(t, acmeJSON), mustParse(t, stepsJSON), mustParse(t, tieJSON), mustParse(t, cappedJSON)}
	cs = append(cs, Builtin()...)
	for _, c := range cs {
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		back, err := ParseCatalog(data)
		if err != nil {
			t.Fatalf("%s: ParseCatalog(MarshalJSON): %v\n%s", c.Name, err, data)
		}
		if !sameCatalog(c, back) {
			t.Errorf("%s: round trip changed the catalog\nbefore %+v\nafter  %+v", c.Name, c, back)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(data, again) {
			t.Errorf("%s: marshal is not stable:\n%s\n%s", c.Name, data, again)
		}
	}
}

func TestMarshalJSONShape(t *testing.T) {
	data, err := json.Marshal(mustParse(t, acmeJSON))
	if err != nil {
		t.Fatal(err)
	}
	// Money as decimal strings, the open tier without up_to, a plan that
	// sells nothing more without additional.
	want := `{"name":"acme-2025","region":"tw","currency":"TWD","currency_decimals":0,` +
		`"tax_rate":"0.05","effective_from":"2024-01-01","source":"our LINE contract, 2025",` +
		`"notes":["first-band rate"],"plans":[` +
		`{"id":"light","name":"輕用量","name_en":"Light","monthly_fee":"0","free_messages":200},` +
		`{"id":"pro","name":"高用量","name_en":"Pro","monthly_fee":"1200","free_messages":6000,` +
		`"additional":{"tiers":[{"up_to":19000,"price":"0.2"},{"price":"0.15"}]}}]}`
	if string(data) != want {
		t.Errorf("MarshalJSON =\n%s\nwant\n%s", data, want)
	}
}

// TestParseCatalogChinese: notes_zh and source_zh are read and written
// back; notes_zh must give one note for each of the notes.
func TestParseCatalogChinese(t *testing.T) {
	c, err := ParseCatalog([]byte(acme(t, `"notes": ["first-band rate"],`,
		`"notes": ["first-band rate"], "notes_zh": ["第一級距單價"], "source_zh": "我們的 LINE 合約，2025",`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.NotesZH) != 1 || c.NotesZH[0] != "第一級距單價" || c.SourceZH != "我們的 LINE 合約，2025" {
		t.Errorf("notes_zh %q, source_zh %q", c.NotesZH, c.SourceZH)
	}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseCatalog(data)
	if err != nil || !slices.Equal(back.NotesZH, c.NotesZH) || back.SourceZH != c.SourceZH {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	_, err = ParseCatalog([]byte(acme(t, `"notes": ["first-band rate"],`, `"notes": ["first-band rate"], "notes_zh": ["一", "二"],`)))
	if err == nil || !strings.Contains(err.Error(), "notes_zh: 2 notes, want one for each of the 1 notes") {
		t.Errorf("two notes_zh for one note: err = %v", err)
	}
}
