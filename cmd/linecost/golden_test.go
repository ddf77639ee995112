package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites golden files instead of comparing with them:
//
//	go test ./... -update
//
// Review the result with git diff.
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with the golden file at path, or writes got to path
// when -update is given.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the lines of want and got from the first that differs:
// enough to see what changed; git diff after -update shows the rest.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:\n", i+1)
	for j := i; j < min(i+8, len(w)); j++ {
		fmt.Fprintf(&b, "-%s\n", w[j])
	}
	for j := i; j < min(i+8, len(g)); j++ {
		fmt.Fprintf(&b, "+%s\n", g[j])
	}
	return b.String()
}
