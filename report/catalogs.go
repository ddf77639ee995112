package report

import (
	"errors"
	"fmt"
	"os"

	"linecost/pricing"
)

// LoadCatalogs returns the built-in catalogs, or, when paths are given, the
// catalogs in those files instead (one catalog per file). Errors name the
// file and the field.
func LoadCatalogs(paths []string) (pricing.Catalogs, error) {
	if len(paths) == 0 {
		return pricing.Builtin(), nil
	}
	var cs []pricing.Catalog
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		c, err := pricing.ParseCatalog(data)
		if err != nil {
			return nil, &CatalogError{File: p, Err: err}
		}
		cs = append(cs, c)
	}
	set, err := pricing.NewCatalogs(cs...)
	if err != nil {
		return nil, &CatalogError{File: "--pricing", Err: err}
	}
	return set, nil
}

// CatalogError is a catalog file that does not parse or validate.
type CatalogError struct {
	File string
	Err  error
}

// Error reads file: field: problem, or file:line:column: problem for a
// file that is not JSON.
func (e *CatalogError) Error() string {
	if se := (*pricing.SyntaxError)(nil); errors.As(e.Err, &se) {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, se.Line, se.Column, se.Msg)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}
func (e *CatalogError) Unwrap() error { return e.Err }
