#!/usr/bin/env bash
# The packed-library tests: packs Chaos.Testing with what it depends on into artifacts/packages, then runs
# tests/Chaos.Testing.PackageTests against that package (not a project reference), as a team's repository would.
# Extra arguments go to `dotnet test` (.ci/run passes its results folder and --report-xunit-junit).
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf artifacts/packages artifacts/package-tests-cache
for project in src/Chaos.Engine src/Chaos.Simulators src/Chaos.Hosting src/Chaos.Testing; do
  dotnet pack "$project" -c Debug -o artifacts/packages -v q --nologo >/dev/null
done
dotnet test tests/Chaos.Testing.PackageTests -v q "$@"
