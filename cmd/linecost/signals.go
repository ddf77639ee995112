package main

import (
	"errors"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"linecost/report"
)

// A run's temporary files are of two kinds: those beside the outputs
// (report.WriteFiles, tracked by outputTemps) and everything else (the
// spooled rows, a copy of piped standard input, the parts of an xlsx
// plan, excelize's own spill files, the workbook's zip spool), which all
// go to os.TempDir(). guard points TMPDIR at a private directory for the
// run, so that removing that one directory removes them all, on every
// exit path: a normal end, an error, or a signal.
//
// outputTemps is process-wide, like signals: the handler must reach it.
// Tests that call run directly use it too; it is safe for that.
var outputTemps report.TempFiles

// gracefulStop, set by watch while its service runs, has guard leave
// SIGINT, SIGTERM and SIGHUP to the command: a service finishes the plan in
// hand, files it and exits 0 (its outputs are written whole or not at all
// either way).
var gracefulStop atomic.Bool

// exitSignal is the exit status of a run ended by signal s: 128 + s, as a
// shell reports it (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP, 141
// for a broken pipe on standard output).
func exitSignal(s syscall.Signal) int { return 128 + int(s) }

// guard runs fn as the process: with its temporary files in a private
// directory, removed at the end, and with SIGINT, SIGTERM and SIGHUP
// ending the run at once, quietly, without any temporary file left and
// without any output replaced (see report.WriteFiles). A broken pipe on
// standard output makes the write fail with EPIPE instead of killing the
// process, so that run can clean up and exit quietly (see brokenPipe).
func guard(fn func() int) int {
	dir, err := os.MkdirTemp("", "linecost-")
	if err == nil {
		os.Setenv("TMPDIR", dir)
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	go func() {
		for s := range sigs {
			if s == syscall.SIGPIPE {
				continue // the write that met it fails with EPIPE
			}
			if gracefulStop.Load() {
				continue // the command stops itself
			}
			outputTemps.Stop()
			removeDir(dir)
			os.Exit(exitSignal(s.(syscall.Signal)))
		}
	}()
	code := fn()
	signal.Stop(sigs)
	removeDir(dir)
	return code
}

// removeDir removes the run's temporary directory; a file created in it
// while it was being removed (by excelize, say) makes a second pass
// needed.
func removeDir(dir string) {
	if dir == "" {
		return
	}
	for range 5 {
		if os.RemoveAll(dir) == nil {
			return
		}
	}
}

// brokenPipe reports whether err is a write to standard output after its
// reader went away (`linecost report --json - | head`).
func brokenPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }
