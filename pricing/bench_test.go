package pricing

import "testing"

// BenchmarkEvaluate prices one account-month on every plan of jp-2023, the
// catalog with the longest tier table (33 bands), at a volume that runs
// through most of them.
func BenchmarkEvaluate(b *testing.B) {
	c, err := Builtin().Named("jp-2023")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if e := Evaluate(60_000_000, c); e.Best < 0 {
			b.Fatal("no plan recommended")
		}
	}
}

// BenchmarkAllocate splits one month's bill over 500 campaign rows.
func BenchmarkAllocate(b *testing.B) {
	weights := make([]int64, 500)
	for i := range weights {
		weights[i] = int64(1000 + i*37%5000)
	}
	total := dec("123456")
	for b.Loop() {
		if _, err := Allocate(total, 0, weights); err != nil {
			b.Fatal(err)
		}
	}
}
