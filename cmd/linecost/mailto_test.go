package main

import (
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMailToDisplayNames: a display name may hold a comma ("Chen, Mei");
// --mail-to, LINECOST_MAIL_TO and the config file's mail-to are read as
// RFC 5322 address lists, not split on every comma.
func TestMailToDisplayNames(t *testing.T) {
	want := []mail.Address{{Name: "Chen, Mei", Address: "mei@x.tw"}, {Address: "finance@example.com"}}
	for _, tc := range []struct {
		name   string
		env    string
		config string
		flags  []string
	}{
		{name: "LINECOST_MAIL_TO", env: `"Chen, Mei" <mei@x.tw>, finance@example.com`},
		{name: "--mail-to", flags: []string{"--mail-to", `"Chen, Mei" <mei@x.tw>`, "--mail-to", "finance@example.com"}},
		{name: "--mail-to with a list", flags: []string{"--mail-to", `"Chen, Mei" <mei@x.tw>, finance@example.com`}},
		{name: "config file", config: `mail-to = ['"Chen, Mei" <mei@x.tw>', "finance@example.com"]` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startPlainSMTP(t)
			t.Setenv("LINECOST_MAIL_TO", tc.env)
			if tc.env == "" {
				os.Unsetenv("LINECOST_MAIL_TO")
			}
			out := filepath.Join(t.TempDir(), "budget.xlsx")
			args := []string{"report", "../../testdata/sample/campaigns.csv", "-o", out,
				"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()), "--smtp-tls", "none", "--mail-from", "budget@example.com"}
			if tc.config != "" {
				args = append(args, "--config", writeTemp(t, tc.config))
			}
			code, stdout, errOut := runCmd(t, append(args, tc.flags...)...)
			m := theMail(t, srv, code, stdout, errOut)
			to, err := m.Header.AddressList("To")
			if err != nil {
				t.Fatalf("To %q: %v", m.Header.Get("To"), err)
			}
			if len(to) != len(want) || *to[0] != want[0] || *to[1] != want[1] {
				t.Errorf("To %q, want %v", m.Header.Get("To"), want)
			}
			if line := `Mailed budget.xlsx to "Chen, Mei" <mei@x.tw>, finance@example.com`; !strings.Contains(stdout, line) {
				t.Errorf("stdout:\n%s\nwant %q", stdout, line)
			}
		})
	}
}

// TestMailToNotAnAddress: an address list that does not parse is a usage
// error that names where it came from and the text.
func TestMailToNotAnAddress(t *testing.T) {
	args := []string{"report", "../../testdata/sample/campaigns.csv", "-o", filepath.Join(t.TempDir(), "b.xlsx"),
		"--smtp-host", "127.0.0.1", "--smtp-tls", "none", "--mail-from", "budget@example.com"}
	t.Run("LINECOST_MAIL_TO", func(t *testing.T) {
		t.Setenv("LINECOST_MAIL_TO", `Chen, Mei <mei@x.tw>`)
		code, _, errOut := runCmd(t, args...)
		want := `linecost: LINECOST_MAIL_TO: not a list of mail addresses (RFC 5322: a display name with a comma goes in double quotes, "Chen, Mei" <mei@example.com>): "Chen, Mei <mei@x.tw>"`
		if code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %s", code, errOut, want)
		}
	})
	t.Run("--mail-to", func(t *testing.T) {
		code, _, errOut := runCmd(t, append(args, "--mail-to", "finance@example.com", "--mail-to", "finance at example.com")...)
		want := `linecost: --mail-to: not a list of mail addresses (RFC 5322: a display name with a comma goes in double quotes, "Chen, Mei" <mei@example.com>): "finance at example.com"`
		if code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %s", code, errOut, want)
		}
	})
	t.Run("empty --mail-to", func(t *testing.T) {
		code, _, errOut := runCmd(t, append(args, "--mail-to", " ")...)
		if want := `linecost: --mail-to: no address in " "`; code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %s", code, errOut, want)
		}
	})
	t.Run("empty LINECOST_MAIL_TO", func(t *testing.T) {
		// It would hide the config file's mail-to: an error, not "no one".
		t.Setenv("LINECOST_MAIL_TO", "")
		config := writeTemp(t, `mail-to = ["finance@example.com"]`+"\n")
		code, _, errOut := runCmd(t, append(args, "--config", config)...)
		if want := `linecost: LINECOST_MAIL_TO: no address in "" (unset it for none)`; code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %s", code, errOut, want)
		}
	})
	t.Run("mail-to = []", func(t *testing.T) {
		config := writeTemp(t, "mail-to = []\n")
		if code, out, errOut := runCmd(t, append(args, "--config", config)...); code != exitOK || strings.Contains(out, "Mailed") {
			t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0 and no mail", code, out, errOut)
		}
	})
	t.Run("watch --mail-errors-to", func(t *testing.T) {
		t.Setenv("LINECOST_MAIL_ERRORS_TO", `marketing@`)
		code, _, errOut := runCmd(t, "watch", "--once", "--smtp-host", "127.0.0.1", "--smtp-tls", "none", "--mail-from", "budget@example.com", t.TempDir())
		want := `linecost: LINECOST_MAIL_ERRORS_TO: not a list of mail addresses`
		if code != exitUsage || !strings.Contains(errOut, want) || !strings.Contains(errOut, `: "marketing@"`) {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %s", code, errOut, want)
		}
	})
}
