#!/usr/bin/env bash
# Benchmark: auth-server's token endpoint with the refresh_token grant (rotation on, each pre-minted token used once)
# and with client_credentials (client_secret_basic). Reports throughput, p50/p99 latency and auth-server RSS.
# Needs the packaged auth-server (./mvnw -B -pl auth-server package -DskipTests), wrk (Debian package `wrk`) and Node
# (18 or later; it plays the browser that mints the tokens).
# The application is copied first, so a rebuild during the run cannot disturb it. PostgreSQL: the embedded one,
# default settings, in a throw-away data directory.
# Environment: DURATION (15s), WARMUP (5s), CONNECTIONS (16), THREADS (1), TOKENS (refresh tokens to mint, 100000: the
#   refresh run must not run out of them, the script fails if it does),
#   BENCH_JAVA_OPTS (JVM options of auth-server; default below), BENCH_KEEP (a directory to keep wrk's output,
#   auth-server's log and PostgreSQL's log in).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION=${DURATION:-15s} WARMUP=${WARMUP:-5s} CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-1} TOKENS=${TOKENS:-100000}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms64m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
require_node
require_jar auth-server
cp -r "$apps/auth-server/target/quarkus-app" "$work/auth-server-app"

port=$(free_port); issuer="http://localhost:$port"; resource="http://localhost:8080/mcp"
# Rate limits are raised for the benchmark (they are per replica and would otherwise answer 429).
env QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=0 PORTCULLIS_ISSUER="$issuer" PORTCULLIS_RESOURCES="$resource" \
  PORTCULLIS_DATA_DIR="$work/pg/data" PORTCULLIS_KEYS_ENCRYPTION_KEY_FILE="$work/kek" \
  PORTCULLIS_BOOTSTRAP_USERNAME=bench PORTCULLIS_BOOTSTRAP_PASSWORD=bench-password \
  PORTCULLIS_RATE_LIMIT_TOKEN_PER_SECOND=1000000 PORTCULLIS_RATE_LIMIT_REGISTER_PER_MINUTE=1000000 \
  java $BENCH_JAVA_OPTS -jar "$work/auth-server-app/quarkus-run.jar" >"$work/auth-server.log" 2>&1 &
pid=$!; pids+=("$pid")
wait_ready "$issuer/q/health/ready" auth-server

echo "minting $TOKENS refresh tokens through the authorization code flow..." >&2
node "$root/bench/mint-refresh-tokens.mjs" "$issuer" "$resource" bench bench-password "$TOKENS" "$work/refresh-tokens" >&2
secret_client=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"client_name":"bench-cc","token_endpoint_auth_method":"client_secret_basic","grant_types":["client_credentials"]}' \
  "$issuer/register")
basic=$(python3 -c 'import json,sys,base64; c=json.load(sys.stdin); print(base64.b64encode((c["client_id"]+":"+c["client_secret"]).encode()).decode())' <<<"$secret_client")

report() { # LABEL FILE
  local rps p50 p99 non2xx rss
  rps=$(awk '/Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1=="50%" {print $2}' "$2"); p99=$(awk '$1=="99%" {print $2}' "$2")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$2"); rss=$(ps -o rss= -p "$pid")
  printf '%-18s %10s req/s   p50 %8s   p99 %8s   non-2xx %6s   RSS %4d MiB\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}" $((rss / 1024))
}

echo "token endpoint, wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, same machine (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
# Warm-up: client_credentials, then refresh with the first part of the tokens.
CLIENT_BASIC=$basic RESOURCE=$resource wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$root/bench/client-credentials.lua" "$issuer/token" >/dev/null
REFRESH_TOKENS="$work/refresh-tokens" TOKEN_OFFSET=0 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$root/bench/refresh-token.lua" \
  "$issuer/token" >"$work/warmup.wrk"
used=$(awk '/requests in/ {print $1}' "$work/warmup.wrk")
REFRESH_TOKENS="$work/refresh-tokens" TOKEN_OFFSET=$((used + 100)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s "$root/bench/refresh-token.lua" "$issuer/token" >"$work/refresh.wrk"
report refresh_token "$work/refresh.wrk"
failed=$(awk '/Non-2xx/ {print $NF}' "$work/refresh.wrk")
CLIENT_BASIC=$basic RESOURCE=$resource wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s "$root/bench/client-credentials.lua" "$issuer/token" >"$work/cc.wrk"
report client_credentials "$work/cc.wrk"
[[ -n "${BENCH_KEEP:-}" ]] && cp "$work"/*.wrk "$work/auth-server.log" "$work/pg/data.log" "$BENCH_KEEP"/ || true
if [[ -n "$failed" ]]; then
  echo "refresh_token: $failed requests failed, so the figure above is not valid: the pre-minted tokens ran out" \
       "(raise TOKENS) or auth-server refused them; its log ends:" >&2
  tail -n 5 "$work/auth-server.log" >&2
  exit 1
fi
