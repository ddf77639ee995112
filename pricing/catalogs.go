package pricing

import (
	"cmp"
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
)

//go:embed catalogs/*.json
var builtinFiles embed.FS

// Catalogs is a set of catalogs, ordered by region and then by the date
// each took effect. A catalog is in force from its EffectiveFrom until the
// next catalog of its region takes effect.
type Catalogs []Catalog

// Builtin returns the catalogs shipped with linecost (see catalogs/*.json):
// the tariffs of LINE Taiwan, Japan and Thailand with their sources, each
// with the day it was last verified.
func Builtin() Catalogs {
	entries, err := builtinFiles.ReadDir("catalogs")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	var cs []Catalog
	for _, e := range entries {
		data, err := builtinFiles.ReadFile(path.Join("catalogs", e.Name()))
		if err != nil {
			panic(err)
		}
		c, err := ParseCatalog(data)
		if err == nil && c.Verified.IsZero() {
			err = fmt.Errorf("verified: missing (required for built-in catalogs)")
		}
		if err != nil {
			panic(fmt.Sprintf("built-in catalog %s: %v", e.Name(), err)) // caught by TestBuiltinFiles
		}
		cs = append(cs, c)
	}
	set, err := NewCatalogs(cs...)
	if err != nil {
		panic(fmt.Sprintf("built-in catalogs: %v", err))
	}
	return set
}

// NewCatalogs validates cs as a set: names unique, and no two catalogs of
// one region taking effect on the same day. The result is sorted.
func NewCatalogs(cs ...Catalog) (Catalogs, error) {
	set := slices.Clone(cs)
	slices.SortStableFunc(set, func(a, b Catalog) int {
		return cmp.Or(strings.Compare(a.Region, b.Region), a.EffectiveFrom.Compare(b.EffectiveFrom))
	})
	names := map[string]bool{}
	for i, c := range set {
		if names[c.Name] {
			return nil, fmt.Errorf("catalog %q is given twice", c.Name)
		}
		names[c.Name] = true
		if i > 0 && set[i-1].Region == c.Region && set[i-1].EffectiveFrom.Equal(c.EffectiveFrom) {
			return nil, fmt.Errorf("catalogs %q and %q both take effect in region %s on %s",
				set[i-1].Name, c.Name, c.Region, c.EffectiveFrom.Format(time.DateOnly))
		}
	}
	return set, nil
}

// Named returns the catalog called name.
func (cs Catalogs) Named(name string) (Catalog, error) {
	for _, c := range cs {
		if c.Name == name {
			return c, nil
		}
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return Catalog{}, fmt.Errorf("no catalog named %q (have %s)", name, strings.Join(names, ", "))
}

// Region returns the catalogs of one region, oldest first.
func (cs Catalogs) Region(region string) Catalogs {
	var out Catalogs
	for _, c := range cs {
		if c.Region == region {
			out = append(out, c)
		}
	}
	return out
}

// Regions lists the regions that have catalogs, sorted.
func (cs Catalogs) Regions() []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c.Region) {
			out = append(out, c.Region)
		}
	}
	return out
}

// Until returns the day c stops being in force (the day the next catalog
// of its region takes effect), and false while c is the current one.
func (cs Catalogs) Until(c Catalog) (time.Time, bool) {
	rs := cs.Region(c.Region)
	i := slices.IndexFunc(rs, func(x Catalog) bool { return x.Name == c.Name })
	if i < 0 || i == len(rs)-1 {
		return time.Time{}, false
	}
	return rs[i+1].EffectiveFrom, true
}

// ForMonth returns the catalog of region in force on the first day of m.
// A month before the region's first catalog is an error that says which
// months are covered.
func (cs Catalogs) ForMonth(region string, m Month) (Catalog, error) {
	rs := cs.Region(region)
	if len(rs) == 0 {
		return Catalog{}, fmt.Errorf("no catalog for region %q (have %s)", region, strings.Join(cs.Regions(), ", "))
	}
	day := m.FirstDay()
	for i := len(rs) - 1; i >= 0; i-- {
		if !rs[i].EffectiveFrom.After(day) {
			return rs[i], nil
		}
	}
	first := MonthOf(rs[0].EffectiveFrom)
	if !rs[0].EffectiveFrom.Equal(first.FirstDay()) {
		first = first.Next()
	}
	return Catalog{}, fmt.Errorf("%s is before the first %s catalog (%s, from %s): covered months are %s onward",
		m, region, rs[0].Name, rs[0].EffectiveFrom.Format(time.DateOnly), first)
}

// StaleAfterMonths is how long linecost trusts a region's tariff after its
// figures were last verified: LINE changed its prices every few years.
const StaleAfterMonths = 12

// LastVerified returns the catalog of region verified most recently (ties
// go to the later catalog), and false when no catalog of region says when
// it was verified (a user's file may not).
func (cs Catalogs) LastVerified(region string) (Catalog, bool) {
	var last Catalog
	for _, c := range cs.Region(region) {
		if !c.Verified.IsZero() && !c.Verified.Before(last.Verified) {
			last = c
		}
	}
	return last, !last.Verified.IsZero()
}

// Stale reports whether day lies more than [StaleAfterMonths] after the
// newest Verified date of the region's catalogs, and returns that catalog.
// A region none of whose catalogs says when it was verified is never
// stale: there is nothing to measure from.
func (cs Catalogs) Stale(region string, day time.Time) (Catalog, bool) {
	c, ok := cs.LastVerified(region)
	if !ok {
		return Catalog{}, false
	}
	return c, day.After(c.Verified.AddDate(0, StaleAfterMonths, 0))
}
