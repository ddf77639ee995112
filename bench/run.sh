#!/usr/bin/env bash
# bench/run.sh: time the whole `linecost report` process against the floor
# (bench/floor: encoding/csv + excelize's StreamWriter alone) on synthetic
# plans of 2,000 accounts, and print a Markdown table of the medians.
#
#   bench/run.sh                      # 10000 100000 1000000 rows
#   bench/run.sh 10000 100000         # chosen sizes
#   bench/run.sh 1100000              # past one sheet's 1,048,576 rows: run once, count the Campaigns sheets
#   BENCH_RUNS=5 bench/run.sh         # runs of each program per size (default 3)
#   BENCH_PERF=1 bench/run.sh 1000000 # also record a CPU profile of one linecost run with perf
#
# Runs alternate linecost, floor, linecost, floor, ... so that both see the
# same machine state. Plans, workbooks, logs and results.md go to bench/out/
# (git-ignored); plans are kept and reused until bench/gen changes.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${BENCH_RUNS:-3}
accounts=2000
seed=1
sheet_limit=1048575 # data rows of one sheet: 1,048,576 minus the header
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000 1000000); fi
out=bench/out
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  echo "bench/run.sh: /usr/bin/time is missing; install the apt package 'time' (sudo apt-get install time)" >&2
  exit 1
fi
for n in "${sizes[@]}" "$runs"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/run.sh: not a positive whole number: \"$n\"" >&2
    exit 2
  fi
done

echo "building linecost, the floor and the helpers" >&2
go build -o "$out/linecost" ./cmd/linecost
go build -o "$out/floor" ./bench/floor
go build -o "$out/gen" ./bench/gen
go build -o "$out/sheets" ./bench/sheets

# measure LOG CMD...: run CMD under /usr/bin/time -v, its output in LOG;
# sets wall (seconds), cpu (user + system seconds), rss (kB) and status (exit
# code).
measure() {
  local log=$1; shift
  local tv="$out/time.txt"
  status=0
  /usr/bin/time -v -o "$tv" "$@" >"$log" 2>&1 || status=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tv")
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$tv")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
}

# median of the arguments (mean of the middle two for an even count)
median() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
machine="Machine: ${model:-unknown CPU}, $(nproc) cores, $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH), $(date -u +%F), load $(cut -d' ' -f1 /proc/loadavg) at start; linecost $(git describe --always --dirty 2>/dev/null || echo '(no git)'); medians of $runs runs each (1 run past one sheet)"
table="| rows | linecost wall s | floor wall s | ratio | linecost peak MB | floor peak MB | ratio |
|---:|---:|---:|---:|---:|---:|---:|"
notes=""
cpus="" # median CPU seconds per size: steadier than wall time on a busy machine

for n in "${sizes[@]}"; do
  plan="$out/plan-$n-a$accounts-s$seed.csv"
  if [ ! -s "$plan" ] || [ bench/gen/main.go -nt "$plan" ]; then
    echo "generating $plan" >&2
    "$out/gen" -rows "$n" -accounts "$accounts" -seed "$seed" -o "$plan.tmp"
    mv "$plan.tmp" "$plan"
  fi
  k=$runs
  if [ "$n" -gt "$sheet_limit" ]; then k=1; fi # past one sheet: once, it is about correctness
  lw=() lr=() lc=() fw=() fr=() fc=()
  failed=""
  for ((i = 1; i <= k; i++)); do
    echo "$n rows: run $i of $k" >&2
    rm -f "$out/linecost-$n.xlsx" "$out/floor-$n.xlsx"
    measure "$out/linecost-$n.log" "$out/linecost" report "$plan" -o "$out/linecost-$n.xlsx"
    if [ "$status" -ne 0 ]; then
      failed="linecost exited with $status (log: $out/linecost-$n.log): $(grep -v ': warning: ' "$out/linecost-$n.log" | tail -n 3 | tr '\n' ' ')"
      echo "$n rows: $failed" >&2
    fi
    lw+=("$wall") lr+=("$rss") lc+=("$cpu")
    measure "$out/floor-$n.log" "$out/floor" "$plan" "$out/floor-$n.xlsx"
    if [ "$status" -ne 0 ]; then
      echo "bench/run.sh: the floor failed on $plan (exit $status):" >&2
      cat "$out/floor-$n.log" >&2
      exit 1
    fi
    fw+=("$wall") fr+=("$rss") fc+=("$cpu")
    printf '%s\t%s rows\tlinecost %s s (cpu %s s) %s kB\tfloor %s s (cpu %s s) %s kB\tload %s\n' \
      "$(date -u +%FT%TZ)" "$n" "${lw[-1]}" "${lc[-1]}" "${lr[-1]}" "${fw[-1]}" "${fc[-1]}" "${fr[-1]}" \
      "$(cut -d' ' -f1 /proc/loadavg)" >>"$out/runs.tsv"
    if [ -n "$failed" ]; then break; fi
  done
  if [ -n "$failed" ]; then
    table+="
| $n | failed | $(printf '%.2f' "$(median "${fw[@]}")") | - | - | $(mb "$(median "${fr[@]}")") | - |"
    notes+="
- $n rows: $failed"
    continue
  fi
  mlw=$(median "${lw[@]}") mfw=$(median "${fw[@]}") mlr=$(median "${lr[@]}") mfr=$(median "${fr[@]}")
  mlc=$(median "${lc[@]}") mfc=$(median "${fc[@]}")
  cpus+="${cpus:+; }$n rows $(printf '%.2f' "$mlc") / $(printf '%.2f' "$mfc") = $(ratio "$mlc" "$mfc")"
  table+="
| $n | $(printf '%.2f' "$mlw") | $(printf '%.2f' "$mfw") | $(ratio "$mlw" "$mfw") | $(mb "$mlr") | $(mb "$mfr") | $(ratio "$mlr" "$mfr") |"
  if [ "$n" -gt "$sheet_limit" ]; then
    list=$("$out/sheets" "$out/linecost-$n.xlsx")
    campaigns=$(printf '%s\n' "$list" | grep -c '^Campaigns' || true)
    names=$(printf '%s\n' "$list" | grep '^Campaigns' | awk -F'\t' '{printf "%s%s (%d rows)", sep, $1, $2; sep = ", "}')
    notes+="
- $n rows (1 run): linecost succeeded; the workbook has $campaigns Campaigns sheets: $names."
  fi
done

report="$machine

$table"
if [ -n "$cpus" ]; then notes="
- CPU seconds (user + system), medians, linecost / floor = ratio: $cpus.$notes"; fi
if [ -n "$notes" ]; then report+="
$notes"; fi
printf '%s\n' "$report" | tee "$out/results.md"

if [ "${BENCH_PERF:-}" = 1 ]; then
  # Hidden hook: a CPU profile of one linecost run on the last size, kept in
  # bench/out/perf.data (read it with `perf report -i bench/out/perf.data`);
  # prints the functions of linecost and its libraries with the largest
  # inclusive share of the samples.
  if command -v perf >/dev/null; then
    n=${sizes[-1]}
    echo "recording a CPU profile of linecost on $n rows" >&2
    perf record -F 499 -g -o "$out/perf.data" -- \
      "$out/linecost" report "$out/plan-$n-a$accounts-s$seed.csv" -o "$out/perf.xlsx" >/dev/null 2>&1
    perf report -i "$out/perf.data" --children --sort symbol --stdio -g none >"$out/perf.txt" 2>/dev/null
    echo
    echo "CPU profile of linecost on $n rows (inclusive share, top 30):"
    awk '!/^#/ && /%/ && /linecost|excelize|gocsv|encoding\/|compress\/|gcBgMarkWorker/ && n < 30 {
      printf "%8s  %s\n", $1, $4; n++ }' "$out/perf.txt"
  else
    echo "bench/run.sh: BENCH_PERF=1 needs perf (apt package linux-perf)" >&2
  fi
fi
