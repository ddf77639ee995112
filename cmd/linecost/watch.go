package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"linecost/report/delivery"
	"linecost/report/workbook"
)

func watchCommand() *cli.Command {
	flags := []cli.Flag{
		&cli.BoolFlag{Name: "once", Usage: "handle what is in the inbox, try every queued mail once, then exit (for cron or a systemd timer)"},
		&cli.BoolFlag{Name: "check", Usage: "verify the folders and the SMTP settings (connect, TLS, login, QUIT) and exit, processing and sending nothing"},
		&cli.DurationFlag{Name: "settle", Value: 5 * time.Second, Usage: "take a plan when its size and modification time have not changed for `DURATION` (0s: at once)"},
		&cli.DurationFlag{Name: "poll", Value: 30 * time.Second, Usage: "rescan the inbox every `DURATION`, folder events or not (shared drives send none)"},
		&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log lines as `FORMAT`: text or json"},
	}
	for _, f := range []string{"inbox", "processing", "done", "failed", "outbox", "spool", "state"} {
		flags = append(flags, &cli.PathFlag{Name: f, Usage: "keep the " + f + " folder at `PATH` (default: DIR/" + f + ")"})
	}
	flags = append(flags,
		&cli.BoolFlag{Name: "json", Usage: "write the JSON beside each workbook in the outbox"},
		addressFlag("mail-errors-to", "mail the errors of a plan that cannot be priced to `ADDRESS` (repeatable; a list as for --mail-to)"),
		&cli.DurationFlag{Name: "mail-retry-for", Value: delivery.DefaultRetry.GiveUp, Usage: "retry a mail the server does not accept for `DURATION` (waits of 1 min doubling to 1 h)"},
	)
	flags = append(append(flags, budgetFlags()...), mailFlags()...)
	return configurable(&cli.Command{
		Name:      "watch",
		Usage:     "price the plans dropped in a folder and mail the workbooks",
		UsageText: "linecost watch [flags] DIR",
		Description: "Watches DIR/inbox for campaign plans (a CSV, txt or xlsx file, or a folder of\n" +
			"them for one report), takes each when it has settled (or at once when NAME.done\n" +
			"appears), prices it exactly as `linecost report` would, writes the workbook to\n" +
			"DIR/outbox, files the plan under DIR/done/YYYY-MM (or DIR/failed, beside\n" +
			"NAME.errors.txt) and mails the workbook to --mail-to (the errors to\n" +
			"--mail-errors-to). Mail that is not accepted waits in DIR/spool and is retried.\n" +
			"A restart finishes what a stop or a crash left; the same plan is never mailed\n" +
			"twice. SIGINT and SIGTERM finish the plan in hand, then exit 0. One log line per\n" +
			"event on standard error.\n\n" +
			"Example:\n" +
			"   linecost watch --mail-to finance@example.com --smtp-host mail.example.com --smtp-user linecost --mail-from budget@example.com /srv/linecost\n" +
			"   linecost watch --config /etc/linecost/linecost.toml --once /srv/linecost\n" +
			"   linecost watch --config /etc/linecost/linecost.toml --check /srv/linecost",
		Flags:  flags,
		Action: runWatch,
	})
}

func runWatch(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("watch needs one folder, DIR (got %d arguments)", c.NArg())
	}
	layout := delivery.NewLayout(c.Args().First())
	for _, f := range []struct {
		name string
		dst  *string
	}{{"inbox", &layout.Inbox}, {"processing", &layout.Processing}, {"done", &layout.Done}, {"failed", &layout.Failed},
		{"outbox", &layout.Outbox}, {"spool", &layout.Spool}, {"state", &layout.State}} {
		if p := c.Path(f.name); p != "" {
			*f.dst = p
		}
	}
	var handler slog.Handler
	switch c.String("log-format") {
	case "text":
		handler = slog.NewTextHandler(c.App.ErrWriter, nil)
	case "json":
		handler = slog.NewJSONHandler(c.App.ErrWriter, nil)
	default:
		return usageErrorf("--log-format: want text or json, not %q", c.String("log-format"))
	}
	lang := c.String("lang")
	if lang != "en" && lang != "zh-TW" {
		return usageErrorf("--lang: want en or zh-TW, not %q", lang)
	}
	for _, d := range []string{"settle", "poll", "mail-retry-for"} {
		if c.Duration(d) < 0 || d == "poll" && c.Duration(d) <= 0 {
			return usageErrorf("--%s: want a positive duration, not %s", d, c.Duration(d))
		}
	}
	smtp, err := smtpSettings(c)
	if err != nil {
		return err
	}
	mailTo, err := addresses(c, "mail-to")
	if err != nil {
		return err
	}
	errorsTo, err := addresses(c, "mail-errors-to")
	if err != nil {
		return err
	}
	if smtp == nil && (len(mailTo) > 0 || len(errorsTo) > 0) {
		return usageErrorf("--mail-to and --mail-errors-to need --smtp-host")
	}
	if c.Bool("check") {
		return checkWatch(c, layout, smtp)
	}
	opts, err := reportOptions(c)
	if err != nil {
		return err
	}
	retry := delivery.DefaultRetry
	retry.GiveUp = c.Duration("mail-retry-for")
	svc, err := delivery.New(delivery.Config{
		Layout: layout, Settle: c.Duration("settle"), Poll: c.Duration("poll"),
		Options: opts,
		Meta:    workbook.Meta{Lang: lang, Version: c.App.Version, Zone: regionZone(opts.Region), Options: optionsUsed(c)},
		JSON:    c.Bool("json"), Lang: lang,
		MailTo: mailTo, ErrorsTo: errorsTo,
		SMTP: smtp, Retry: retry,
		Now: func() time.Time {
			t, _ := stamp(c) // --today is checked by reportOptions
			return t
		},
		Today: func() time.Time {
			t, _ := today(c, regionZone(opts.Region)) // checked by reportOptions
			return t
		},
		Clock: clock,
		Log:   slog.New(handler),
	})
	if err != nil {
		return err
	}
	gracefulStop.Store(true)
	defer gracefulStop.Store(false)
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	if c.Bool("once") {
		_, err := svc.Once(ctx)
		return err
	}
	return svc.Run(ctx)
}

// checkWatch is watch --check: the folders and the SMTP server, nothing
// changed and nothing sent.
func checkWatch(c *cli.Context, layout delivery.Layout, smtp *delivery.SMTP) error {
	w := c.App.Writer
	var errs []error
	if err := layout.Check(); err != nil {
		errs = append(errs, err)
	} else {
		fmt.Fprintf(w, "folders: ok (%s and the others, on one file system)\n", layout.Inbox)
	}
	if smtp == nil {
		fmt.Fprintln(w, "mail: off (no --smtp-host)")
	} else {
		ctx, cancel := context.WithTimeout(c.Context, 2*smtp.Timeout)
		defer cancel()
		if err := smtp.Check(ctx); err != nil {
			errs = append(errs, err)
		} else {
			fmt.Fprintf(w, "smtp: ok (%s:%d, %s, %s)\n", smtp.Host, smtp.Port, smtp.TLS, loginNote(smtp.User))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

func loginNote(user string) string {
	if user == "" {
		return "no login"
	}
	return "logged in as " + user
}
