#!/usr/bin/env bash
# Shows that `cadence evaluate` streams: a generated portfolio of at least 5 GB (by default) is evaluated with a peak
# resident memory far below its size. Writes what it measured to eng/evaluate-at-scale.out.
#   eng/evaluate-at-scale.sh [gigabytes]      (default 5; needs about twice that much free disk, else it skips)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
gigabytes=${1:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/cadence-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
out="$root/eng/evaluate-at-scale.out"

need=$(( gigabytes * 2 * 1024 * 1024 + 1024 * 1024 ))   # KiB: the portfolio, the decisions, and some room
free=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
if [ "$free" -lt "$need" ]; then
  echo "evaluate-at-scale: skipped: $(( free / 1024 / 1024 )) GiB free in $(dirname "$work"), $(( need / 1024 / 1024 )) GiB needed"
  exit 0
fi

command -v /usr/bin/time > /dev/null || { echo "evaluate-at-scale: /usr/bin/time is missing (apt-get install time)"; exit 2; }
dotnet build "$root/src/Cadence.Cli" -c Release -nologo -v q > /dev/null
cli="$root/src/Cadence.Cli/bin/Release/net10.0/Cadence.Cli.dll"

# About 3 KB a person in the reference shape: enough persons for the size asked.
persons=$(( gigabytes * 1024 * 1024 * 1024 / 2900 ))
/usr/bin/time -f '%e %M' -o "$work/generate.time" dotnet "$cli" generate --persons "$persons" --seed 7 --output "$work/portfolio.jsonl"
/usr/bin/time -v -o "$work/evaluate.time" dotnet "$cli" evaluate --policy "$root/examples/policies/acme-us.policy.json" \
  --accounts "$work/portfolio.jsonl" --now 2026-03-09T14:30:00Z --output "$work/decisions.jsonl"

input_bytes=$(stat -c %s "$work/portfolio.jsonl")
input_lines=$(wc -l < "$work/portfolio.jsonl")
output_lines=$(wc -l < "$work/decisions.jsonl")
# The decisions are in input order: the person ids PER-0000000, PER-0000001… follow each other.
order=$(awk -F'"' '{ want = sprintf("PER-%07d", NR - 1); if ($4 != want) { print "line " NR ": " $4 " where " want " was expected"; exit } }' "$work/decisions.jsonl")
peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/evaluate.time")
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/evaluate.time")

{
  echo "# cadence evaluate on a generated portfolio ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1024 / 1024 }' /proc/meminfo))"
  echo "portfolio:   $persons persons, $input_lines lines, $(( input_bytes / 1024 / 1024 )) MiB (cadence generate --persons $persons --seed 7)"
  echo "decisions:   $output_lines lines$( [ -z "$order" ] && echo ', in input order' || echo ", OUT OF ORDER: $order")"
  echo "evaluate:    $elapsed elapsed, peak resident memory $(( peak / 1024 )) MiB"
  echo "generate:    $(awk '{ printf "%s s, peak resident memory %d MiB", $1, $2 / 1024 }' "$work/generate.time")"
} | tee "$out"

[ "$input_lines" -eq "$output_lines" ] && [ -z "$order" ] && [ "$peak" -lt $(( 500 * 1024 )) ]
