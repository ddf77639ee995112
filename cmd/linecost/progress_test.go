package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestProgressOnlyOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	if p := newProgress(&buf, false); p != nil {
		t.Error("a buffer is not a terminal, but newProgress drew a bar")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newProgress(f, false); p != nil {
		t.Error("a regular file is not a terminal, but newProgress drew a bar")
	}
	// A nil progress is safe to finish.
	var p *progress
	p.finish()
}

func TestProgressPhases(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf} // as newProgress returns on a terminal
	for _, n := range []int{0, 10000, 20000, 25000} {
		p.update("read", n, 0)
	}
	p.update("write", 0, 25000)
	p.update("write", 10000, 25000)
	p.update("write", 25000, 25000)
	p.finish()
	out := buf.String()
	for _, want := range []string{"reading plans", "rows/s", "writing rows", "10000/25000"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}
}
