package report

import (
	"errors"
	"fmt"
	"io"
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
		data, err := readCatalogFile(p)
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

// MaxCatalogBytes is the largest catalog file read: the built-in ones are
// a few kilobytes.
const MaxCatalogBytes = 1 << 20

// readCatalogFile reads a catalog file: a regular file of at most
// MaxCatalogBytes (--pricing /dev/zero read 6 GB in 9 s).
func readCatalogFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &CatalogError{File: path, Err: errors.New("not a regular file: a catalog is a JSON file")}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxCatalogBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxCatalogBytes {
		return nil, &CatalogError{File: path, Err: fmt.Errorf("more than %d bytes (1 MiB): not a catalog", MaxCatalogBytes)}
	}
	return data, nil
}
