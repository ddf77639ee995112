package pricing

import "github.com/shopspring/decimal"

// Quote is what one plan charges for one month's messages, before rounding.
type Quote struct {
	Plan           Plan
	Messages       int64           // messages the month asks to send
	Fee            decimal.Decimal // the plan's monthly fee
	FreeUsed       int64           // messages covered by the free quota
	Additional     int64           // messages bought past the quota
	Bands          []Band          // the additional messages per tier band
	AdditionalCost decimal.Decimal // sum of the bands' costs
	// Cost is Fee + AdditionalCost, exact and unrounded. For an infeasible
	// quote it is the fee alone: what the plan bills while it delivers only
	// its quota.
	Cost        decimal.Decimal
	Feasible    bool  // the plan delivers every message
	Undelivered int64 // messages the plan would not deliver (0 when Feasible)
}

// Band is the part of a quote's additional messages that falls in one tier.
type Band struct {
	From, To int64 // additional-message numbers, inclusive (1 = first past the quota)
	Price    decimal.Decimal
	Cost     decimal.Decimal // (To - From + 1) x Price
}

// Messages is the number of additional messages in b.
func (b Band) Messages() int64 { return b.To - b.From + 1 }

// Quote prices messages (>= 0) on p. Additional messages are priced
// progressively: each band's price applies only to the messages inside it.
func (p Plan) Quote(messages int64) Quote {
	q := Quote{Plan: p, Messages: messages, Fee: p.MonthlyFee, Feasible: true}
	q.FreeUsed = min(messages, p.FreeMessages)
	over := messages - q.FreeUsed
	if over > 0 && !p.SellsAdditional() {
		q.Feasible, q.Undelivered = false, over
		over = 0
	}
	q.Additional = over
	var from int64 = 1
	for _, t := range p.Tiers {
		if from > over {
			break
		}
		to := over
		if t.UpTo != 0 {
			to = min(over, t.UpTo)
		}
		if to < from {
			continue
		}
		cost := t.Price.Mul(decimal.NewFromInt(to - from + 1))
		q.Bands = append(q.Bands, Band{From: from, To: to, Price: t.Price, Cost: cost})
		q.AdditionalCost = q.AdditionalCost.Add(cost)
		from = to + 1
	}
	q.Cost = q.Fee.Add(q.AdditionalCost)
	return q
}
