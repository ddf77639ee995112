package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"linecost/report"
	"linecost/report/delivery"
)

// oneOffMail is where and how `linecost report --mail-to` mails.
type oneOffMail struct {
	smtp *delivery.SMTP
	to   []string
}

// reportMail reads the mail flags of `linecost report`: nil when
// --mail-to is not given.
func reportMail(c *cli.Context, out string) (*oneOffMail, error) {
	to, err := addresses(c, "mail-to")
	if err != nil || len(to) == 0 {
		return nil, err
	}
	if out == "" {
		return nil, usageErrorf("--mail-to mails the workbook: give -o FILE.xlsx too")
	}
	smtp, err := smtpSettings(c)
	if err != nil {
		return nil, err
	}
	if smtp == nil {
		return nil, usageErrorf("--mail-to needs --smtp-host")
	}
	return &oneOffMail{smtp: smtp, to: to}, nil
}

// mailReport sends the workbook of a one-off report, once: there is no
// spool, so a failure is an error (exit 3) and the workbook stays written.
// day is today, for the plan changes; at dates the mail.
func mailReport(c *cli.Context, mail *oneOffMail, b *report.Budget, paths []string, out string, w io.Writer, day, at time.Time) error {
	if mail == nil {
		return nil
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	m := delivery.BudgetMail{Budget: b, Plan: strings.Join(names, ", "), Lang: c.String("lang"), Today: day}
	to := strings.Join(mail.to, ", ")
	if err := delivery.MailOnce(context.Background(), mail.smtp, m, out, mail.to, at); err != nil {
		return fmt.Errorf("%s was written, but the mail to %s was not sent: %w", out, to, err)
	}
	fmt.Fprintf(w, "Mailed %s to %s\n", filepath.Base(out), to)
	return nil
}
