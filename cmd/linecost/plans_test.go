package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linecost/pricing"
)

func TestPlansText(t *testing.T) {
	code, out, _ := runCmd(t, "plans", "--region", "tw")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"tw-2019: region tw, TWD, from 2019-04-18 to 2023-08-31; prices before tax, tax 5%; verified 2026-10-07",
		"tw-2023: region tw, TWD, from 2023-09-01 to 2026-10-31; prices before tax, tax 5%; verified 2026-10-07",
		"tw-2026: region tw, TWD, from 2026-11-01 (current); prices before tax, tax 5%; verified 2026-10-07",
		"  pro       Pro 高用量             1,200          6,000  1 and up: 0.2 each",
		"  pro       Pro 高用量             1,400          6,000  1 to 50,000: 0.2 each\n" +
			"                                                         50,001 and up: 0.15 each",
		"Note: Upper bound: Pro (高用量) additional messages are priced at the confirmed first-band rate, TWD 0.15",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "jp-2023") {
		t.Errorf("--region tw lists a jp catalog")
	}
}

// `plans --json --catalog NAME` prints one catalog object that --pricing
// accepts unchanged (issue 9), for every built-in catalog; without
// --catalog it prints a list.
func TestPlansJSONRoundTripUnchanged(t *testing.T) {
	dir := t.TempDir()
	for _, c := range pricing.Builtin() {
		code, out, errOut := runCmd(t, "plans", "--catalog", c.Name, "--json")
		if code != exitOK {
			t.Fatalf("%s: exit %d, %s", c.Name, code, errOut)
		}
		file := filepath.Join(dir, c.Name+".json")
		if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		code, again, errOut := runCmd(t, "plans", "--pricing", file, "--json", "--catalog", c.Name)
		if code != exitOK || again != out {
			t.Errorf("%s: --pricing of its own JSON: exit %d, %s; printed again:\n%s\nfirst:\n%s", c.Name, code, errOut, again, out)
		}
		if !strings.Contains(out, `"verified": "`+c.Verified.Format("2006-01-02")+`"`) {
			t.Errorf("%s: the JSON lacks its verified date:\n%s", c.Name, out)
		}
	}
	code, out, _ := runCmd(t, "plans", "--region", "th", "--json")
	var list []json.RawMessage
	if err := json.Unmarshal([]byte(out), &list); code != exitOK || err != nil || len(list) != 1 {
		t.Errorf("plans --region th --json: exit %d, %v, %d catalogs", code, err, len(list))
	}
}

// A catalog printed by plans --json is a valid --pricing file, and
// --pricing replaces the built-in catalogs.
func TestPlansJSONRoundTrip(t *testing.T) {
	code, out, _ := runCmd(t, "plans", "--catalog", "jp-2023", "--json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	file := filepath.Join(t.TempDir(), "mine.json")
	mine := strings.Replace(out, `"name": "jp-2023"`, `"name": "mine-2023"`, 1)
	if err := os.WriteFile(file, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "plans", "--pricing", file)
	if code != exitOK || !strings.HasPrefix(out, "mine-2023: region jp, JPY, from 2023-06-01 (current)") || strings.Contains(out, "tw-20") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	code, out, _ = runCmd(t, "quote", "--friends", "100000", "--pricing", file, "--region", "jp", "--month", "2025-05", "--json")
	if code != exitOK || !strings.Contains(out, `"catalog": "mine-2023"`) || !strings.Contains(out, `"cost": "221000"`) {
		t.Errorf("quote with --pricing: exit %d, output:\n%s", code, out)
	}
}

func TestPricingFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"name":"x","region":"tw","currency":"TWD","currency_decimals":0,"tax_rate":"0.05",
		"effective_from":"2024-01-01","source":"s","plans":[{"id":"pro","name":"p","name_en":"Pro","monthly_fee":"1200",
		"free_messages":6000,"additional":{"tiers":[{"up_to":100,"price":"0.2"},{"up_to":50,"price":"0.1"},{"price":"0.05"}]}}]}`), 0o644)
	code, _, errOut := runCmd(t, "plans", "--pricing", bad)
	want := "linecost: " + bad + ": plans[0].additional.tiers[1].up_to: tiers must ascend: 50 after 100\n"
	if code != exitInput || errOut != want {
		t.Errorf("exit %d, stderr %q, want %d and %q", code, errOut, exitInput, want)
	}
	code, _, errOut = runCmd(t, "plans", "--pricing", filepath.Join(dir, "missing.json"))
	if code != exitFailure || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

// A catalog file that is not JSON is named with its line and column.
func TestPricingFileSyntaxError(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "broken.json")
	os.WriteFile(bad, []byte("{\n  \"name\": \"x\",,\n}\n"), 0o644)
	code, _, errOut := runCmd(t, "plans", "--pricing", bad)
	want := "linecost: " + bad + ":2:15: not valid JSON: invalid character ',' looking for beginning of object key string\n"
	if code != exitInput || errOut != want {
		t.Errorf("exit %d, stderr %q, want %d and %q", code, errOut, exitInput, want)
	}
}
