// Package input reads campaign plans, the files marketing sends finance,
// and checks them.
//
// A plan is a CSV file (comma, tab or semicolon delimited; UTF-8, UTF-8
// with a byte-order mark, Big5/CP950, or UTF-16 as Excel saves "Unicode
// text") or an xlsx workbook. Its header is the first row, of the first 20
// rows that are not blank, that has every required column (rows above it
// are title rows, skipped and listed in FileInfo.TitleRows); each
// following row is one campaign send to one segment on one date. Columns
// are found by header, in any order, in English, Chinese or Japanese (see
// Columns), compared after folding full-width letters, ignoring case and
// spaces and dropping a unit in brackets ("好友數 (人)"). A header the
// table does not know but that looks like a column the file lacks
// ("推送次數" without a sends column) is an error, not a default:
// Options.Columns (--column sends=推送次數) names such a column.
//
// ReadFiles streams the rows of several files to a callback, one at a
// time, and collects every problem of every file as an Error naming
// file:line:column, the column header and the offending text:
//
//	plan.csv:5:23: friends: not a whole number: "12x"
//
// Decisions the format leaves open, made the way a finance reader would
// expect:
//   - Blank rows (every cell empty, as Excel leaves at the end) are
//     skipped anywhere; columns with an empty header are ignored, and data
//     under one is warned about once.
//   - An empty cell of an optional column takes the column's default
//     (sends 1, bubbles 1, channel manager, blocked 0, segment empty).
//     An empty account cell is an error when the account column exists:
//     only a file without the column is named after the file.
//   - Columns are character columns of the decoded text, counted from 1,
//     so a Big5 and a UTF-8 copy of a plan give the same positions.
//   - A percentage of blocked friends may have decimals (12.5%); counts
//     may not, except zero decimals as a spreadsheet shows them:
//     12,000.00 and 12000.0 are 12000, 12,000.50 is an error.
//   - An optional column the file lacks takes its default in every row
//     (FileInfo.Defaults lists them, so that every report can say so).
//   - A row whose date or account cell is a totals label (合計, 總計, 小計,
//     總和, 合计, Total, Subtotal, Sum; any case and width) is skipped with
//     a warning: its numbers are never added.
//   - Account names equal after NFKC normalization and case folding
//     (ShopA, shopa, ＳｈｏｐＡ) are one account across all the files of
//     a run, named by the first spelling met, with a warning listing the
//     other spellings and their lines: LINE bills an account once.
//   - A file with a header but no row below it is an error.
//   - In xlsx, a number shown through a date format is a date, a number
//     within 0.000001 of a whole number is that whole number (formulas
//     leave floating-point dust), and a number shown as a percentage in
//     the blocked column is that percentage.
package input
