package main

import (
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"linecost/report/delivery"
)

// Flags of the commands that send mail (report, watch). The password is
// not a flag (a flag shows in ps): it comes from LINECOST_SMTP_PASSWORD or
// --smtp-password-file.

func mailFlags() []cli.Flag {
	return []cli.Flag{
		addressFlag("mail-to", "mail the workbook to `ADDRESS`, e.g. \"Chen, Mei\" <mei@example.com> (repeatable; a list: a@example.com, b@example.com)"),
		&cli.StringFlag{Name: "mail-from", Usage: "send mail as `ADDRESS`, e.g. \"linecost <budget@example.com>\""},
		&cli.StringFlag{Name: "smtp-host", Usage: "send mail through the SMTP server `HOST` (without it, nothing is mailed)"},
		&cli.IntFlag{Name: "smtp-port", Value: 587, Usage: "the SMTP server's `PORT`"},
		&cli.StringFlag{Name: "smtp-tls", Value: "starttls", Usage: "`MODE`: starttls (required), tls (implicit TLS, port 465) or none"},
		&cli.StringFlag{Name: "smtp-user", Usage: "log in to the SMTP server as `USER` (AUTH PLAIN; the password from LINECOST_SMTP_PASSWORD or --smtp-password-file)"},
		&cli.PathFlag{Name: "smtp-password-file", Usage: "read the SMTP password from `FILE` (first line)"},
		&cli.BoolFlag{Name: "smtp-insecure-auth", Usage: "allow the password over a connection without TLS (--smtp-tls none)"},
		&cli.DurationFlag{Name: "smtp-timeout", Value: 30 * time.Second, Usage: "give up an SMTP command after `DURATION`"},
	}
}

// smtpSettings reads the SMTP flags; nil when --smtp-host is not set.
func smtpSettings(c *cli.Context) (*delivery.SMTP, error) {
	if c.String("smtp-host") == "" {
		return nil, nil
	}
	s := &delivery.SMTP{
		Host: c.String("smtp-host"), Port: c.Int("smtp-port"), TLS: c.String("smtp-tls"),
		User: c.String("smtp-user"), InsecureAuth: c.Bool("smtp-insecure-auth"),
		From: c.String("mail-from"), Timeout: c.Duration("smtp-timeout"),
	}
	pw, env := os.LookupEnv("LINECOST_SMTP_PASSWORD")
	if file := c.Path("smtp-password-file"); file != "" {
		if env {
			return nil, usageErrorf("--smtp-password-file and LINECOST_SMTP_PASSWORD both give the password: keep one")
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, usageErrorf("--smtp-password-file: %v", err)
		}
		pw, _, _ = strings.Cut(string(data), "\n")
		pw = strings.TrimSuffix(pw, "\r")
	}
	if s.User != "" {
		s.Password = pw
	}
	if s.Port <= 0 || s.Port > 65535 {
		return nil, usageErrorf("--smtp-port: want 1 to 65535, not %d", s.Port)
	}
	if err := s.Validate(); err != nil {
		return nil, usageErrorf("%v", err)
	}
	return s, nil
}
