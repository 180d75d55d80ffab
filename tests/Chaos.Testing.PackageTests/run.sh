#!/usr/bin/env bash
# The packed-library tests: packs Chaos.Testing with what it depends on into artifacts/packages, then runs
# tests/Chaos.Testing.PackageTests against that package (not a project reference), as a team's repository would.
# `--packed-from-build` packs what the solution's Debug build already made (5 s instead of 25 s); without it each
# project is built as it is packed. `--pack-only` stops after packing and `--tests-only` tests what an earlier
# `--pack-only` packed: .ci/run packs right after its build, then tests the package beside the solution's tests.
# Other arguments go to `dotnet test` (.ci/run passes its results folder and --report-xunit-junit).
set -euo pipefail
cd "$(dirname "$0")/../.."
pack_options=()
pack=true
test=true
while [ $# -gt 0 ]; do
  case "$1" in
    --packed-from-build) pack_options=(--no-build) ;;
    --pack-only) test=false ;;
    --tests-only) pack=false ;;
    *) break ;;
  esac
  shift
done
if $pack; then
  rm -rf artifacts/packages artifacts/package-tests-cache
  for project in src/Chaos.Engine src/Chaos.Simulators src/Chaos.Hosting src/Chaos.Testing; do
    dotnet pack "$project" -c Debug "${pack_options[@]}" -o artifacts/packages -v q --nologo >/dev/null
  done
fi
if $test; then
  dotnet test tests/Chaos.Testing.PackageTests -v q "$@"
fi
