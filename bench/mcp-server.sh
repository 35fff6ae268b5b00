#!/usr/bin/env bash
# Benchmark: authenticated MCP tools/call against mcp-server, and the same server with authorization off, in one run.
# Needs the packaged applications (./mvnw -B -DskipTests install) and wrk (Debian package `wrk`).
# Environment: DURATION (default 15s), WARMUP (5s), CONNECTIONS (16), THREADS (1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION=${DURATION:-15s} WARMUP=${WARMUP:-5s} CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-1}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
require_jar auth-server; require_jar mcp-server

as_port=$(free_port); on_port=$(free_port); off_port=$(free_port)
issuer="http://localhost:$as_port"; resource="http://localhost:$on_port/mcp"
start auth-server auth-server QUARKUS_HTTP_PORT="$as_port" QUARKUS_MANAGEMENT_PORT=0 PORTCULLIS_ISSUER="$issuer" PORTCULLIS_RESOURCES="$resource" \
  PORTCULLIS_DATA_DIR="$work/pg" PORTCULLIS_BOOTSTRAP_USERNAME=bench PORTCULLIS_BOOTSTRAP_PASSWORD=bench-password
start mcp-auth mcp-server QUARKUS_HTTP_PORT="$on_port" PORTCULLIS_RESOURCE="$resource" PORTCULLIS_AUTHORIZATION_SERVERS="$issuer" \
  PORTCULLIS_NOTES_DIR="$work/notes-on"
start mcp-noauth mcp-server QUARKUS_HTTP_PORT="$off_port" PORTCULLIS_RESOURCE="http://localhost:$off_port/mcp" \
  QUARKUS_HTTP_AUTH_PERMISSION_MCP_POLICY=permit QUARKUS_OIDC_TENANT_ENABLED=false PORTCULLIS_NOTES_DIR="$work/notes-off"
wait_ready "$issuer/q/health/ready" auth-server
wait_ready "http://localhost:$on_port/q/health/ready" mcp-auth
wait_ready "http://localhost:$off_port/q/health/ready" mcp-noauth

token=$(access_token "$issuer" "$resource" "mcp:tools" bench bench-password)

session() { # URL [TOKEN]
  local auth=(); [[ -n "${2:-}" ]] && auth=(-H "Authorization: Bearer $2")
  local id
  id=$(curl -fsS -D - -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    "$1" | tr -d '\r' | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p')
  curl -fsS -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Mcp-Session-Id: $id" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$1"
  echo "$id"
}

run() { # LABEL URL SESSION TOKEN
  MCP_SESSION=$3 MCP_TOKEN=$4 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$root/bench/tools-call.lua" "$2" >/dev/null
  MCP_SESSION=$3 MCP_TOKEN=$4 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$root/bench/tools-call.lua" "$2" >"$work/$1.wrk"
  grep -q "checked: 0 responses" "$work/$1.wrk" || { echo "$1: some responses failed:" >&2; cat "$work/$1.wrk" >&2; exit 1; }
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.wrk"); p99=$(awk '$1=="99%" {print $2}' "$work/$1.wrk")
  printf '%-16s %12s calls/s   p50 %8s   p99 %8s\n' "$1" "$rps" "$p50" "$p99"
  echo "$rps" >"$work/$1.rps"
}

echo "tools/call (echo), wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, same machine:"
run unauthenticated "http://localhost:$off_port/mcp" "$(session "http://localhost:$off_port/mcp")" ""
run authenticated "$resource" "$(session "$resource" "$token")" "$token"
python3 -c 'import sys; a,u=float(sys.argv[1]),float(sys.argv[2]); print(f"authenticated / unauthenticated throughput: {a/u:.1%}")' \
  "$(cat "$work/authenticated.rps")" "$(cat "$work/unauthenticated.rps")"
