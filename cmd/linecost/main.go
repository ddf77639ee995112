package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
	_ "time/tzdata" // send times are converted to Japan's day on machines without a zone database too

	"github.com/urfave/cli/v2"
)

func main() { os.Exit(guard(func() int { return run(os.Args, os.Stdin, os.Stdout, os.Stderr) })) }

// Exit codes, the only ones linecost uses. They are listed in the README
// and in `linecost --help`.
const (
	exitOK      = 0 // success
	exitInput   = 1 // an input file (plan or catalog) has errors, or the plans cannot be budgeted
	exitUsage   = 2 // bad command line: unknown flag, bad flag value, missing argument
	exitFailure = 3 // anything else: a file could not be read or written
)

// exitError carries the exit code an error maps to.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErrorf(format string, a ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, a...)}
}

func inputError(err error) error { return &exitError{exitInput, err} }

// run is linecost without the process: tests call it with their own
// arguments and streams, and it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	var err error
	if len(args) > 1 && !strings.HasPrefix(args[1], "-") && app.Command(args[1]) == nil {
		var names []string
		for _, c := range app.Commands {
			names = append(names, c.Name)
		}
		err = usageErrorf("unknown command %q (commands: %s)", args[1], strings.Join(names, ", "))
	} else {
		args, err = reorderArgs(app, args)
	}
	if err == nil {
		err = app.Run(args)
	}
	if err == nil {
		return exitOK
	}
	if brokenPipe(err) {
		return exitSignal(syscall.SIGPIPE) // quietly: nobody reads what we would say
	}
	code := exitFailure
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	fmt.Fprintf(stderr, "linecost: %v\n", err)
	if code == exitUsage {
		hint := "linecost --help"
		if len(args) > 1 && app.Command(args[1]) != nil {
			hint = "linecost " + args[1] + " --help"
		}
		fmt.Fprintf(stderr, "Run '%s' for usage.\n", hint)
	}
	return code
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "linecost",
		Usage: "budget LINE Official Account messaging from campaign plans",
		Description: "linecost prices a month of LINE Official Account messages on every plan of\n" +
			"LINE's tariff, recommends the cheapest plan, and turns marketing's campaign\n" +
			"plans into a budget workbook for finance.\n\n" +
			"Exit codes:\n" +
			"   0  success\n" +
			"   1  an input file (plan or catalog) has errors, or the plans cannot be\n" +
			"      budgeted (e.g. a month no catalog covers); nothing was written\n" +
			"   2  bad command line (unknown flag, bad value, missing argument)\n" +
			"   3  anything else failed (a file could not be read or written)\n" +
			"   128+N  stopped by signal N: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP, 141 standard\n" +
			"      output closed (| head); nothing was replaced and no temporary file is left",
		Version:         version(),
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {}, // run maps errors to exit codes
		OnUsageError:    onUsageError,
		Commands:        commands(),
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
	return app
}

func onUsageError(_ *cli.Context, err error, _ bool) error {
	return &exitError{exitUsage, err}
}

// version is the module version of the build, or "devel" plus the VCS
// revision for a build from a checkout.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	return v
}

// reorderArgs moves the flags of a subcommand in front of its positional
// arguments, because urfave/cli v2 stops reading flags at the first
// argument (urfave/cli#1177): `linecost report plan.csv -o out.xlsx` then
// means what it says. Everything after "--" stays an argument; "-" alone
// (standard input) is an argument.
func reorderArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args, nil
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		// altsrc's wrappers (config files) are not *cli.BoolFlag: ask.
		tv, ok := f.(interface{ TakesValue() bool })
		for _, n := range f.Names() {
			takesValue[n] = !ok || tv.TakesValue()
		}
	}
	var flags, positional []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			positional = append(positional, rest[i+1:]...)
			i = len(rest)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if takesValue[name] {
				if i+1 >= len(rest) {
					return nil, usageErrorf("flag needs a value: %s", a)
				}
				i++
				flags = append(flags, rest[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	if len(positional) > 0 {
		out = append(append(out, "--"), positional...)
	}
	return out, nil
}
