#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against Portcullis.
#
#   conformance/run.sh [SUITE...]      SUITE: server, client, authorization (default: all three)
#
# server: the conformance server (the fixture module conformance/server: mcp-server plus the suite's test tools,
#         resources and prompts, without authorization; build it first: ./mvnw -B -pl conformance/server -am package)
#         is started on a free port, and `conformance server --suite active` runs against its /mcp.
#
# client: conformance/client-suite.sh: the suite's client mode (auth suite, 2025-03-26 back-compat, draft and the
#         client-credentials extension scenarios) against the conformance client (the fixture module
#         conformance/client, built on the mcp-client library).
#
# authorization: the packaged auth-server (./mvnw -B -pl auth-server package) is started on a free port with a
#         throw-away data dir, a public client is registered for the suite's callback, and
#         `conformance authorization` (metadata and authorization-code scenarios; a 0.2.0 alpha of the suite, see
#         AUTHORIZATION_CONFORMANCE_VERSION in lib.sh) runs against it; test-support/scripted-browser.mjs plays the browser: it signs in and approves on the real
#         sign-in and consent pages at the URL the suite prints and delivers the redirect to the suite's callback.
#
# Node 22 and the suite are installed on first use into conformance/.tools/ (git-ignored; the authorization suite into
# conformance/.tools/alpha/), where each run also keeps its results and the servers' logs. Exits non-zero when a check
# fails or warns, or when anything else goes wrong. A suite is a run_<name>_suite function plus its name in main.
set -euo pipefail

readonly READY_TIMEOUT_SECONDS=120

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly LOG_PREFIX=conformance
# shellcheck source=conformance/lib.sh
source "$ROOT/conformance/lib.sh"
readonly CONFORMANCE_SERVER_JAR="$ROOT/conformance/server/target/quarkus-app/quarkus-run.jar"
readonly AUTH_SERVER_APP="$ROOT/auth-server/target/quarkus-app"
# the MCP server the authorization suite asks tokens for (RFC 8707 resource; nothing needs to listen there)
readonly AUTHORIZATION_RESOURCE="http://localhost:8080/mcp"
readonly AUTHORIZATION_USERNAME="conformance"
readonly URL_TIMEOUT_SECONDS=60
RESULTS="$TOOLS/results/$(date -u +%Y%m%dT%H%M%SZ)"
readonly RESULTS

SERVER_PID=""
SERVER_NAME=""
SERVER_LOG=""
SUITE_PID=""
SCRATCH=""

conformance() {
    "$NODE" "$CONFORMANCE_JS" "$@"
}

# ---- the MCP server under test ----

free_port() {
    "$NODE" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
        console.log(s.address().port); s.close(); });'
}

# start_conformance_server PORT: the packaged conformance server (mcp-server, the suite's features, no authorization)
start_conformance_server() {
    local port="$1"
    [[ -f "$CONFORMANCE_SERVER_JAR" ]] \
        || die "$CONFORMANCE_SERVER_JAR is missing: build it first with ./mvnw -B -pl conformance/server -am package"
    SERVER_NAME=conformance-server SERVER_LOG="$RESULTS/conformance-server.log"
    log "starting the conformance server on port $port; log: $SERVER_LOG"
    QUARKUS_HTTP_PORT="$port" "$(java_cmd)" -jar "$CONFORMANCE_SERVER_JAR" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    wait_ready "http://localhost:$port/q/health/ready"
}

# start_auth_server PORT PASSWORD: a copy of the packaged auth-server (so a rebuild meanwhile does not disturb it), its
# embedded PostgreSQL in a throw-away data dir, issuer http://localhost:PORT, user $AUTHORIZATION_USERNAME
start_auth_server() {
    local port="$1" password="$2"
    [[ -f "$AUTH_SERVER_APP/quarkus-run.jar" ]] \
        || die "$AUTH_SERVER_APP is missing: build it first with ./mvnw -B -pl auth-server package"
    SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/portcullis-conformance.XXXXXX")"
    cp -r "$AUTH_SERVER_APP" "$SCRATCH/app"
    SERVER_NAME=auth-server SERVER_LOG="$RESULTS/auth-server.log"
    log "starting auth-server on port $port (data in $SCRATCH); log: $SERVER_LOG"
    QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=0 PORTCULLIS_ISSUER="http://localhost:$port" \
        PORTCULLIS_RESOURCES="$AUTHORIZATION_RESOURCE" PORTCULLIS_DATA_DIR="$SCRATCH/data" \
        PORTCULLIS_KEY_ENCRYPTION_KEY="$("$NODE" -p 'require("crypto").randomBytes(32).toString("base64")')" \
        PORTCULLIS_BOOTSTRAP_USERNAME="$AUTHORIZATION_USERNAME" PORTCULLIS_BOOTSTRAP_PASSWORD="$password" \
        "$(java_cmd)" -jar "$SCRATCH/app/quarkus-run.jar" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    wait_ready "http://localhost:$port/q/health/ready"
}

wait_ready() {
    local url="$1" deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
    until curl -fsS -o /dev/null "$url" 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 30 "$SERVER_LOG" >&2 || true
            die "$SERVER_NAME exited before it was ready"
        fi
        ((SECONDS < deadline)) || die "$SERVER_NAME not ready after ${READY_TIMEOUT_SECONDS}s ($url)"
        sleep 0.5
    done
    log "$SERVER_NAME is ready"
}

# stops the server under test (and a suite still waiting for its callback); removes the scratch dir
stop_server() {
    if [[ -n "$SUITE_PID" ]] && kill -0 "$SUITE_PID" 2>/dev/null; then
        kill "$SUITE_PID" 2>/dev/null || true
        wait "$SUITE_PID" 2>/dev/null || true
    fi
    SUITE_PID=""
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        log "$SERVER_NAME stopped"
    fi
    SERVER_PID=""
    if [[ -n "$SCRATCH" ]]; then
        rm -rf "$SCRATCH"
        SCRATCH=""
    fi
}

# ---- results ----

# suite_outcome STATUS LOG DIR: prints the summary in the suite's LOG; returns non-zero when the suite exited with a
# STATUS other than 0 or when its results in DIR hold a failure or a warning (check_results)
suite_outcome() {
    local status="$1" suite_log="$2" results="$3"
    sed -n '/=== SUMMARY ===/,$p' "$suite_log"
    ((status == 0)) || log "the suite exited with $status (full output: $suite_log)"
    check_results "$NODE" "$results" || status=1
    return "$status"
}

# ---- suites ----

run_server_suite() {
    local port status=0
    port="$(free_port)"
    start_conformance_server "$port"
    log "running: conformance server --url http://localhost:$port/mcp --suite active"
    conformance server --url "http://localhost:$port/mcp" --suite active -o "$RESULTS/server" \
        >"$RESULTS/server.log" 2>&1 || status=$?
    stop_server
    suite_outcome "$status" "$RESULTS/server.log" "$RESULTS/server"
}

run_client_suite() {
    CONFORMANCE_BIN="$CONFORMANCE_JS" PATH="$(dirname "$NODE"):$PATH" "$ROOT/conformance/client-suite.sh"
}

# register_public_client ISSUER REDIRECT_URI: prints the client_id of a new public client (RFC 7591, open registration)
register_public_client() {
    local issuer="$1" redirect_uri="$2" response
    response="$(curl -fsS -X POST -H 'Content-Type: application/json' \
        -d "{\"client_name\":\"MCP conformance suite\",\"redirect_uris\":[\"$redirect_uri\"],\"token_endpoint_auth_method\":\"none\"}" \
        "$issuer/register")" || die "client registration at $issuer/register failed"
    "$NODE" -p 'JSON.parse(process.argv[1]).client_id' "$response"
}

# wait_authorization_url ISSUER LOG: prints the authorization URL the suite writes to LOG for the browser step
wait_authorization_url() {
    local issuer="$1" suite_log="$2" url deadline=$((SECONDS + URL_TIMEOUT_SECONDS))
    until url="$(grep -m1 "^$issuer/authorize?" "$suite_log" 2>/dev/null)"; do
        kill -0 "$SUITE_PID" 2>/dev/null || return 1
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
    echo "$url"
}

run_authorization_suite() {
    ensure_authorization_tools
    local port callback_port password issuer client_id callback url status=0 suite_log="$RESULTS/authorization.log"
    port="$(free_port)"
    callback_port="$(free_port)"
    password="$("$NODE" -p 'require("crypto").randomBytes(18).toString("base64url")')"
    issuer="http://localhost:$port"
    callback="http://127.0.0.1:$callback_port/callback"
    start_auth_server "$port" "$password"
    if ! client_id="$(register_public_client "$issuer" "$callback")"; then
        stop_server
        return 1
    fi
    log "registered public client $client_id for $callback"

    log "running: conformance authorization --url $issuer --client-id $client_id --resource $AUTHORIZATION_RESOURCE" \
        "--port $callback_port (suite $AUTHORIZATION_CONFORMANCE_VERSION)"
    "$NODE" "$AUTHORIZATION_CONFORMANCE_JS" authorization --url "$issuer" --client-id "$client_id" \
        --resource "$AUTHORIZATION_RESOURCE" --port "$callback_port" -o "$RESULTS/authorization" \
        >"$suite_log" 2>&1 &
    SUITE_PID=$!
    if url="$(wait_authorization_url "$issuer" "$suite_log")"; then
        log "browser: signing in as $AUTHORIZATION_USERNAME and approving at $url"
        if ! PORTCULLIS_USERNAME="$AUTHORIZATION_USERNAME" PORTCULLIS_PASSWORD="$password" \
            "$NODE" "$ROOT/test-support/scripted-browser.mjs" --deliver "$url" >"$RESULTS/browser.log" 2>&1; then
            cat "$RESULTS/browser.log" >&2
            log "the browser step failed; stopping the suite"
            kill "$SUITE_PID" 2>/dev/null || true
            status=1
        fi
    else
        log "the suite printed no authorization URL within ${URL_TIMEOUT_SECONDS}s"
        kill "$SUITE_PID" 2>/dev/null || true
        status=1
    fi
    wait "$SUITE_PID" 2>/dev/null || status=$?
    SUITE_PID=""
    stop_server
    suite_outcome "$status" "$suite_log" "$RESULTS/authorization"
}

main() {
    local suites=("$@") failed=()
    ((${#suites[@]} > 0)) || suites=(server client authorization)
    for suite in "${suites[@]}"; do
        declare -F "run_${suite//-/_}_suite" >/dev/null \
            || die "unknown suite '$suite' (known: server, client, authorization)"
    done

    ensure_tools
    mkdir -p "$RESULTS"
    trap stop_server EXIT

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
