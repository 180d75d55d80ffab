#!/usr/bin/env bash
# The packed-library tests: packs Chaos.Testing with what it depends on into artifacts/packages, then runs
# tests/Chaos.Testing.PackageTests against that package (not a project reference), as a team's repository would.
# `--packed-from-build` packs what the solution's Debug build already made (.ci/run, right after the solution's tests:
# 5 s instead of 25 s); without it each project is built as it is packed. Other arguments go to `dotnet test` (.ci/run
# passes its results folder and --report-xunit-junit).
set -euo pipefail
cd "$(dirname "$0")/../.."
pack_options=()
if [ "${1:-}" = "--packed-from-build" ]; then
  pack_options=(--no-build)
  shift
fi
rm -rf artifacts/packages artifacts/package-tests-cache
for project in src/Chaos.Engine src/Chaos.Simulators src/Chaos.Hosting src/Chaos.Testing; do
  dotnet pack "$project" -c Debug "${pack_options[@]}" -o artifacts/packages -v q --nologo >/dev/null
done
dotnet test tests/Chaos.Testing.PackageTests -v q "$@"
