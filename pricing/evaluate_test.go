package pricing

import (
	"fmt"
	"testing"
)

// optionWant is one plan's expected line in an evaluation: how much it
// would not deliver and the bill (for an infeasible plan, of its fee).
type optionWant struct {
	plan             string
	undelivered      int64
	cost, tax, total string
}

// evalCase is one Evaluate case; they also seed the fuzz tests.
type evalCase struct {
	name     string
	catalog  string
	messages int64
	best     string // "" when no plan is feasible
	options  []optionWant
}

var evalCases = []evalCase{
	{
		// issue 9: 48,000 messages in December 2026. Pro: 1,400 + 42,000 x
		// 0.2 = 9,800; tax 490; 10,290.
		name: "tw-2026 worked example", catalog: "tw-2026", messages: 48000, best: "pro",
		options: []optionWant{
			{"light", 47800, "0", "0", "0"},
			{"standard", 45000, "1000", "50", "1050"},
			{"pro", 0, "9800", "490", "10290"},
		},
	},
	{
		// 56,001: 1,400 + 10,000 + 0.15 = 11,400.15, billed 11,400.
		name: "tw-2026 past the band edge", catalog: "tw-2026", messages: 56001, best: "pro",
		options: []optionWant{
			{"light", 55801, "0", "0", "0"},
			{"standard", 53001, "1000", "50", "1050"},
			{"pro", 0, "11400", "570", "11970"},
		},
	},
	{
		name: "tw-2026 100,000", catalog: "tw-2026", messages: 100000, best: "pro",
		options: []optionWant{
			{"light", 99800, "0", "0", "0"},
			{"standard", 97000, "1000", "50", "1050"},
			{"pro", 0, "18000", "900", "18900"},
		},
	},
	{
		// 230,001: 15,000 + 600,000 + 2.5 = 615,002.5 -> 615,003 (half-up);
		// tax 61,500.3 -> 61,500.
		name: "jp-2026 past the band edge", catalog: "jp-2026", messages: 230001, best: "standard",
		options: []optionWant{
			{"communication", 229801, "0", "0", "0"},
			{"light", 225001, "5000", "500", "5500"},
			{"standard", 0, "615003", "61500", "676503"},
		},
	},
	{
		name: "jp-2026 500,000", catalog: "jp-2026", messages: 500000, best: "standard",
		options: []optionWant{
			{"communication", 499800, "0", "0", "0"},
			{"light", 495000, "5000", "500", "5500"},
			{"standard", 0, "1290000", "129000", "1419000"},
		},
	},
	{
		// At the Basic quota: 1,280.00 + VAT 7% 89.60.
		name: "th-2024 at the Basic quota", catalog: "th-2024", messages: 15000, best: "basic",
		options: []optionWant{
			{"free", 14700, "0", "0", "0"},
			{"basic", 0, "1280", "89.6", "1369.6"},
			{"pro", 0, "1780", "124.6", "1904.6"},
		},
	},
	{
		// One past: 1,280.10; VAT 89.607 -> 89.61 (satang, half-up).
		name: "th-2024 one past the Basic quota", catalog: "th-2024", messages: 15001, best: "basic",
		options: []optionWant{
			{"free", 14701, "0", "0", "0"},
			{"basic", 0, "1280.1", "89.61", "1369.71"},
			{"pro", 0, "1780", "124.6", "1904.6"},
		},
	},
	{
		// 1,280.50 x 7% = 89.635 -> 89.64: half-up on the satang.
		name: "th-2024 satang half-up", catalog: "th-2024", messages: 15005, best: "basic",
		options: []optionWant{
			{"free", 14705, "0", "0", "0"},
			{"basic", 0, "1280.5", "89.64", "1370.14"},
			{"pro", 0, "1780", "124.6", "1904.6"},
		},
	},
	{
		// 20,000: Basic 1,280 + 5,000 x 0.10 = 1,780 = Pro's fee; the plan
		// listed first (Basic) wins the tie.
		name: "th-2024 Basic and Pro tie", catalog: "th-2024", messages: 20000, best: "basic",
		options: []optionWant{
			{"free", 19700, "0", "0", "0"},
			{"basic", 0, "1780", "124.6", "1904.6"},
			{"pro", 0, "1780", "124.6", "1904.6"},
		},
	},
	{
		// 35,001: Basic 1,280 + 20,001 x 0.10 = 3,280.10; Pro 1,780.06;
		// VAT 124.6042 -> 124.60.
		name: "th-2024 one past the Pro quota", catalog: "th-2024", messages: 35001, best: "pro",
		options: []optionWant{
			{"free", 34701, "0", "0", "0"},
			{"basic", 0, "3280.1", "229.61", "3509.71"},
			{"pro", 0, "1780.06", "124.6", "1904.66"},
		},
	},
	{
		// issue 2: 48,000 messages. Light and Standard stop at their quotas:
		// 48,000 - 200 = 47,800 and 48,000 - 3,000 = 45,000 undelivered.
		// Pro: 1,200 + 42,000 x 0.2 = 9,600; tax 9,600 x 0.05 = 480; 10,080.
		name: "tw-2023 worked example", catalog: "tw-2023", messages: 48000, best: "pro",
		options: []optionWant{
			{"light", 47800, "0", "0", "0"},
			{"standard", 45000, "800", "40", "840"},
			{"pro", 0, "9600", "480", "10080"},
		},
	},
	{
		// line-sm.com: 100,000 messages = 30,000 free + 70,000 additional;
		// 15,000 + 3 x 50,000 + 2.8 x 20,000 = 15,000 + 206,000 = 221,000;
		// tax 22,100; total 243,100.
		name: "jp-2023 worked example", catalog: "jp-2023", messages: 100000, best: "standard",
		options: []optionWant{
			{"communication", 99800, "0", "0", "0"},
			{"light", 95000, "5000", "500", "5500"},
			{"standard", 0, "221000", "22100", "243100"},
		},
	},
	{
		// tw-2019, 30,000 messages: Standard 800 + 26,000 x 0.2 = 6,000;
		// Pro 4,000 + 5,000 x 0.15 = 4,750, tax 237.5 -> 238, total 4,988.
		name: "tw-2019 worked example", catalog: "tw-2019", messages: 30000, best: "pro",
		options: []optionWant{
			{"light", 29500, "0", "0", "0"},
			{"standard", 0, "6000", "300", "6300"},
			{"pro", 0, "4750", "238", "4988"},
		},
	},
	{
		// tw-2019, 20,000 messages: Standard 800 + 16,000 x 0.2 = 4,000 ties
		// Pro's 4,000 fee: the tie goes to Standard, listed first.
		name: "tw-2019 tie", catalog: "tw-2019", messages: 20000, best: "standard",
		options: []optionWant{
			{"light", 19500, "0", "0", "0"},
			{"standard", 0, "4000", "200", "4200"},
			{"pro", 0, "4000", "200", "4200"},
		},
	},
	{
		// 20,002: Standard 800 + 16,002 x 0.2 = 4,000.4, billed 4,000: still a
		// tie by rounded cost, so still Standard.
		name: "tw-2019 tie after rounding", catalog: "tw-2019", messages: 20002, best: "standard",
		options: []optionWant{
			{"light", 19502, "0", "0", "0"},
			{"standard", 0, "4000", "200", "4200"},
			{"pro", 0, "4000", "200", "4200"},
		},
	},
	{
		// 20,003: Standard 4,000.6, billed 4,001 (tax 200.05 -> 200): Pro wins.
		name: "tw-2019 past the tie", catalog: "tw-2019", messages: 20003, best: "pro",
		options: []optionWant{
			{"light", 19503, "0", "0", "0"},
			{"standard", 0, "4001", "200", "4201"},
			{"pro", 0, "4000", "200", "4200"},
		},
	},
	{
		// jp-2019, 17,000 messages: Light 5,000 + 2,000 x 5 = 15,000 ties
		// Standard's 15,000 fee: Light, listed first.
		name: "jp-2019 tie", catalog: "jp-2019", messages: 17000, best: "light",
		options: []optionWant{
			{"free", 16000, "0", "0", "0"},
			{"light", 0, "15000", "1500", "16500"},
			{"standard", 0, "15000", "1500", "16500"},
		},
	},
	{
		// jp-2019, 50,000 messages: Light 5,000 + 35,000 x 5 = 180,000;
		// Standard 15,000 + 5,000 x 3 = 30,000, tax 3,000, total 33,000.
		name: "jp-2019 worked example", catalog: "jp-2019", messages: 50000, best: "standard",
		options: []optionWant{
			{"free", 49000, "0", "0", "0"},
			{"light", 0, "180000", "18000", "198000"},
			{"standard", 0, "30000", "3000", "33000"},
		},
	},
	{
		name: "tw-2023 nothing to send", catalog: "tw-2023", messages: 0, best: "light",
		options: []optionWant{
			{"light", 0, "0", "0", "0"},
			{"standard", 0, "800", "40", "840"},
			{"pro", 0, "1200", "60", "1260"},
		},
	},
	{
		name: "tw-2023 Light's quota", catalog: "tw-2023", messages: 200, best: "light",
		options: []optionWant{
			{"light", 0, "0", "0", "0"},
			{"standard", 0, "800", "40", "840"},
			{"pro", 0, "1200", "60", "1260"},
		},
	},
	{
		name: "tw-2023 Light's quota + 1", catalog: "tw-2023", messages: 201, best: "standard",
		options: []optionWant{
			{"light", 1, "0", "0", "0"},
			{"standard", 0, "800", "40", "840"},
			{"pro", 0, "1200", "60", "1260"},
		},
	},
	{
		name: "tw-2023 Standard's quota + 1", catalog: "tw-2023", messages: 3001, best: "pro",
		options: []optionWant{
			{"light", 2801, "0", "0", "0"},
			{"standard", 1, "800", "40", "840"},
			{"pro", 0, "1200", "60", "1260"},
		},
	},
	{
		// Pro's quota + 1: 1,200 + 0.2 = 1,200.2, billed 1,200.
		name: "tw-2023 Pro's quota + 1", catalog: "tw-2023", messages: 6001, best: "pro",
		options: []optionWant{
			{"light", 5801, "0", "0", "0"},
			{"standard", 3001, "800", "40", "840"},
			{"pro", 0, "1200", "60", "1260"},
		},
	},
	{
		// 10^10: Standard 1,549,920,500 (see quoteCases); tax 154,992,050.
		name: "jp-2023 10^10", catalog: "jp-2023", messages: e10, best: "standard",
		options: []optionWant{
			{"communication", e10 - 200, "0", "0", "0"},
			{"light", e10 - 5000, "5000", "500", "5500"},
			{"standard", 0, "1549920500", "154992050", "1704912550"},
		},
	},
	{
		// 30,000 + 15,000,001 messages: 15,000 + 18,160,000 + 0.95 =
		// 18,175,000.95, billed 18,175,001; tax 1,817,500.1 -> 1,817,500.
		name: "jp-2023 rounding at a tier edge", catalog: "jp-2023", messages: 15_030_001, best: "standard",
		options: []optionWant{
			{"communication", 15_029_801, "0", "0", "0"},
			{"light", 15_025_001, "5000", "500", "5500"},
			{"standard", 0, "18175001", "1817500", "19992501"},
		},
	},
	{
		// 30,000 + 60,000,001: 15,000 + 51,910,000 + 0.5 = 51,925,000.5 ->
		// 51,925,001 (half-up); tax 5,192,500.1 -> 5,192,500.
		name: "jp-2023 half-up at a tier edge", catalog: "jp-2023", messages: 60_030_001, best: "standard",
		options: []optionWant{
			{"communication", 60_029_801, "0", "0", "0"},
			{"light", 60_025_001, "5000", "500", "5500"},
			{"standard", 0, "51925001", "5192500", "57117501"},
		},
	},
	{
		// Every plan bills 100 at 10 messages: rough (100.4 -> 100), even
		// (100), the twins (50 + 5 x 10). The first listed wins although
		// "even" is cheaper before rounding.
		name: "four-way tie by rounded cost", catalog: "tie", messages: 10, best: "rough",
		options: []optionWant{
			{"rough", 0, "100", "0", "100"},
			{"even", 0, "100", "0", "100"},
			{"twin-a", 0, "100", "0", "100"},
			{"twin-b", 0, "100", "0", "100"},
		},
	},
	{
		name: "identical twins", catalog: "tie", messages: 11, best: "twin-a",
		options: []optionWant{
			{"rough", 1, "100", "0", "100"},
			{"even", 1, "100", "0", "100"},
			{"twin-a", 0, "110", "0", "110"},
			{"twin-b", 0, "110", "0", "110"},
		},
	},
	{
		name: "no plan feasible", catalog: "capped", messages: 21, best: "",
		options: []optionWant{
			{"small", 11, "0", "0", "0"},
			{"big", 1, "7", "0", "7"}, // 7 x 0.05 = 0.35 -> 0
		},
	},
	{
		name: "no plan feasible at 10^10", catalog: "capped", messages: e10, best: "",
		options: []optionWant{
			{"small", e10 - 10, "0", "0", "0"},
			{"big", e10 - 20, "7", "0", "7"},
		},
	},
	{
		name: "last feasible message", catalog: "capped", messages: 20, best: "big",
		options: []optionWant{
			{"small", 10, "0", "0", "0"},
			{"big", 0, "7", "0", "7"},
		},
	},
	{
		name: "hundredths: capped at its quota", catalog: "steps", messages: 100, best: "capped",
		options: []optionWant{
			{"capped", 0, "10", "1", "11"},
			{"tiered", 0, "50.5", "5.05", "55.55"}, // 25.5 + 12.5 + 10 + 20 x 0.125
			{"payg", 0, "33.3", "3.33", "36.63"},   // 100 x 0.333
		},
	},
	{
		// tiered: 25.5 + 22.5 + 21 x 0.125 = 50.625 -> 50.63, tax 5.063 -> 5.06.
		// payg: 101 x 0.333 = 33.633 -> 33.63, tax 3.363 -> 3.36.
		name: "hundredths: past the cap", catalog: "steps", messages: 101, best: "payg",
		options: []optionWant{
			{"capped", 1, "10", "1", "11"},
			{"tiered", 0, "50.63", "5.06", "55.69"},
			{"payg", 0, "33.63", "3.36", "36.99"},
		},
	},
}

func TestEvaluate(t *testing.T) {
	for _, tt := range evalCases {
		t.Run(tt.name, func(t *testing.T) {
			c := catalogByName(t, tt.catalog)
			e := Evaluate(tt.messages, c)
			if e.Catalog.Name != c.Name || e.Messages != tt.messages {
				t.Errorf("Evaluation of %s, %d messages", e.Catalog.Name, e.Messages)
			}
			if len(e.Options) != len(tt.options) || len(e.Options) != len(c.Plans) {
				t.Fatalf("%d options, want %d", len(e.Options), len(tt.options))
			}
			for i, w := range tt.options {
				o := e.Options[i]
				if o.Plan.ID != w.plan {
					t.Errorf("option %d is %q, want %q", i, o.Plan.ID, w.plan)
				}
				if o.Undelivered != w.undelivered || o.Feasible != (w.undelivered == 0) {
					t.Errorf("%s: undelivered %d (feasible %v), want %d", w.plan, o.Undelivered, o.Feasible, w.undelivered)
				}
				if !o.Charge.Cost.Equal(dec(w.cost)) || !o.Charge.Tax.Equal(dec(w.tax)) || !o.Charge.Total.Equal(dec(w.total)) {
					t.Errorf("%s: charge %s + %s = %s, want %s + %s = %s",
						w.plan, o.Charge.Cost, o.Charge.Tax, o.Charge.Total, w.cost, w.tax, w.total)
				}
				if msg := checkQuote(c.Plans[i], tt.messages, o.Quote); msg != "" {
					t.Errorf("%s: %s", w.plan, msg)
				}
			}
			r, ok := e.Recommended()
			if tt.best == "" {
				if e.Best != -1 || ok {
					t.Errorf("Best = %d, Recommended ok = %v; want -1, false", e.Best, ok)
				}
				return
			}
			if e.Best < 0 || !ok || e.Options[e.Best].Plan.ID != tt.best || r.Plan.ID != tt.best {
				t.Errorf("Best = %d (%v), want %q", e.Best, ok, tt.best)
			}
		})
	}
}

func TestRunnerUp(t *testing.T) {
	tests := []struct {
		catalog  string
		messages int64
		want     string // "" when there is none
	}{
		{"tw-2019", 20000, "pro"}, // Standard wins the tie; Pro is next
		{"tw-2019", 30000, "standard"},
		{"tw-2023", 48000, ""}, // only Pro is feasible
		{"tw-2023", 0, "standard"},
		{"tie", 10, "even"}, // three-way tie behind "rough": the first listed
		{"tie", 11, "twin-b"},
		{"capped", 21, ""}, // nothing feasible
		{"capped", 20, ""},
		{"capped", 10, "big"},
	}
	for _, tt := range tests {
		e := Evaluate(tt.messages, catalogByName(t, tt.catalog))
		o, ok := e.RunnerUp()
		if got := map[bool]string{true: o.Plan.ID}[ok]; got != tt.want {
			t.Errorf("%s at %d: RunnerUp = %q (%v), want %q", tt.catalog, tt.messages, o.Plan.ID, ok, tt.want)
		}
	}
}

func TestUsesNotes(t *testing.T) {
	tests := []struct {
		catalog  string
		messages int64
		want     bool
	}{
		{"tw-2023", 48000, true}, // Pro buys 42,000 additional at the upper-bound rate
		{"tw-2023", 6000, false}, // Pro within its quota
		{"tw-2023", 100, false},  // Light
		{"tw-2019", 30000, true},
		{"jp-2023", 100000, true},
		{"capped", 21, false}, // nothing recommended
		{"steps", 101, false}, // buys additional messages, but the catalog has no notes
	}
	for _, tt := range tests {
		e := Evaluate(tt.messages, catalogByName(t, tt.catalog))
		if got := e.UsesNotes(); got != tt.want {
			t.Errorf("%s at %d: UsesNotes = %v, want %v", tt.catalog, tt.messages, got, tt.want)
		}
	}
}

// TestEvaluateBoundariesEveryBuiltin walks every plan's quota and tier edge
// on every built-in catalog and checks the recommendation against a brute
// force over the options.
func TestEvaluateBoundariesEveryBuiltin(t *testing.T) {
	for _, c := range Builtin() {
		for _, m := range boundaries(c) {
			t.Run(fmt.Sprintf("%s/%d", c.Name, m), func(t *testing.T) {
				if msg := checkEvaluation(Evaluate(m, c)); msg != "" {
					t.Error(msg)
				}
			})
		}
	}
}

// boundaries lists the message counts where a catalog's pricing changes:
// 0, every quota and quota+1, every tier edge and edge+1, and 10^10.
func boundaries(c Catalog) []int64 {
	ms := []int64{0, e10}
	for _, p := range c.Plans {
		ms = append(ms, p.FreeMessages, p.FreeMessages+1)
		for _, t := range p.Tiers {
			if t.UpTo != 0 {
				ms = append(ms, p.FreeMessages+t.UpTo, p.FreeMessages+t.UpTo+1)
			}
		}
	}
	return ms
}

// checkEvaluation states what a recommendation is: Best is feasible, no
// feasible plan bills less, and every feasible plan listed before it bills
// more (the first listed wins a tie). Best is -1 only when nothing is
// feasible. Each option is its plan's quote and the bill of its cost.
func checkEvaluation(e Evaluation) string {
	if len(e.Options) != len(e.Catalog.Plans) {
		return "one option per plan"
	}
	for i, o := range e.Options {
		if o.Plan.ID != e.Catalog.Plans[i].ID {
			return "options out of catalog order"
		}
		if msg := checkQuote(e.Catalog.Plans[i], e.Messages, o.Quote); msg != "" {
			return o.Plan.ID + ": " + msg
		}
		want := e.Catalog.Charge(o.Cost)
		if !o.Charge.Cost.Equal(want.Cost) || !o.Charge.Tax.Equal(want.Tax) || !o.Charge.Total.Equal(want.Total) {
			return o.Plan.ID + ": the charge is not the bill of the cost"
		}
	}
	if e.Best == -1 {
		for _, o := range e.Options {
			if o.Feasible {
				return fmt.Sprintf("Best = -1 but %s is feasible", o.Plan.ID)
			}
		}
		return ""
	}
	if e.Best < 0 || e.Best >= len(e.Options) {
		return fmt.Sprintf("Best = %d out of range", e.Best)
	}
	best := e.Options[e.Best]
	if !best.Feasible {
		return "the recommended plan is infeasible"
	}
	for i, o := range e.Options {
		if !o.Feasible {
			continue
		}
		if o.Charge.Cost.LessThan(best.Charge.Cost) {
			return fmt.Sprintf("%s (%s) beats the recommended %s (%s)", o.Plan.ID, o.Charge.Cost, best.Plan.ID, best.Charge.Cost)
		}
		if i < e.Best && o.Charge.Cost.Equal(best.Charge.Cost) {
			return fmt.Sprintf("%s ties the recommended %s and is listed first", o.Plan.ID, best.Plan.ID)
		}
	}
	return ""
}
