#!/usr/bin/env bash
# A multi-host rehearsal on one machine: Linux network namespaces joined by a bridge stand in for hosts, each with its own
# non-loopback address. One "host" runs the simulators (`chaos simulate`), one the storefront, AGENTS more run one load
# agent each (`chaos agent`); the coordinator (`chaos run --agents`) runs in the root namespace on the bridge's address.
# Faults go through the simulators' control endpoint, load comes from the agents, the run is judged after the merge.
# Everything it creates (namespaces, veths, the bridge, processes) is removed on exit, also on failure or Ctrl-C.
#
#   sudo bash bench/netns-run.sh [--agents 3] [--scenario FILE] [--out DIR] [--id ID] [--load-scale X] [--skew I:+5s]...
#   bash bench/netns-run.sh --cleanup ID        # removes what a run with that id left (the test calls it in finally)
#
# `--skew I:OFFSET` sets agent I's wall clock off by OFFSET (for example +5s or -1.5s), as on a host whose clock is
# wrong: the agent runs under libfaketime (Debian's faketime), its namespace a host with a clock of its own.
#
# Needs root, iproute2 and a built solution (dotnet build Chaos.sln); --skew needs faketime. Exit code: the
# coordinator's (the verdict).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGENTS=3
SCENARIO="$ROOT/tests/Chaos.Scenarios.Tests/TestData/payment-brownout-short.yaml"
OUT=""
ID=""
LOAD_SCALE=1
CLEANUP_ONLY=""
declare -A SKEW=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --agents) AGENTS=$2; shift 2 ;;
    --scenario) SCENARIO=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --id) ID=$2; shift 2 ;;
    --load-scale) LOAD_SCALE=$2; shift 2 ;;
    --cleanup) CLEANUP_ONLY=$2; shift 2 ;;
    --skew)
      [[ $2 =~ ^([0-9]+):([+-][0-9]+(\.[0-9]+)?[smhd]?)$ ]] || { echo "netns-run.sh: --skew $2: expected AGENT:OFFSET, for example 2:+5s or 0:-1.5s" >&2; exit 2; }
      SKEW[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}; shift 2 ;;
    *) echo "netns-run.sh: unknown argument $1; see the header of $0" >&2; exit 2 ;;
  esac
done

# The coordinator runs in the output folder: a scenario file given by a relative path is made absolute.
[[ -f "$SCENARIO" ]] && SCENARIO=$(realpath "$SCENARIO")

# Names are short (interface names have 15 characters at most) and unique per run, so a leftover never clashes.
ID=${CLEANUP_ONLY:-${ID:-$(printf '%04x' $((RANDOM % 65536)))}}
PREFIX="cx$ID"
BRIDGE="${PREFIX}br"

cleanup() {
  set +e
  for pid in ${PIDS:-}; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${PREFIX}-" || true); do
    # Whatever still runs in the namespace goes with it.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^${PREFIX}" || true); do
    ip link del "$link" 2>/dev/null
  done
}

if [[ -n "$CLEANUP_ONLY" ]]; then cleanup; exit 0; fi

if [[ $(id -u) -ne 0 ]]; then echo "netns-run.sh: needs root (network namespaces); run it with sudo." >&2; exit 2; fi
if ! ip netns list >/dev/null 2>&1; then echo "netns-run.sh: 'ip netns' is not available; install iproute2." >&2; exit 2; fi
for i in "${!SKEW[@]}"; do
  (( i < AGENTS )) || { echo "netns-run.sh: --skew $i:${SKEW[$i]}: there is no agent $i (agents 0 to $((AGENTS - 1)))" >&2; exit 2; }
done
if (( ${#SKEW[@]} > 0 )) && ! command -v faketime >/dev/null; then
  echo "netns-run.sh: --skew needs libfaketime's faketime: apt-get install faketime" >&2; exit 2
fi
CHAOS="$ROOT/src/Chaos.Cli/bin/Debug/net10.0/chaos.dll"
STOREFRONT_DIR="$ROOT/src/Chaos.Storefront/bin/Debug/net10.0"
[[ -f "$CHAOS" && -f "$STOREFRONT_DIR/Chaos.Storefront.dll" ]] || { echo "netns-run.sh: build first: dotnet build Chaos.sln" >&2; exit 2; }
DOTNET=$(command -v dotnet)

# A /24 of its own per run: 10.77.<n>.0/24.
NET="10.77.$((0x${ID:2:2} % 200 + 20))"
OUT=${OUT:-$(mktemp -d "/tmp/chaos-netns-$ID-XXXX")}
mkdir -p "$OUT/logs"
PIDS=""
trap cleanup EXIT
trap 'exit 130' INT TERM

ip link add "$BRIDGE" type bridge
ip addr add "$NET.1/24" dev "$BRIDGE"
ip link set "$BRIDGE" up

# host NAME N: a namespace with address $NET.N on the bridge.
host() {
  local ns="${PREFIX}-$1" veth="${PREFIX}v$2"
  ip netns add "$ns"
  ip link add "$veth" type veth peer name "${veth}p"
  ip link set "${veth}p" netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip link set "${veth}p" name eth0
  ip netns exec "$ns" ip addr add "$NET.$2/24" dev eth0
  ip netns exec "$ns" ip link set eth0 up
}

# start NS LOG CMD...: runs CMD in namespace NS (own process group), output to LOG; its pid joins PIDS.
start() {
  local ns=$1 log=$2; shift 2
  setsid ip netns exec "$ns" "$@" >"$log" 2>&1 &
  PIDS="$PIDS $!"
}

wait_port() {
  local ns=$1 addr=$2 port=$3 what=$4
  for _ in $(seq 1 600); do
    if ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/$addr/$port" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "netns-run.sh: $what never listened on $addr:$port; see $OUT/logs" >&2; exit 3
}

host sim 2
host sf 3
for i in $(seq 0 $((AGENTS - 1))); do host "a$i" $((10 + i)); done
SIM="$NET.2"; SF="$NET.3"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
start "${PREFIX}-sim" "$OUT/logs/simulators.log" "$DOTNET" "$CHAOS" simulate --bind "$SIM" \
  --payments-primary-port 5201 --payments-secondary-port 5202 --identity-port 5301 --tax-port 5203 --control-port 5300 \
  --fulfillment-base-port 5401 --fulfillment-hosts 6 --windows-hosts 4 --backup-hosts 2 --seed 1
wait_port "${PREFIX}-sim" "$SIM" 5300 "chaos simulate"

hosts=(fc-win-1:windows:primary fc-win-2:windows:primary fc-win-3:windows:primary fc-win-4:windows:primary
       fc-linux-1:linux:primary fc-linux-2:linux:primary fc-backup-1:linux:backup fc-backup-2:linux:backup)
fulfillment=()
for i in "${!hosts[@]}"; do
  IFS=: read -r name os centre <<<"${hosts[$i]}"
  fulfillment+=("Fulfillment__Hosts__${i}__Name=$name" "Fulfillment__Hosts__${i}__BaseUrl=http://$SIM:$((5401 + i))/"
    "Fulfillment__Hosts__${i}__Tags__os=$os" "Fulfillment__Hosts__${i}__Tags__centre=$centre" "Fulfillment__Hosts__${i}__Centre=$centre")
done
start "${PREFIX}-sf" "$OUT/logs/storefront.log" env -C "$STOREFRONT_DIR" \
  "Payments__Primary__BaseUrl=http://$SIM:5201/" "Payments__Secondary__BaseUrl=http://$SIM:5202/" \
  "Identity__Authority=http://$SIM:5301/" "Tax__BaseUrl=http://$SIM:5203/" "${fulfillment[@]}" \
  "Storefront__DatabasePath=$OUT/storefront.db" "Storefront__TrustedProxies__0=$NET.0/24" \
  "$DOTNET" Chaos.Storefront.dll --urls "http://$SF:8080"
wait_port "${PREFIX}-sf" "$SF" 8080 "the storefront"

# The coordinator in the root namespace, on the bridge's address; agents in their own namespaces reach it there.
COORDINATOR="$NET.1:7700"
set +e
(
  cd "$OUT"
  exec "$DOTNET" "$CHAOS" run "$SCENARIO" --storefront-url "http://$SF:8080" --simulators-url "http://$SIM:5300" \
    --agents "$AGENTS" --coordinator-listen "$COORDINATOR" --agent-timeout 60s --load-scale "$LOAD_SCALE" --out "$OUT/report" --quiet
) >"$OUT/logs/coordinator.log" 2>&1 &
RUN=$!
PIDS="$PIDS $RUN"
for i in $(seq 0 $((AGENTS - 1))); do
  clock=()
  [[ -z "${SKEW[$i]:-}" ]] || clock=(faketime -f "${SKEW[$i]}")
  start "${PREFIX}-a$i" "$OUT/logs/agent-$i.log" "${clock[@]}" "$DOTNET" "$CHAOS" agent --coordinator "http://$COORDINATOR" --index "$i" --count "$AGENTS"
done
wait "$RUN"
CODE=$?
set -e
cat "$OUT/logs/coordinator.log"
for i in $(seq 0 $((AGENTS - 1))); do tail -n 2 "$OUT/logs/agent-$i.log"; done
skews=""
for i in "${!SKEW[@]}"; do skews="$skews, agent $i's clock ${SKEW[$i]}"; done
echo "netns-run.sh: id $ID, net $NET.0/24, $AGENTS agent(s)$skews, reports in $OUT/report, logs in $OUT/logs; exit $CODE"
exit $CODE
