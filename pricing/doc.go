// Package pricing prices LINE Official Account messages exactly.
//
// It is pure: no I/O, no clock, no package state. Tariffs are data: a
// [Catalog] is one tariff generation of one region (read from JSON with
// [ParseCatalog]; the built-in ones come from [Builtin]), a [Plan] has a
// monthly fee, a free-message quota and, when it sells additional messages,
// a progressive [Tier] table. Money is [decimal.Decimal] throughout; it is
// never a binary float.
//
// A catalog says when its figures were last verified; [Catalogs.Stale]
// tells when that is too long ago to trust. LINE counts a message on its
// day in Japan ([BillingTimeZone]); [RegionTimeZone] names the zone a
// region's send times are written in. Both are names: loading zones, like
// reading the clock, is the caller's business.
//
// # Counting messages
//
// LINE counts one message per recipient per send. [Send.Messages] is
// sends x (friends - blocked) x ceil(bubbles / limit), where limit is 3
// bubbles per send from the OA Manager and 5 through the Messaging API.
//
// # Pricing a month
//
// [Plan.Quote] prices a month's messages on one plan: the free quota is used
// first; additional messages are priced band by band, each band's price
// applying only to the messages inside it. A plan that sells no additional
// messages is infeasible above its quota, and the quote says how many
// messages it would not deliver. [Evaluate] quotes every plan of a catalog
// and recommends the cheapest feasible one by rounded cost; a tie goes to
// the plan listed first.
//
// # Rounding: one named step
//
// A month's bill is computed by [Catalog.Charge], once per account-month:
//
//  1. cost  = the exact quote cost, rounded half-up to the currency's
//     billing decimals ([Catalog.Round]);
//  2. tax   = cost x tax rate, rounded half-up the same way;
//  3. total = cost + tax.
//
// Worked example, jp-2023 Standard (JPY, 0 decimals, 10% tax), 100,000
// messages: 30,000 are free; the 70,000 additional messages cost
// 50,000 x 3.0 + 20,000 x 2.8 = 206,000; cost = 15,000 + 206,000 = 221,000;
// tax = 22,100; total = 243,100.
//
// A fractional example, tw-2023 Pro (TWD, 0 decimals, 5% tax) with a
// 0.011 band: 6,000 free plus 33 additional messages at 0.011 cost
// 1,200 + 0.363 = 1,200.363, billed as 1,200; tax 60; total 1,260.
//
// [Allocate] splits a rounded amount over parts by the largest-remainder
// method, so that campaign shares always sum exactly to the month.
package pricing
