#!/usr/bin/env bash
# The load engine against wrk on a trivial Kestrel endpoint on 127.0.0.1 (see docs/benchmarks.md).
# Usage: bash bench/run.sh [--rounds 5] [--seconds 10] [--saturation-rate 100000] [--memory-rate 20000] [--no-memory-run] [--no-pacing-run]
# Installs nothing: it checks for wrk and says how to install it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk not found: apt-get install -y wrk"
    exit 2
fi
if ! command -v dotnet >/dev/null 2>&1; then
    echo "dotnet not found: install the .NET 10 SDK (https://dot.net)"
    exit 2
fi

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name:[[:space:]]*//'), dotnet $(dotnet --version)"
echo "load average before build: $(cut -d' ' -f1-3 /proc/loadavg)"

# Socket completions run on the event threads, as wrk runs everything on its event loop; without this the
# engine pays a thread-pool hop per read and write (docs/benchmarks.md has both figures). Override with =0.
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS="${DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS:-1}"

dotnet build "$repo/bench/Chaos.Bench/Chaos.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet "$repo/bench/Chaos.Bench/bin/Release/net10.0/Chaos.Bench.dll" "$@"
