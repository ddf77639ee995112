package report

import (
	"strings"
	"testing"
	"time"

	"linecost/pricing"
)

// TestBuildDeadlinePassed is issue 12's report: run on 2026-12-01 with the
// account on Pro, the budget said "Request downgrade Pro -> Standard by
// 2026-11-30" and booked the TWD 400 that the downgrade would have saved.
// That deadline has passed: December stays on Pro and is budgeted on it,
// the downgrade moves to January (request by 2026-12-31), a warning says
// so, and the saving is only January's.
func TestBuildDeadlinePassed(t *testing.T) {
	dir := t.TempDir()
	// 2,500 messages a month on tw-2026: Standard (1,000) is cheapest, Pro
	// costs 1,400.
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2026-12-05,Cafe,Xmas,2500\n"+
		"2027-01-05,Cafe,New year,2500\n")
	opts := twOptions()
	opts.CurrentPlans = map[string]string{"": "pro"}
	opts.Today = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b := mustBuild(t, []string{plan}, opts)
	a := accountNamed(t, b, "Cafe")
	dec, jan := a.Month(0), a.Month(1)

	if dec.Plan().Plan.ID != "pro" || dec.Held == nil || dec.Held.Cheapest.ID != "standard" || dec.Action != nil {
		t.Errorf("December billed %s, held %+v, action %+v; want pro, held from standard, no action",
			dec.Plan().Plan.ID, dec.Held, dec.Action)
	}
	if dec.Held != nil && dec.Held.Deadline.Format(time.DateOnly) != "2026-11-30" {
		t.Errorf("December's deadline %v, want 2026-11-30", dec.Held.Deadline)
	}
	act := jan.Action
	if jan.Plan().Plan.ID != "standard" || act == nil || act.Kind != "downgrade" || act.From.ID != "pro" ||
		act.Date.Format(time.DateOnly) != "2026-12-31" {
		t.Errorf("January billed %s, action %+v; want standard, downgrade from pro by 2026-12-31", jan.Plan().Plan.ID, act)
	}
	equalCharge(t, "Cafe recommended", a.Charge, "2400", "120", "2520")
	equalMoney(t, "Cafe saving", a.Saving(), "400")
	equalCharge(t, "grand total", b.Total, "2400", "120", "2520")
	var sum int64
	for _, c := range collectCampaigns(t, b) {
		sum += c.Cost.IntPart()
	}
	if sum != 2400 {
		t.Errorf("campaign costs sum to %d, want 2400", sum)
	}
	doc := budgetJSONOf(t, b)
	if jd := doc.Accounts[0].Months[0]; strOr(jd.Recommended) != "pro" || strOr(jd.Cost) != "1400" {
		t.Errorf("JSON December: recommended %s cost %s, want pro 1400 (the plan it is billed on)", strOr(jd.Recommended), strOr(jd.Cost))
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Message, "2026-11-30") ||
		!strings.Contains(b.Warnings[0].Message, "2027-01") {
		t.Errorf("warnings %+v, want one naming the passed deadline 2026-11-30 and the month it moves to, 2027-01", b.Warnings)
	}
}

// TestBuildDeadlinePassedUnknownPlan: the period starts this month and no
// --current-plan says which plan the account has: nothing can be moved,
// and a warning says that the deadline has passed and asks for
// --current-plan.
func TestBuildDeadlinePassedUnknownPlan(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2026-12-05,Cafe,Xmas,2500\n")
	opts := twOptions()
	opts.Today = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b := mustBuild(t, []string{plan}, opts)
	if m := b.Accounts[0].Month(0); m.Held != nil || m.Plan().Plan.ID != "standard" {
		t.Errorf("December billed %s, held %+v; want standard, not held", m.Plan().Plan.ID, m.Held)
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Message, "--current-plan") ||
		!strings.Contains(b.Warnings[0].Message, "2026-11-30") {
		t.Errorf("warnings %+v, want one that names the deadline 2026-11-30 and asks for --current-plan", b.Warnings)
	}
}

// TestBuildPastMonths: months wholly before today are budgeted as before
// (no deadline applies to them) and marked as past; an upgrade is always
// possible; without today nothing is judged.
func TestBuildPastMonths(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2026-10-05,Cafe,a,5000\n"+ // pro
		"2026-11-05,Cafe,b,2500\n"+ // standard: a downgrade by 2026-10-31, past
		"2026-12-05,Cafe,c,5000\n") // pro: an upgrade on 2026-12-01, possible
	opts := twOptions()
	opts.Today = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b := mustBuild(t, []string{plan}, opts)
	ms := allMonths(b.Accounts[0])
	if !ms[0].Past || !ms[1].Past || ms[2].Past {
		t.Errorf("past = %v %v %v, want true true false", ms[0].Past, ms[1].Past, ms[2].Past)
	}
	for i, want := range []string{"pro", "standard", "pro"} {
		if got := ms[i].Plan().Plan.ID; got != want || ms[i].Held != nil {
			t.Errorf("%s billed %s (held %+v), want %s", ms[i].Month, got, ms[i].Held, want)
		}
	}
	if ms[2].Action == nil || ms[2].Action.Kind != "upgrade" {
		t.Errorf("December action %+v, want the upgrade", ms[2].Action)
	}
	if len(b.Warnings) != 0 {
		t.Errorf("warnings %+v, want none", b.Warnings)
	}
}

// TestBuildDeadlinePassedPlanGone: in June 2023 Japan's new tariff
// (jp-2023) has no plan "free", the plan May was on. With June's deadline
// (2023-05-31) passed, June could not be held on free, and was budgeted on
// communication without a word. It still is (LINE moved free accounts to
// communication), but a warning now says what the budget assumed.
func TestBuildDeadlinePassedPlanGone(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2023-05-05,Cafe,May,100\n"+
		"2023-06-05,Cafe,June,100\n")
	opts := Options{Catalogs: pricing.Builtin(), Region: "jp", Today: time.Date(2023, 6, 10, 0, 0, 0, 0, time.UTC)}
	b := mustBuild(t, []string{plan}, opts)
	may, june := b.Accounts[0].Month(0), b.Accounts[0].Month(1)
	if may.Plan().Plan.ID != "free" || june.Plan().Plan.ID != "communication" || june.Held != nil {
		t.Fatalf("May on %s, June on %s (held %+v); want free, then communication", may.Plan().Plan.ID, june.Plan().Plan.ID, june.Held)
	}
	if len(b.Warnings) != 1 {
		t.Fatalf("warnings %+v, want one", b.Warnings)
	}
	w := b.Warnings[0].Message
	for _, want := range []string{"account Cafe, 2023-06", "catalog jp-2023 has no plan free", "2023-05-31", "budgeted on communication"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q lacks %q", w, want)
		}
	}
	if zh, ok := b.Chinese(b.Warnings[0]); !ok || !strings.Contains(zh, "jp-2023 沒有帳號目前的方案 free") {
		t.Errorf("Chinese %q, %v", zh, ok)
	}
}

// TestBuildUpgradeOverdue: run on 2026-12-15, December needs Pro and the
// account is on Light. The upgrade said "on 2026-12-01", a day past; it
// is now marked overdue (due at once), in the JSON too. An upgrade of a
// month still to come, and one of a past month, are not.
func TestBuildUpgradeOverdue(t *testing.T) {
	dir := t.TempDir()
	plan := writePlanFile(t, dir, "plan.csv", "date,account,campaign,friends\n"+
		"2026-10-05,Cafe,Oct,5000\n"+
		"2026-11-05,Cafe,Nov,100\n"+
		"2026-12-05,Cafe,Dec,100\n"+
		"2026-12-06,Cafe,Dec,5000\n"+
		"2027-01-05,Cafe,Jan,100\n"+
		"2027-02-05,Cafe,Feb,5000\n")
	opts := twOptions()
	opts.CurrentPlans = map[string]string{"": "light"}
	opts.Today = time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
	b := mustBuild(t, []string{plan}, opts)
	a := b.Accounts[0]
	want := map[string]bool{"2026-10": false, "2026-12": true, "2027-02": false} // the upgrades
	for _, m := range a.Months() {
		act := m.Action
		if act == nil || act.Kind != "upgrade" {
			if act != nil && act.Overdue {
				t.Errorf("%s: a %s marked overdue", m.Month, act.Kind)
			}
			continue
		}
		if w, ok := want[m.Month.String()]; !ok || act.Overdue != w {
			t.Errorf("%s: upgrade overdue %v, want %v (listed %v)", m.Month, act.Overdue, w, ok)
		}
		delete(want, m.Month.String())
	}
	if len(want) != 0 {
		t.Errorf("upgrades missing in %v", want)
	}
	doc := budgetJSONOf(t, b)
	var overdue []string
	for _, m := range doc.Accounts[0].Months {
		if m.Action != nil && m.Action.Overdue {
			overdue = append(overdue, m.Month)
		}
	}
	if strings.Join(overdue, ",") != "2026-12" {
		t.Errorf("JSON overdue upgrades in %v, want 2026-12", overdue)
	}
}
