package main

import "github.com/urfave/cli/v2"

// commands lists linecost's commands in the order --help shows them.
func commands() []*cli.Command {
	return []*cli.Command{
		quoteCommand(),
		plansCommand(),
		checkCommand(),
		reportCommand(),
		watchCommand(),
	}
}
