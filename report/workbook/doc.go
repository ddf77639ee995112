// Package workbook writes a priced budget (report.Budget) as the Excel
// workbook finance files, prints and acts on: a Summary, the
// recommendation per account and month, the plan comparison, every
// campaign with its share of the bill, the prices used, the warnings and
// an About sheet. It is the only package that writes excelize files; it
// reads the budget through its exported fields and methods and changes
// nothing in it.
package workbook
