/*
Linecost budgets LINE Official Account messaging from marketing's campaign
plans: it adds up each account's messages per calendar month, prices every
month on every plan of LINE's tariff in force, recommends the cheapest plan,
allocates each month's bill to its campaign rows, and writes an Excel
workbook (and JSON) for finance, or mails it.

Usage:

	linecost quote --friends N [--sends K] [--blocked B|P%] [--bubbles N --channel manager|api]
	               [--month YYYY-MM | --catalog NAME] [--region tw|jp|th] [--json]
	linecost plans [--region R] [--catalog NAME] [--pricing FILE] [--json]
	linecost check [--encoding ENC] [--sheet NAME] [--column FIELD=HEADER]... [--json] PLAN...
	linecost report [flags] PLAN... -o budget.xlsx [--json FILE|-]
	linecost watch [flags] DIR

The commands:

	quote   price one month of messages on every plan (the web calculator)
	plans   list the tariff catalogs, their plans, tier tables and notes
	check   validate campaign plans without writing anything
	report  price campaign plans and write the budget workbook
	watch   price the plans dropped in DIR/inbox and mail the workbooks

`linecost COMMAND --help` lists every flag; the README says what each
command and sheet answers, the plan format, the limits and the exit codes.
The flags of report and watch (but report's --output, --json and --quiet,
which belong to one run) may also come from a LINECOST_* variable or from
the TOML file given with --config.

Exit codes (mapped in one place, main.go):

	0      success
	1      an input file (plan or catalog) has errors, or the plans cannot be
	       budgeted; nothing was written
	2      bad command line
	3      anything else failed (a file could not be read or written)
	128+N  stopped by signal N; nothing was replaced, no temporary file is left

Examples:

	linecost report testdata/sample/campaigns.csv -o budget.xlsx
	linecost report plans/*.csv --current-plan pro --lang zh-TW -o 預算.xlsx
	linecost quote --friends 12000 --sends 4
	linecost check plan.xlsx --sheet 2025

The package holds only the wiring: flags, "today" read once from the clock
(or --today, or SOURCE_DATE_EPOCH), the terminal texts, signals and the
exit codes. The work is done by report (the budget), report/input (the plan
reader), report/workbook (the workbook), report/delivery (the drop folder
and mail) and pricing (the tariffs).
*/
package main
