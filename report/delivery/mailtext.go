package delivery

import (
	"fmt"

	"linecost/report"
)

// mailText is the wording of the mails in one language.
type mailText struct {
	Subject       string // period first, last; currency, total; plan name
	Intro         string // plan; first, last month; months
	Account       string
	Messages      string
	Cost, Tax     string
	TotalInclTax  string
	GrandTotal    string
	Line          string // name, currency, total, messages, cost, tax: one account in the text body
	Changes       string // days; today
	NoChanges     string
	Upgrade       string // account, from, to, date
	UpgradeNow    string // an overdue upgrade: account, from, to, the day it was due
	Downgrade     string
	Change        string
	Notes         string // heading of the catalog notes the figures depend on
	Assumed       string // heading of what the reader assumed or skipped
	Skipped       string // file, count of title rows, count of totals rows
	Warnings      string // count
	NoWarnings    string
	Attached      string // file names
	TooLarge      string // file name, size in MB, folder
	Undelivered   string // count
	UndeliveredTo string // subject, recipients, error

	ErrorSubject string // plan, count
	ErrorIntro   string // plan, count, errors file
	ErrorMore    string // count of lines not shown
	LocalPlans   bool
	// Nouns are the counted nouns, singular and plural: "month", "error",
	// "mail", "line".
	Nouns map[string][2]string
}

// count is n with its noun: "1 month", "3 months", "3 個月".
func (t *mailText) count(n int, noun string) string {
	forms := t.Nouns[noun]
	if n == 1 {
		return report.Count(int64(n)) + forms[0]
	}
	return report.Count(int64(n)) + forms[1]
}

var mailTexts = map[string]*mailText{
	"en": {
		Subject: "LINE budget %s..%s: %s %s incl. tax (%s)",
		Intro:   "The LINE messaging budget for %s, %s to %s (%s).",
		Account: "Account", Messages: "Messages", Cost: "Cost", Tax: "Tax",
		TotalInclTax: "Total incl. tax", GrandTotal: "Total",
		Line:          "%[1]s: %[2]s %[3]s (%[4]s messages; cost %[5]s + tax %[6]s)",
		Changes:       "Plan changes due in the next %d days (from %s):",
		NoChanges:     "No plan change is due in the next %d days (from %s).",
		Upgrade:       "%[1]s: upgrade %[2]s → %[3]s on %[4]s",
		UpgradeNow:    "%[1]s: upgrade %[2]s → %[3]s now (it was due on %[4]s)",
		Downgrade:     "%[1]s: request the downgrade %[2]s → %[3]s by %[4]s",
		Change:        "%[1]s: request the change %[2]s → %[3]s by %[4]s",
		Notes:         "These figures depend on the tariff's notes (in full on the workbook's Pricing sheet):",
		Assumed:       "Assumed while reading the plan:",
		Skipped:       "%s: skipped %d title rows above the header and %d totals rows",
		Warnings:      "Warnings: %d (listed in the workbook's Issues sheet).",
		NoWarnings:    "Warnings: none.",
		Attached:      "Attached: %s",
		TooLarge:      "The workbook %s (%s MB) is too large to mail: it is in the outbox folder, %s.",
		Undelivered:   "%s could not be delivered:",
		UndeliveredTo: "%s, to %s: %s",
		ErrorSubject:  "LINE budget: %s has %s, nothing was priced",
		ErrorIntro:    "%s could not be priced: it has %s. Fix them and drop the plan in the folder again. Every error is in the attached %s.",
		ErrorMore:     "... and %s more in the attached file",
		Nouns: map[string][2]string{
			"month": {" month", " months"}, "error": {" error", " errors"},
			"mail": {" earlier mail", " earlier mails"}, "line": {" line", " lines"},
		},
	},
	"zh-TW": {
		Subject: "LINE 預算 %s..%s：%s %s 含稅（%s）",
		Intro:   "%s 的 LINE 訊息預算，%s 至 %s（%s）。",
		Account: "帳號", Messages: "則數", Cost: "費用", Tax: "稅額",
		TotalInclTax: "含稅合計", GrandTotal: "合計",
		Line:          "%[1]s：%[2]s %[3]s（%[4]s 則；費用 %[5]s + 稅額 %[6]s）",
		Changes:       "未來 %d 天內（自 %s 起）須辦理的方案異動：",
		NoChanges:     "未來 %d 天內（自 %s 起）沒有須辦理的方案異動。",
		Upgrade:       "%[1]s：%[4]s 升級 %[2]s → %[3]s",
		UpgradeNow:    "%[1]s：立即升級 %[2]s → %[3]s（應於 %[4]s 升級）",
		Downgrade:     "%[1]s：%[4]s 前申請降級 %[2]s → %[3]s",
		Change:        "%[1]s：%[4]s 前申請變更 %[2]s → %[3]s",
		Notes:         "以上金額取決於費率的附註（全文見活頁簿的「費率」工作表）：",
		Assumed:       "讀取計畫時的假設：",
		Skipped:       "%s：略過表頭上方 %d 列標題與 %d 列合計",
		Warnings:      "警告：%d 則（列於活頁簿的「問題」工作表）。",
		NoWarnings:    "警告：無。",
		Attached:      "附件：%s",
		TooLarge:      "活頁簿 %s（%s MB）太大，無法以郵件寄送：請至輸出資料夾 %s 取用。",
		Undelivered:   "先前有 %s無法寄達：",
		UndeliveredTo: "%s，收件人 %s：%s",
		ErrorSubject:  "LINE 預算：%s 有 %s，未計價",
		ErrorIntro:    "%s 無法計價：共有 %s。請修正後重新放入資料夾。所有錯誤都在附件 %s。",
		ErrorMore:     "……另有 %s，見附件",
		Nouns: map[string][2]string{
			"month": {" 個月", " 個月"}, "error": {" 個錯誤", " 個錯誤"},
			"mail": {" 封郵件", " 封郵件"}, "line": {" 行", " 行"},
		},
		LocalPlans: true,
	},
}

func textsFor(lang string) (*mailText, error) {
	if lang == "" {
		lang = "en"
	}
	t, ok := mailTexts[lang]
	if !ok {
		return nil, fmt.Errorf("mail language: want en or zh-TW, not %q", lang)
	}
	return t, nil
}
