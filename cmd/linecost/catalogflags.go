package main

import (
	"errors"

	"github.com/urfave/cli/v2"

	"linecost/pricing"
	"linecost/report"
)

// Flags shared by the commands that price messages. They are built fresh
// for every App: urfave/cli flags keep the values they parsed.

func regionFlag() cli.Flag {
	return &cli.StringFlag{Name: "region", Value: "tw", Usage: "tariff `REGION`: tw (Taiwan), jp (Japan), th (Thailand), or the region of a --pricing file"}
}

func catalogFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "catalog", Usage: usage}
}

func pricingFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "pricing", Usage: "use the catalog in `FILE` instead of the built-in ones (repeatable, one file per tariff generation)"}
}

func jsonFlag() cli.Flag {
	return &cli.BoolFlag{Name: "json", Usage: "print JSON instead of a table"}
}

// loadCatalogs reads the --pricing files, or returns the built-in catalogs.
func loadCatalogs(c *cli.Context) (pricing.Catalogs, error) {
	cs, err := report.LoadCatalogs(c.StringSlice("pricing"))
	if ce := (*report.CatalogError)(nil); errors.As(err, &ce) {
		return nil, inputError(err)
	}
	return cs, err
}
