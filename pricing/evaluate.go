package pricing

// Option is one plan's quote for a month together with its bill.
type Option struct {
	Quote
	Charge Charge // the bill of Quote.Cost; for an infeasible plan, of its fee
}

// Evaluation prices one account-month on every plan of a catalog.
type Evaluation struct {
	Catalog  Catalog
	Messages int64
	Options  []Option // one per plan, in catalog order
	// Best is the index in Options of the recommended plan: the cheapest
	// feasible one by rounded cost, the first listed on a tie. It is -1
	// when no plan of the catalog can deliver Messages.
	Best int
}

// Evaluate quotes messages on every plan of c and recommends one.
func Evaluate(messages int64, c Catalog) Evaluation {
	e := Evaluation{Catalog: c, Messages: messages, Best: -1}
	for i, p := range c.Plans {
		q := p.Quote(messages)
		o := Option{Quote: q, Charge: c.Charge(q.Cost)}
		e.Options = append(e.Options, o)
		if o.Feasible && (e.Best < 0 || o.Charge.Cost.LessThan(e.Options[e.Best].Charge.Cost)) {
			e.Best = i
		}
	}
	return e
}

// Recommended returns the recommended option, and false when no plan is
// feasible.
func (e Evaluation) Recommended() (Option, bool) {
	if e.Best < 0 {
		return Option{}, false
	}
	return e.Options[e.Best], true
}

// RunnerUp returns the next-best feasible option: the cheapest feasible
// plan other than the recommended one, the first listed on a tie.
func (e Evaluation) RunnerUp() (Option, bool) {
	best := -1
	for i, o := range e.Options {
		if i == e.Best || !o.Feasible {
			continue
		}
		if best < 0 || o.Charge.Cost.LessThan(e.Options[best].Charge.Cost) {
			best = i
		}
	}
	if best < 0 {
		return Option{}, false
	}
	return e.Options[best], true
}

// UsesNotes reports whether the recommended plan's figures depend on the
// catalog's notes: the notes speak about additional-message prices, so they
// matter whenever the recommended plan buys additional messages.
func (e Evaluation) UsesNotes() bool {
	o, ok := e.Recommended()
	return ok && o.Additional > 0 && len(e.Catalog.Notes) > 0
}
