#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against Portcullis.
#
#   conformance/run.sh [SUITE...]      SUITE: server, client (default: both)
#
# server: the packaged mcp-server (build it first: ./mvnw -B -pl mcp-server package) is started with
#         QUARKUS_PROFILE=conformance on a free port, and `conformance server --suite active` runs against its /mcp.
#
# client: conformance/client-suite.sh: the suite's client mode (auth suite, 2025-03-26 back-compat, draft and the
#         client-credentials extension scenarios) against the packaged mcp-client's `conformance` command.
#
# Node 22 and the suite are installed on first use into conformance/.tools/ (git-ignored), where each run also keeps
# its results and the server's log. Exits non-zero when a check fails or warns, or when anything else goes wrong.
# Later suites (client mode, authorization server mode) are added as a run_<name>_suite function plus a line in main.
set -euo pipefail

readonly READY_TIMEOUT_SECONDS=120

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly LOG_PREFIX=conformance
# shellcheck source=conformance/lib.sh
source "$ROOT/conformance/lib.sh"
readonly MCP_SERVER_JAR="$ROOT/mcp-server/target/quarkus-app/quarkus-run.jar"
RESULTS="$TOOLS/results/$(date -u +%Y%m%dT%H%M%SZ)"
readonly RESULTS

SERVER_PID=""

conformance() {
    "$NODE" "$CONFORMANCE_JS" "$@"
}

# ---- the MCP server under test ----

free_port() {
    "$NODE" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
        console.log(s.address().port); s.close(); });'
}

# start_mcp_server PORT: the packaged mcp-server in the conformance profile (test features, no authorization)
start_mcp_server() {
    local port="$1"
    [[ -f "$MCP_SERVER_JAR" ]] || die "$MCP_SERVER_JAR is missing: build it first with ./mvnw -B -pl mcp-server package"
    log "starting mcp-server (profile conformance) on port $port; log: $RESULTS/mcp-server.log"
    QUARKUS_PROFILE=conformance QUARKUS_HTTP_PORT="$port" \
        "$(java_cmd)" -jar "$MCP_SERVER_JAR" >"$RESULTS/mcp-server.log" 2>&1 &
    SERVER_PID=$!
    wait_ready "http://localhost:$port/q/health/ready"
}

wait_ready() {
    local url="$1" deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
    until curl -fsS -o /dev/null "$url" 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 30 "$RESULTS/mcp-server.log" >&2 || true
            die "mcp-server exited before it was ready"
        fi
        ((SECONDS < deadline)) || die "mcp-server not ready after ${READY_TIMEOUT_SECONDS}s ($url)"
        sleep 0.5
    done
    log "mcp-server is ready"
}

stop_mcp_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        log "mcp-server stopped"
    fi
    SERVER_PID=""
}

# ---- results ----

# ---- suites ----

run_server_suite() {
    local port status=0
    port="$(free_port)"
    start_mcp_server "$port"
    log "running: conformance server --url http://localhost:$port/mcp --suite active"
    conformance server --url "http://localhost:$port/mcp" --suite active -o "$RESULTS/server" \
        >"$RESULTS/server.log" 2>&1 || status=$?
    stop_mcp_server

    sed -n '/=== SUMMARY ===/,$p' "$RESULTS/server.log"
    ((status == 0)) || log "the suite exited with $status (full output: $RESULTS/server.log)"
    check_results "$NODE" "$RESULTS/server" || status=1
    return "$status"
}

run_client_suite() {
    CONFORMANCE_BIN="$CONFORMANCE_JS" PATH="$(dirname "$NODE"):$PATH" "$ROOT/conformance/client-suite.sh"
}

main() {
    local suites=("$@") failed=()
    ((${#suites[@]} > 0)) || suites=(server client)
    for suite in "${suites[@]}"; do
        declare -F "run_${suite//-/_}_suite" >/dev/null || die "unknown suite '$suite' (known: server, client)"
    done

    ensure_tools
    mkdir -p "$RESULTS"
    trap stop_mcp_server EXIT

    for suite in "${suites[@]}"; do
        log "=== suite: $suite ==="
        if "run_${suite//-/_}_suite"; then
            log "suite $suite: PASSED"
        else
            log "suite $suite: FAILED"
            failed+=("$suite")
        fi
    done

    log "results: $RESULTS"
    ((${#failed[@]} == 0)) || die "failed suite(s): ${failed[*]}"
    log "all suites passed"
}

main "$@"
