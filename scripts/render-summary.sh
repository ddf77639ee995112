#!/usr/bin/env bash
# render-summary.sh renders the Summary sheet of the sample budget the way a
# spreadsheet shows it, for the README: linecost writes the workbook of
# testdata/sample/campaigns.csv, LibreOffice prints it to PDF, and poppler
# turns the first page (the Summary sheet) into docs/summary.png, and the
# same with --lang zh-TW into docs/summary-zh-TW.png.
#
# Usage: scripts/render-summary.sh   (from anywhere; writes into the repository)
#
# Needs go, soffice (apt-get install libreoffice-calc-nogui), pdftoppm
# (poppler-utils), Carlito, the metric twin of the workbook's Calibri, so
# that text takes the room it takes in Excel (fonts-crosextra-carlito), and
# a Traditional Chinese font (fonts-noto-cjk).
# SOURCE_DATE_EPOCH (default 2025-01-01) fixes the workbook's generation time
# so that the pictures change only when the workbook does.
set -euo pipefail

cd "$(dirname "$0")/.."

need() {
	command -v "$1" >/dev/null || { echo "render-summary.sh: $1 not found; install $2" >&2; exit 1; }
}
need go "Go (go.dev/dl)"
need soffice "libreoffice-calc-nogui (apt-get install libreoffice-calc-nogui)"
need pdftoppm "poppler-utils (apt-get install poppler-utils)"
need fc-match "fontconfig (apt-get install fontconfig)"
if [[ "$(fc-match -f '%{family}' Calibri)" != *Carlito* ]]; then
	echo "render-summary.sh: no Carlito for Calibri; install fonts-crosextra-carlito, or the picture's text is wider than Excel's" >&2
	exit 1
fi
if ! fc-list ':lang=zh-tw' family | grep -q .; then
	echo "render-summary.sh: no font for Traditional Chinese; install fonts-noto-cjk, or the picture shows boxes" >&2
	exit 1
fi

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1735689600}"
# LibreOffice formats numbers in the process locale: pin it so that the
# pictures show 1,234 whatever the machine's language.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/linecost" ./cmd/linecost
mkdir -p docs

# render LANG PNG writes the Summary page of the sample workbook in LANG to PNG.
render() {
	local lang="$1" png="$2" dir="$tmp/$1"
	mkdir -p "$dir"
	"$tmp/linecost" report testdata/sample/campaigns.csv --lang "$lang" -o "$dir/budget.xlsx" >/dev/null
	# A private profile: no clash with a running LibreOffice or a parallel run.
	if ! timeout 300 soffice -env:UserInstallation="file://$tmp/profile" --headless --norestore --nolockcheck \
		--convert-to pdf --outdir "$dir" "$dir/budget.xlsx" >"$dir/soffice.log" 2>&1 || [[ ! -s "$dir/budget.pdf" ]]; then
		echo "render-summary.sh: LibreOffice did not convert the $lang workbook to PDF:" >&2
		cat "$dir/soffice.log" >&2
		exit 1
	fi
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$dir/budget.pdf" "$dir/summary"
	cp "$dir/summary.png" "$png"
	echo "wrote $png"
}

render en docs/summary.png
render zh-TW docs/summary-zh-TW.png
