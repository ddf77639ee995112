package main

import (
	"fmt"
	"net/mail"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/urfave/cli/v2"
)

// The mail recipients (--mail-to, --mail-errors-to, their LINECOST_*
// variables and the config file's keys) are RFC 5322 address lists: a
// display name may hold a comma when it is quoted, "Chen, Mei"
// <mei@x.tw>, so a list is parsed with net/mail, never split on commas.

// addressFlag is a repeatable recipients flag. KeepSpace makes urfave/cli's
// own split on commas (of the command line and of the variable) lossless,
// so that addresses joins the pieces back into the text as given.
func addressFlag(name, usage string) *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: name, Usage: usage, KeepSpace: true}
}

// addresses reads the recipients of flag name: every address of every
// list given, each as `"Display Name" <addr>` or `addr`. An empty list in
// the config file is no recipient; an empty flag or variable is an error
// (an empty variable would hide the config file's list); a text that is
// not an address list is a usage error naming where it came from and the
// text.
func addresses(c *cli.Context, name string) ([]string, error) {
	text := strings.Join(c.StringSlice(name), ",")
	if strings.TrimSpace(text) == "" {
		if src := addressSource(c, name, text); c.IsSet(name) && !strings.HasPrefix(src, "--config") {
			return nil, usageErrorf("%s: no address in %q (unset it for none)", src, text)
		}
		return nil, nil
	}
	list, err := mail.ParseAddressList(text)
	if err != nil {
		return nil, usageErrorf("%s: not a list of mail addresses (RFC 5322: a display name with a comma goes in double quotes, \"Chen, Mei\" <mei@example.com>): %q",
			addressSource(c, name, text), badPart(c.StringSlice(name)))
	}
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Address
		if a.Name != "" {
			out[i] = quoteName(a.Name) + " <" + a.Address + ">"
		}
	}
	return out, nil
}

// badPart is the part of a list that does not parse: the pieces (as
// split on commas) are put back together from the first until they parse,
// and what is left at the end is the part to show.
func badPart(pieces []string) string {
	cur := ""
	for i, p := range pieces {
		if i > 0 && cur != "" {
			cur += ","
		}
		cur += p
		if _, err := mail.ParseAddressList(cur); err == nil {
			cur = ""
		}
	}
	return strings.TrimSpace(cur)
}

// quoteName writes a display name as an RFC 5322 quoted string, UTF-8 as
// it is (RFC 6532; go-mail encodes it for the wire).
func quoteName(name string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(name) + `"`
}

// addressSource names where the text of flag name came from: its
// variable or the config file when the text is theirs, else the flag.
func addressSource(c *cli.Context, name, text string) string {
	if v, ok := os.LookupEnv(envName(name)); ok && v == text {
		return envName(name)
	}
	if path := c.Path("config"); path != "" {
		var keys map[string]any
		if _, err := toml.DecodeFile(path, &keys); err == nil {
			if list, ok := keys[name].([]any); ok {
				parts := make([]string, len(list))
				for i, v := range list {
					parts[i] = fmt.Sprint(v)
				}
				if strings.Join(parts, ",") == text {
					return "--config " + path + ": " + name
				}
			}
		}
	}
	return "--" + name
}
