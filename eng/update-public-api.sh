#!/usr/bin/env bash
# Records every public symbol the PublicApiAnalyzers report as undeclared (RS0016) in the
# project's PublicAPI.Unshipped.txt, then sorts it. Review the diff: it is the API change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in ${1:-src/*/*.csproj}; do
  dir=$(dirname "$project")
  file="$dir/PublicAPI.Unshipped.txt"
  [ -f "$file" ] || continue # a program (PackAsTool) declares no public API
  for _ in 1 2 3; do
    symbols=$(dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 \
      | grep -F "$dir/" | grep -o "RS0016: Symbol '.*' is not part of the declared public API" \
      | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)
    [ -z "$symbols" ] && break
    { grep -v '^#nullable' "$file" || true; printf '%s\n' "$symbols"; } | sort -u > "$file.tmp"
    { echo '#nullable enable'; cat "$file.tmp"; } > "$file"
    rm -f "$file.tmp"
  done
  echo "$file: $(grep -vc '^#nullable' "$file") symbols"
done
