package main

// terminal is what report prints to the terminal, in one language
// (--lang): format strings, each ending in a newline but cannotDeliver.
type terminal struct {
	zh bool
	// rows: %s rows, %d accounts, %d months, %s first, %s last month.
	rows, skipped, total string
	// saving: %s currency, %s amount, %s cannotDeliver or "".
	saving, cannotDeliver, wrote, more string
	// warning heads a warning given in the language.
	warning string
}

var terminalTexts = map[string]terminal{
	"en": {
		rows:          "%s campaign rows, %d accounts, %d months (%s to %s)\n",
		skipped:       "%s rows outside --from/--to were left out\n",
		total:         "Total: %s %s + tax %s = %s\n",
		saving:        "Saving against the current plans: %s %s (before tax)%s\n",
		cannotDeliver: "; the current plans cannot deliver %s in %s",
		wrote:         "Wrote %s\n",
		more:          "... and %d more warnings (all of them are listed in the workbook's Issues sheet and in --json)\n",
	},
	"zh-TW": {
		zh:            true,
		rows:          "%s 筆活動列，%d 個帳號，%d 個月（%s 至 %s）\n",
		skipped:       "%s 列不在 --from/--to 範圍內，未計入\n",
		total:         "總額：%s %s + 稅 %s = %s\n",
		saving:        "相較目前方案可節省：%s %s（未稅）%s\n",
		cannotDeliver: "；目前方案有 %s 則訊息無法發送（%d 個月）",
		wrote:         "已寫入 %s\n",
		more:          "……另有 %d 則警告（全部列在活頁簿的「問題」工作表與 --json 中）\n",
		warning:       "警告：",
	},
}

// terminalText is the terminal's words in lang, English when unknown.
func terminalText(lang string) terminal {
	if t, ok := terminalTexts[lang]; ok {
		return t
	}
	return terminalTexts["en"]
}
