package workbook

import "fmt"

// labels is every text the workbook shows in one language: sheet names,
// column headers, words written as values and messages. Headers ending in
// "(%s)" take the currency code; other format verbs are noted beside the
// field. Data (account and campaign names, catalog notes and sources,
// warnings from the input files) is written as it is.
type labels struct {
	Language string // BCP 47 tag recorded in the document properties
	Name     string // the language as the About sheet names it
	// LocalPlans names plans by their local name (高用量) rather than
	// their English one (Pro).
	LocalPlans bool
	// Font is the workbook's default font ("" keeps excelize's Calibri);
	// LineHeight is the height in points of one line of it at 11 pt.
	Font       string
	LineHeight float64

	// Sheet names, in workbook order: at most 31 characters, none of : \ / ? * [ ].
	Summary, PlanChanges, Recommendation, Comparison, Campaigns, Pricing, Issues, About string
	// SheetPart names the further sheets of a list longer than a sheet:
	// %s the list's sheet name, %d the part number from 2.
	SheetPart string

	// Document properties.
	Title       string
	Keywords    string
	Subject     string // %s first month, %s last month, %d accounts
	SubjectOne  string // Subject for one account: %s first month, %s last month
	Description string // %s linecost version
	Footer      string // Excel header/footer codes: &A sheet, &P page, &N pages
	Header      string // the same codes; %s the title, %s the period

	// Shared headers and words.
	Account, Month, Catalog, Plan, Messages string
	Cost, Tax, TotalCharge                  string // (%s) currency
	Total, Yes, No, None                    string

	// Summary: the title block. PeriodMonths: %s first month, %s last,
	// %d months. CannotDeliver: %[1]s messages, %[2]s MessageOne or
	// MessageMany, %[3]d months, %[4]s MonthOne or MonthMany.
	PeriodMonths, RegionCatalogs, GeneratedAt                   string
	TotalBeforeTax, TaxTotal, TotalWithTax, SavingCurrent       string // (%s)
	CannotDeliver, MessageOne, MessageMany, MonthOne, MonthMany string
	// Summary: the grids (GridCost, GridTotal: (%s)), the accounts, the
	// chart (ChartByAccount: (%s); ChartLargest: %s currency, %d accounts
	// shown, %d the others).
	GridCost, GridTotal, GridMessages, AccountsTitle string
	ChartData, ChartByAccount, ChartLargest          string
	SinglePlan, SingleCost, NoSinglePlan             string // SingleCost: (%s)
	CurrentPlan, CurrentCost, Saving, CurrentShortIn string // CurrentCost, Saving: (%s)
	OtherAccounts                                    string // %d accounts
	// The list of the parts of lists longer than a sheet. SheetLimit: %s
	// the rows a sheet holds; Spans: %s the list, %d its sheets, %s their
	// names; PartTotal: %d the part, %d the parts.
	PartsTitle, SheetLimit, Spans, FirstRow, LastRow, PartTotal string
	ListSeparator                                               string // between the names in Spans

	// Recommendation.
	RecommendedPlan, RunnerUp, RunnerUpExtra string // RunnerUpExtra: (%s)
	Action, ActionDate, Note                 string
	SeeNotes                                 string // %s the Pricing sheet's name
	// HeldNote: %[1]s the plan kept, %[2]s the cheaper plan, %[3]s the
	// deadline (YYYY-MM-DD).
	HeldNote, PastNote string
	// Plan changes: %[1]s from, %[2]s to, %[3]s date (YYYY-MM-DD).
	Upgrade, Downgrade, Change string
	// UpgradeNow is an overdue upgrade (report.Action.Overdue): from, to,
	// the day it was due.
	UpgradeNow string

	// Plan changes. StatusMoved: %s the month it was due, %s its deadline.
	WhatToDo, FromPlan, ToPlan, FeeChange, MonthsAffected, Status string // FeeChange: (%s)
	StatusPast, StatusMoved, NoChanges                            string
	StatusOverdue                                                 string

	// Plan comparison.
	Marker, Feasible, Undelivered, Fee, Additional, AdditionalCost string // Fee, AdditionalCost: (%s)
	MarkerValue                                                    string

	// Campaigns.
	File, Line, Date, Campaign, Segment, Channel string
	Friends, Blocked, Sends, Bubbles             string
	AllocatedCost, AllocatedTax                  string // (%s)
	ChannelManager, ChannelAPI, NoMessages       string

	// Pricing.
	PlanID, PlanName, PlanNameEN, FreeMessages, Tier, TierFrom, TierUpTo, Price string // Price: (%s)
	NotSold                                                                     string
	Region, Currency, TaxRate, EffectiveFrom                                    string
	NotesAndSources, CatalogNote, CatalogSource                                 string
	Verified                                                                    string // the day a catalog was last checked
	CatalogVerified                                                             string // %s catalog, %s day: tw-2026 (verified 2026-10-07)
	BillingMonth                                                                string // the month LINE bills a send in

	// Issues.
	Warning, NoWarnings string

	// Punctuation: Colon after a label ("Note: "), Gap between sentences.
	Colon, Gap string

	// About.
	Item, Value, Version, Generated, LanguageItem, Options, Period string
	PeriodValue                                                    string // %s first month, %s last month
	Accounts, RowsPriced, RowsSkipped, CatalogsUsed, Encoding      string
	MonthsPriced, MonthsCompared                                   string
	// What the reader assumed or skipped (issue 10).
	DefaultUsed, TitleRowSkipped, TotalRowsSkipped, EmptyMonths string
	EmptyMonthsNote                                             string // %s the months
	Delimiter, Sheet, Rows, SHA256                              string
	Tab, Space                                                  string // delimiters that would not show
}

var english = labels{
	Language: "en-US", Name: "English", LineHeight: 15,

	Summary: "Summary", PlanChanges: "Plan changes", Recommendation: "Recommendation", Comparison: "Plan comparison",
	Campaigns: "Campaigns", Pricing: "Pricing", Issues: "Issues", About: "About",
	SheetPart: "%s (%d)",

	Title:       "LINE Official Account messaging budget",
	Keywords:    "LINE, budget, messages",
	Subject:     "Messaging budget %s to %s, %d accounts",
	SubjectOne:  "Messaging budget %s to %s, 1 account",
	Description: "Generated by linecost %s",
	Footer:      "&L&A&RPage &P of &N",
	Header:      "&L%s&R%s",

	Account: "Account", Month: "Month", Catalog: "Catalog", Plan: "Plan", Messages: "Messages",
	Cost: "Cost (%s)", Tax: "Tax (%s)", TotalCharge: "Total (%s)",
	Total: "Total", Yes: "Yes", No: "No", None: "(none)",

	PeriodMonths: "%s to %s (%d months)", RegionCatalogs: "Region and catalogs", GeneratedAt: "Generated",
	TotalBeforeTax: "Total before tax (%s)", TaxTotal: "Tax (%s)", TotalWithTax: "Total including tax (%s)",
	SavingCurrent: "Saving vs the current plans (%s)",
	CannotDeliver: "the current plans cannot deliver %[1]s %[2]s in %[3]d %[4]s",
	MessageOne:    "message", MessageMany: "messages", MonthOne: "month", MonthMany: "months",
	GridCost: "Budget before tax (%s): account × month", GridTotal: "Budget including tax (%s): account × month",
	GridMessages: "Messages: account × month", AccountsTitle: "Accounts and plans",
	ChartData:      "Chart data: monthly cost before tax",
	ChartByAccount: "Monthly cost before tax (%s), by account",
	ChartLargest:   "Monthly cost before tax (%s): the %d largest accounts, the other %d as one",
	SinglePlan:     "Best single plan", SingleCost: "Single plan cost (%s)",
	NoSinglePlan: "none feasible every month",
	CurrentPlan:  "Current plan", CurrentCost: "Current plan cost (%s)", Saving: "Saving (%s)",
	CurrentShortIn: "Current plan cannot deliver in",
	OtherAccounts:  "Other %d accounts",
	PartsTitle:     "Lists on more than one sheet",
	SheetLimit: "A sheet holds at most %s rows, so a longer list continues on further sheets, " +
		"each with its header, its own table and, where the list has totals, its own totals row. " +
		"The parts below add up to the totals above.",
	Spans:    "%s spans %d sheets: %s.",
	FirstRow: "First row", LastRow: "Last row",
	PartTotal: "Total, part %d of %d", ListSeparator: ", ",

	RecommendedPlan: "Recommended plan", RunnerUp: "Next-best plan",
	RunnerUpExtra: "Next-best costs more by (%s)",
	Action:        "Plan change", ActionDate: "Change date", Note: "Note",
	SeeNotes:   "Notes in full: %s sheet.",
	Upgrade:    "Upgrade %[1]s → %[2]s on %[3]s",
	UpgradeNow: "Upgrade %[1]s → %[2]s now (it was due on %[3]s)",
	Downgrade:  "Request downgrade %[1]s → %[2]s by %[3]s",
	Change:     "Request change %[1]s → %[2]s by %[3]s",
	HeldNote:   "Stays on %[1]s: the change to %[2]s had to be requested by %[3]s, which has passed.",
	PastNote:   "Past month.",

	WhatToDo: "What to do", FromPlan: "From", ToPlan: "To", FeeChange: "Monthly fee change (%s)",
	MonthsAffected: "Months affected", Status: "Status",
	StatusPast: "past", StatusOverdue: "overdue: upgrade at once", StatusMoved: "moved from %s: its deadline, %s, has passed", NoChanges: "no plan changes",

	Marker: "Recommended", MarkerValue: "★", Feasible: "Feasible",
	Undelivered: "Undelivered messages", Fee: "Monthly fee (%s)",
	Additional: "Additional messages", AdditionalCost: "Additional cost (%s)",

	File: "File", Line: "Line", Date: "Date", Campaign: "Campaign", Segment: "Segment",
	Channel: "Channel", Friends: "Friends", Blocked: "Blocked", Sends: "Sends", Bubbles: "Bubbles",
	AllocatedCost: "Allocated cost (%s)", AllocatedTax: "Allocated tax (%s)",
	ChannelManager: "OA Manager", ChannelAPI: "Messaging API",
	NoMessages: "(plan fee, no messages)",

	PlanID: "Plan ID", PlanName: "Plan name", PlanNameEN: "English name",
	FreeMessages: "Free messages", Tier: "Additional tier",
	TierFrom: "From additional message", TierUpTo: "Up to", Price: "Price per message (%s)",
	NotSold: "not sold: delivery stops at the free quota",
	Region:  "Region", Currency: "Currency", TaxRate: "Tax rate", EffectiveFrom: "Effective from",
	NotesAndSources: "Notes and sources", CatalogNote: "Note", CatalogSource: "Source",
	Verified: "Verified", CatalogVerified: "%s (verified %s)", BillingMonth: "Billing month",

	Warning: "Warning", NoWarnings: "no warnings",
	Colon: ": ", Gap: " ",

	Item: "Item", Value: "Value", Version: "linecost version", Generated: "Generated (UTC)",
	LanguageItem: "Language", Options: "Option", Period: "Period", PeriodValue: "%s to %s",
	Accounts: "Accounts", RowsPriced: "Campaign rows priced",
	RowsSkipped: "Rows outside --from/--to", CatalogsUsed: "Catalogs used",
	MonthsPriced: "Account-months priced", MonthsCompared: "Plan comparison: account-months with messages",
	DefaultUsed: "Default used (no such column)", TitleRowSkipped: "Title row skipped", TotalRowsSkipped: "Totals rows skipped",
	EmptyMonths:     "Months without rows (budgeted at 0)",
	EmptyMonthsNote: "No account has a row in %s: budgeted at 0. Does the plan stop there?",
	Encoding:        "Encoding", Delimiter: "Delimiter", Sheet: "Sheet", Rows: "Rows", SHA256: "SHA-256",
	Tab: "tab", Space: "space",
}

var traditionalChinese = labels{
	Language: "zh-TW", Name: "繁體中文 (zh-TW)", LocalPlans: true,
	Font: "Microsoft JhengHei", LineHeight: cjkLineHeight,

	Summary: "摘要", PlanChanges: "計畫變更", Recommendation: "建議方案", Comparison: "方案比較",
	Campaigns: "活動明細", Pricing: "費率", Issues: "問題", About: "關於",
	SheetPart: "%s (%d)", // as Excel names a copied sheet in every language

	Title:       "LINE 官方帳號訊息預算",
	Keywords:    "LINE, 預算, 訊息",
	Subject:     "訊息預算 %s 至 %s，%d 個帳號",
	SubjectOne:  "訊息預算 %s 至 %s，1 個帳號",
	Description: "由 linecost %s 產生",
	Footer:      "&L&A&R第 &P 頁，共 &N 頁",
	Header:      "&L%s&R%s",

	Account: "官方帳號", Month: "月份", Catalog: "費率版本", Plan: "方案", Messages: "訊息則數",
	Cost: "未稅費用 (%s)", Tax: "稅額 (%s)", TotalCharge: "含稅總額 (%s)",
	Total: "合計", Yes: "是", No: "否", None: "（無）",

	PeriodMonths: "%s 至 %s（%d 個月）", RegionCatalogs: "地區與費率版本", GeneratedAt: "產生時間",
	TotalBeforeTax: "未稅總額 (%s)", TaxTotal: "稅額 (%s)", TotalWithTax: "含稅總額 (%s)",
	SavingCurrent: "相較目前方案可節省 (%s)",
	CannotDeliver: "目前方案有 %[1]s %[2]s訊息無法發送（%[3]d %[4]s）",
	MessageOne:    "則", MessageMany: "則", MonthOne: "個月", MonthMany: "個月",
	GridCost: "未稅預算 (%s)：帳號 × 月份", GridTotal: "含稅預算 (%s)：帳號 × 月份",
	GridMessages: "訊息則數：帳號 × 月份", AccountsTitle: "帳號與方案",
	ChartData:      "圖表資料：每月未稅費用",
	ChartByAccount: "每月未稅費用 (%s)，依帳號",
	ChartLargest:   "每月未稅費用 (%s)：費用最高的 %d 個帳號，其餘 %d 個帳號合計",
	SinglePlan:     "最佳全期固定方案", SingleCost: "固定方案未稅費用 (%s)",
	NoSinglePlan: "沒有每月都能全數發送的方案",
	CurrentPlan:  "目前方案", CurrentCost: "目前方案未稅費用 (%s)", Saving: "可節省 (%s)",
	CurrentShortIn: "目前方案無法全數發送的月份",
	OtherAccounts:  "其他 %d 個帳號",
	PartsTitle:     "分成多張工作表的清單",
	SheetLimit: "一張工作表最多 %s 列，較長的清單接續在後面的工作表，" +
		"每張都有標題列、自己的表格，清單有合計時也有自己的合計列。下列各部分加總等於上方的合計。",
	Spans:    "「%s」分成 %d 張工作表：%s。",
	FirstRow: "第一列", LastRow: "最後一列",
	PartTotal: "合計（第 %d 部分，共 %d 部分）", ListSeparator: "、",

	RecommendedPlan: "建議方案", RunnerUp: "次佳方案",
	RunnerUpExtra: "次佳方案多付 (%s)",
	Action:        "方案異動", ActionDate: "異動日期", Note: "附註",
	SeeNotes:   "完整附註見「%s」工作表。",
	Upgrade:    "%[3]s 升級：%[1]s → %[2]s",
	UpgradeNow: "立即升級：%[1]s → %[2]s（應於 %[3]s 升級）",
	Downgrade:  "%[3]s 前申請降級：%[1]s → %[2]s",
	Change:     "%[3]s 前申請變更：%[1]s → %[2]s",
	HeldNote:   "維持%[1]s：改為%[2]s須於 %[3]s 前申請，已逾期。",
	PastNote:   "已過月份。",

	WhatToDo: "應辦事項", FromPlan: "原方案", ToPlan: "新方案", FeeChange: "月費差額 (%s)",
	MonthsAffected: "影響月份", Status: "狀態",
	StatusPast: "已過", StatusOverdue: "逾期：請立即升級", StatusMoved: "由 %s 順延：申請期限 %s 已過", NoChanges: "沒有方案異動",

	Marker: "建議", MarkerValue: "★", Feasible: "可全數發送",
	Undelivered: "無法發送則數", Fee: "月費 (%s)",
	Additional: "加購則數", AdditionalCost: "加購費用 (%s)",

	File: "檔案", Line: "行號", Date: "發送日期", Campaign: "活動名稱", Segment: "目標分眾",
	Channel: "發送方式", Friends: "目標好友數", Blocked: "封鎖數", Sends: "發送次數", Bubbles: "對話框數",
	AllocatedCost: "分攤未稅費用 (%s)", AllocatedTax: "分攤稅額 (%s)",
	ChannelManager: "官方帳號後台", ChannelAPI: "Messaging API",
	NoMessages: "（月費，無訊息）",

	PlanID: "方案代碼", PlanName: "方案名稱", PlanNameEN: "英文名稱",
	FreeMessages: "免費訊息則數", Tier: "加購級距",
	TierFrom: "自第幾則加購訊息", TierUpTo: "至", Price: "每則單價 (%s)",
	NotSold: "不可加購：超過免費則數即停止發送",
	Region:  "地區", Currency: "幣別", TaxRate: "稅率", EffectiveFrom: "生效日",
	NotesAndSources: "附註與資料來源", CatalogNote: "附註", CatalogSource: "資料來源",
	Verified: "最近查核日", CatalogVerified: "%s（最近查核 %s）", BillingMonth: "計費月份",

	Warning: "警告內容", NoWarnings: "沒有警告",
	Colon: "：", Gap: "",

	Item: "項目", Value: "內容", Version: "linecost 版本", Generated: "產生時間 (UTC)",
	LanguageItem: "語言", Options: "執行選項", Period: "期間", PeriodValue: "%s 至 %s",
	Accounts: "帳號數", RowsPriced: "計價的活動列數",
	RowsSkipped: "不在 --from/--to 範圍內的列數", CatalogsUsed: "使用的費率版本",
	MonthsPriced: "計價的帳號月份數", MonthsCompared: "方案比較：有訊息的帳號月份數",
	DefaultUsed: "採用預設值（檔案無此欄）", TitleRowSkipped: "略過的標題列", TotalRowsSkipped: "略過的合計列",
	EmptyMonths:     "沒有資料的月份（以 0 計）",
	EmptyMonthsNote: "%s 沒有任何帳號的資料，以 0 計。計畫是否到此為止？",
	Encoding:        "編碼", Delimiter: "分隔符號", Sheet: "工作表", Rows: "列數", SHA256: "SHA-256",
	Tab: "定位字元 (tab)", Space: "空格",
}

// labelsFor returns the labels of lang: "en" (also "") or "zh-TW".
func labelsFor(lang string) (*labels, error) {
	switch lang {
	case "", "en":
		return &english, nil
	case "zh-TW":
		return &traditionalChinese, nil
	}
	return nil, fmt.Errorf("workbook language: want en or zh-TW, not %q", lang)
}

// sheetNames lists the sheet names in workbook order.
func (l *labels) sheetNames() []string {
	return []string{l.Summary, l.PlanChanges, l.Recommendation, l.Comparison, l.Campaigns, l.Pricing, l.Issues, l.About}
}

// plural is one when n is 1, else many.
func (l *labels) plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
