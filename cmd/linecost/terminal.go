package main

import (
	"fmt"

	"linecost/pricing"
	"linecost/report"
)

// terminal is what report prints to the terminal, in one language
// (--lang). Format strings end in a newline, but cannotDeliver's, which
// follows the saving.
type terminal struct {
	zh bool
	// rows is the first line: rows, accounts and months of the period.
	rows func(rows, accounts, months int, first, last pricing.Month) string
	// skipped is the line of the rows left out by --from/--to.
	skipped func(n int) string
	// empty: %s the months without rows.
	empty string
	// total: %s currency, %s cost, %s tax, %s total; saving: %s currency,
	// %s amount, %s cannotDeliver's text or "".
	total, saving string
	// cannotDeliver: messages and months (English: with their nouns).
	cannotDeliver func(messages int64, months int) string
	wrote         string // %s the file
	// more is the line after the warnings shown: n more.
	more func(n int) string
	// warning heads a warning in the language; a warning without a
	// translation stays in English, with "warning: ".
	warning string
}

var terminalTexts = map[string]terminal{
	"en": {
		rows: func(rows, accounts, months int, first, last pricing.Month) string {
			return fmt.Sprintf("%s, %s, %s (%s to %s)\n", plural(int64(rows), "campaign row", "campaign rows"),
				plural(int64(accounts), "account", "accounts"), plural(int64(months), "month", "months"), first, last)
		},
		skipped: func(n int) string {
			verb := "were"
			if n == 1 {
				verb = "was"
			}
			return fmt.Sprintf("%s outside --from/--to %s left out\n", plural(int64(n), "row", "rows"), verb)
		},
		empty:  "No rows in %s: budgeted at 0\n",
		total:  "Total: %s %s + tax %s = %s\n",
		saving: "Saving against the current plans: %s %s (before tax)%s\n",
		cannotDeliver: func(messages int64, months int) string {
			return fmt.Sprintf("; the current plans cannot deliver %s in %s",
				plural(messages, "message", "messages"), plural(int64(months), "month", "months"))
		},
		wrote: "Wrote %s\n",
		more: func(n int) string {
			return fmt.Sprintf("... and %s (all of them are listed in the workbook's Issues sheet and in --json)\n",
				plural(int64(n), "more warning", "more warnings"))
		},
		warning: "warning: ",
	},
	"zh-TW": {
		zh: true,
		rows: func(rows, accounts, months int, first, last pricing.Month) string {
			return fmt.Sprintf("%s 筆活動列，%d 個帳號，%d 個月（%s 至 %s）\n", report.Count(int64(rows)), accounts, months, first, last)
		},
		skipped: func(n int) string {
			return fmt.Sprintf("%s 列不在 --from/--to 範圍內，未計入\n", report.Count(int64(n)))
		},
		empty:  "%s 沒有任何列：以 0 計算\n",
		total:  "總額：%s %s + 稅 %s = %s\n",
		saving: "相較目前方案可節省：%s %s（未稅）%s\n",
		cannotDeliver: func(messages int64, months int) string {
			return fmt.Sprintf("；目前方案有 %s 則訊息無法發送（%d 個月）", report.Count(messages), months)
		},
		wrote: "已寫入 %s\n",
		more: func(n int) string {
			return fmt.Sprintf("……另有 %d 則警告（全部列在活頁簿的「問題」工作表與 --json 中）\n", n)
		},
		warning: "警告：",
	},
}

// terminalText is the terminal's words in lang, English when unknown.
func terminalText(lang string) terminal {
	if t, ok := terminalTexts[lang]; ok {
		return t
	}
	return terminalTexts["en"]
}
