package main

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/urfave/cli/v2"
	"github.com/urfave/cli/v2/altsrc"
)

// The configuration of report and watch: every flag can also come from a
// TOML file (--config, keys named as the flags: smtp-host = "...") and
// from the environment (LINECOST_SMTP_HOST). A flag on the command line
// wins over the environment, which wins over the file.

// configFlag is --config FILE.
func configFlag() cli.Flag {
	return &cli.PathFlag{Name: "config", EnvVars: []string{"LINECOST_CONFIG"}, Usage: "read flags from the TOML `FILE` (keys as the flags: smtp-host = \"mail.example.com\"); the command line and LINECOST_* variables win over it"}
}

// envName is the environment variable of a flag: --smtp-host is
// LINECOST_SMTP_HOST.
func envName(flag string) string {
	return "LINECOST_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// configurable wraps every flag of a command but the perRun ones so that
// it also reads its LINECOST_* variable and the --config file, and sets
// the command's Before to read that file, refusing keys that name no
// setting of linecost (altsrc would ignore a misspelt key). One file
// serves report and watch: each reads the keys it has flags for.
func configurable(cmd *cli.Command, perRun ...string) *cli.Command {
	var flags []cli.Flag
	for _, f := range cmd.Flags {
		name := f.Names()[0]
		env := []string{envName(name)}
		if slices.Contains(perRun, name) {
			flags = append(flags, f)
			continue
		}
		switch f := f.(type) {
		case *cli.StringFlag:
			f.EnvVars = env
			flags = append(flags, altsrc.NewStringFlag(f))
		case *cli.StringSliceFlag:
			f.EnvVars = env
			flags = append(flags, altsrc.NewStringSliceFlag(f))
		case *cli.BoolFlag:
			f.EnvVars = env
			flags = append(flags, altsrc.NewBoolFlag(f))
		case *cli.IntFlag:
			f.EnvVars = env
			flags = append(flags, altsrc.NewIntFlag(f))
		case *cli.DurationFlag:
			f.EnvVars = env
			flags = append(flags, altsrc.NewDurationFlag(f))
		case *cli.PathFlag:
			if name != "config" {
				f.EnvVars = env
				flags = append(flags, altsrc.NewPathFlag(f))
				continue
			}
			flags = append(flags, f)
		default:
			panic(fmt.Sprintf("configurable: flag --%s of type %T", name, f))
		}
	}
	flags = append(flags, configFlag())
	cmd.Flags = flags
	load := altsrc.InitInputSourceWithContext(flags, altsrc.NewTomlSourceFromFlagFunc("config"))
	cmd.Before = func(c *cli.Context) error {
		path := c.Path("config")
		if path == "" {
			return nil
		}
		if err := checkConfigKeys(path); err != nil {
			return usageErrorf("--config %s: %v", path, err)
		}
		if err := load(c); err != nil {
			return usageErrorf("--config %s: %v", path, err)
		}
		return nil
	}
	return cmd
}

// configKeys are the keys a config file may have: the flags of report and
// watch that read it.
func configKeys() map[string]bool {
	known := map[string]bool{}
	for _, cmd := range []*cli.Command{reportCommand(), watchCommand()} {
		for _, f := range cmd.Flags {
			if _, ok := f.(altsrc.FlagInputSourceExtension); ok {
				known[f.Names()[0]] = true
			}
		}
	}
	return known
}

// checkConfigKeys refuses a config file with keys that name no setting.
func checkConfigKeys(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var keys map[string]any
	if _, err := toml.Decode(string(data), &keys); err != nil {
		return err
	}
	known := configKeys()
	var unknown []string
	for k := range keys {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	switch {
	case len(unknown) == 1 && unknown[0] == "smtp-password":
		return fmt.Errorf("the SMTP password is not a setting: put it in LINECOST_SMTP_PASSWORD or a file named by smtp-password-file")
	case len(unknown) > 0:
		return fmt.Errorf("unknown keys %s (keys are the flags' names, see docs/linecost.example.toml)", strings.Join(unknown, ", "))
	}
	return nil
}

// isSlice reports whether f is a repeatable string flag, wrapped for the
// config file or not.
func isSlice(f cli.Flag) bool {
	switch f.(type) {
	case *cli.StringSliceFlag, *altsrc.StringSliceFlag:
		return true
	}
	return false
}

// inAbout says whether a flag is recorded on the workbook's About sheet:
// the flags that shape the figures are, the flags of mail, of the service
// and of the config file are not (mail addresses have no place in a
// budget).
func inAbout(name string) bool {
	switch {
	case name == "config", strings.HasPrefix(name, "mail-"), strings.HasPrefix(name, "smtp-"):
		return false
	}
	for _, f := range watchOnlyFlags {
		if f == name {
			return false
		}
	}
	return true
}

// watchOnlyFlags are the flags of watch that say how the service runs, not
// how a plan is priced.
var watchOnlyFlags = []string{"once", "check", "settle", "poll", "log-format", "inbox", "processing", "done", "failed", "outbox", "spool", "state", "json"}
