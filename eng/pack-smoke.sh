#!/usr/bin/env bash
# Packs every library and the command-line tool into a local folder feed, then restores a small consumer project
# (eng/package-smoke, copied outside the repository so that none of its build settings apply) with the Cadence
# packages from that feed only, runs it on net8.0 and net10.0, and installs and runs the tool from the feed.
# Usage: eng/pack-smoke.sh [work-directory]   (default: a new temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${1:-$(mktemp -d)}
case "$(realpath -m "$work")/" in
  "$repo"/*) echo "the work directory must be outside the repository (its build settings would reach the consumer)"; exit 2 ;;
esac
rm -rf "$work" && mkdir -p "$work"
feed="$work/feed"
version="0.0.0-smoke.$(git rev-parse --short HEAD 2>/dev/null || echo local)"

echo "packing $version into $feed"
for project in src/Cadence src/Cadence.Extensions.DependencyInjection src/Cadence.Json src/Cadence.Ledger src/Cadence.Ledger.Sqlite src/Cadence.Simulation src/Cadence.Testing src/Cadence.Cli; do
  dotnet pack "$project" -c Release -o "$feed" -p:PackageVersion="$version" --nologo -v quiet > "$work/pack.log" 2>&1 \
    || { cat "$work/pack.log"; echo "dotnet pack $project failed"; exit 1; }
done
for id in Cadence Cadence.Extensions.DependencyInjection Cadence.Json Cadence.Ledger Cadence.Ledger.Sqlite Cadence.Simulation Cadence.Testing Cadence.Cli; do
  [ -f "$feed/$id.$version.nupkg" ] || { echo "missing package $id"; exit 1; }
done
for id in Cadence Cadence.Extensions.DependencyInjection Cadence.Json Cadence.Ledger Cadence.Ledger.Sqlite Cadence.Simulation Cadence.Testing; do
  [ -f "$feed/$id.$version.snupkg" ] || { echo "missing symbols package $id"; exit 1; }
  nuspec=$(unzip -p "$feed/$id.$version.nupkg" "$id.nuspec")
  for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git"'; do
    grep -qF "$field" <<< "$nuspec" || { echo "$id: the package has no $field"; exit 1; }
  done
done
# The listing is read whole first: `grep -q` leaving a pipe early would fail the pipeline (pipefail) at random.
listing=$(unzip -l "$feed/Cadence.$version.nupkg")
grep -qF "lib/net8.0/Cadence.dll" <<< "$listing" || { echo "Cadence has no net8.0 assets"; exit 1; }

consumer="$work/consumer"
mkdir -p "$consumer"
cp eng/package-smoke/Consumer.csproj eng/package-smoke/Program.cs "$consumer/"
cp examples/policies/acme-us.policy.json examples/Cadence.Samples.Portfolio/sample-portfolio.jsonl "$consumer/"
# The consumer's own NuGet.config adds the folder feed to the machine's sources; nothing is cleared.
cat > "$consumer/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="cadence-smoke" value="$feed" />
  </packageSources>
</configuration>
XML
# The schema reference of the copied policy points into the repository; it is not needed to load it.
(cd "$consumer" && dotnet restore -p:CadenceVersion="$version" --packages "$work/packages" > "$work/restore.log" 2>&1) \
  || { cat "$work/restore.log"; echo "the consumer did not restore"; exit 1; }
for id in cadence cadence.extensions.dependencyinjection cadence.json cadence.simulation cadence.testing; do
  metadata="$work/packages/$id/$version/.nupkg.metadata"
  grep -qF "\"source\": \"$feed\"" "$metadata" || { cat "$metadata"; echo "$id was not restored from the local feed"; exit 1; }
done
for framework in net8.0 net10.0; do
  (cd "$consumer" && dotnet run -f "$framework" --no-restore -p:CadenceVersion="$version") || { echo "the consumer failed on $framework"; exit 1; }
done

tools="$work/tools"
dotnet tool install Cadence.Cli --version "$version" --tool-path "$tools" --add-source "$feed" > "$work/tool.log" 2>&1 \
  || { cat "$work/tool.log"; echo "the tool did not install"; exit 1; }
"$tools/cadence" validate "$repo/examples/policies/acme-us.policy.json"
"$tools/cadence" simulate "$repo/examples/policies/acme-us.policy.json" --accounts 200 --days 7 --out "$work/simulation" > "$work/simulate.txt"
[ -s "$work/simulation/contacts-per-day.png" ] || { echo "the installed tool drew no chart"; exit 1; }
echo "package smoke: ok ($version)"
