#!/usr/bin/env bash
# Renders docs/mail.png and docs/mail-zh-TW.png, the README's pictures of
# the budget mail: the delivery tests send the mail to their loopback SMTP
# server and write what it received, and headless Chromium (Debian
# `chromium`, fonts-noto-cjk) renders its HTML body.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LINECOST_MAIL_DUMP="$tmp" go test ./report/delivery/ -run '^TestBudgetMail(Chinese)?$' -count=1 >/dev/null
for name in mail mail-zh-TW; do
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --hide-scrollbars --window-size=760,500 --screenshot="$PWD/docs/$name.png" "file://$tmp/$name.html" 2>/dev/null
  echo "docs/$name.png"
done
