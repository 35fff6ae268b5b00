#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) in client mode against the Portcullis
# MCP client: the "auth" suite plus the extension scenarios auth/client-credentials-jwt and
# auth/client-credentials-basic. The suite starts a mock MCP server and authorization server per scenario and runs
# the conformance client (the fixture module conformance/client, built on the mcp-client library):
#   java -jar conformance/client/target/quarkus-app/quarkus-run.jar <server-url>
# (env MCP_CONFORMANCE_SCENARIO / MCP_CONFORMANCE_CONTEXT describe the scenario).
#
#   conformance/client-suite.sh
#
# Also runs the suites "backcompat" (MCP 2025-03-26 discovery fallbacks) and "draft" unless CLIENT_SUITE_EXTRA says
# otherwise (CLIENT_SUITE_EXTRA="" for exactly auth + the two extension scenarios).
#
# Env: CONFORMANCE_BIN  the conformance CLI (its dist/index.js, or an executable); a node 22 must then be on PATH.
#                       Unset: Node 22 and the suite are installed on first use into conformance/.tools/ (git-ignored).
#      CONFORMANCE_CLIENT_JAR  the packaged conformance client (default
#                       conformance/client/target/quarkus-app/quarkus-run.jar; built when absent).
# Prints each summary; exits non-zero when a check fails or warns, or when anything else goes wrong.
set -euo pipefail

readonly EXTENSION_SCENARIOS=(auth/client-credentials-jwt auth/client-credentials-basic)
# Also run: the 2025-03-26 fallbacks and the draft scenarios (PRM resource mismatch, offline_access), which the client
# supports too; CLIENT_SUITE_EXTRA="" skips them.
read -r -a EXTRA_SUITES <<<"${CLIENT_SUITE_EXTRA-backcompat draft}"
readonly EXTRA_SUITES

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly LOG_PREFIX=client-suite
# shellcheck source=conformance/lib.sh
source "$ROOT/conformance/lib.sh"
readonly CONFORMANCE_CLIENT_JAR="${CONFORMANCE_CLIENT_JAR:-$ROOT/conformance/client/target/quarkus-app/quarkus-run.jar}"
RESULTS="$TOOLS/results/client-$(date -u +%Y%m%dT%H%M%SZ)"
readonly RESULTS


# ---- tools: CONFORMANCE (an array) runs the conformance CLI, CHECK_NODE the node that checks the results ----

CONFORMANCE=()
CHECK_NODE=node

select_tools() {
    if [[ -n "${CONFORMANCE_BIN:-}" ]]; then
        command -v node >/dev/null || die "CONFORMANCE_BIN is set but no node is on PATH"
        [[ "$(node --version)" == v22.* ]] || log "warning: node on PATH is $(node --version), not 22"
        if [[ "$CONFORMANCE_BIN" == *.js ]]; then CONFORMANCE=(node "$CONFORMANCE_BIN"); else CONFORMANCE=("$CONFORMANCE_BIN"); fi
        return
    fi
    ensure_tools  # conformance/lib.sh
    PATH="$(dirname "$NODE"):$PATH"
    export PATH
    CHECK_NODE="$NODE"
    CONFORMANCE=("$NODE" "$CONFORMANCE_JS")
}

ensure_client() {
    if [[ ! -f "$CONFORMANCE_CLIENT_JAR" ]]; then
        log "building the conformance client: ./mvnw -B -pl conformance/client -am package -DskipTests"
        (cd "$ROOT" && ./mvnw -B -pl conformance/client -am package -DskipTests >&2)
    fi
    [[ -f "$CONFORMANCE_CLIENT_JAR" ]] || die "$CONFORMANCE_CLIENT_JAR is missing"
}

# run NAME ARGS...: one conformance run; prints its summary; returns non-zero on failure or warning
run() {
    local name="$1" status=0
    shift
    local out="$RESULTS/$name"
    mkdir -p "$out"
    log "running: conformance client $* (log: $out.log)"
    "${CONFORMANCE[@]}" client --command "$CLIENT_COMMAND" "$@" -o "$out" >"$out.log" 2>&1 || status=$?
    # the suite's summary, or a single scenario's last lines
    if grep -q '=== SUITE SUMMARY ===' "$out.log"; then
        sed -n '/=== SUITE SUMMARY ===/,$p' "$out.log"
    else
        grep -E '^(Passed|Total):' "$out.log" | sed "s|^|$name: |" || true
    fi
    if grep -Eq '[1-9][0-9]* (failed|warnings)' "$out.log"; then status=1; fi
    ((status == 0)) || log "$name: exit status $status (full output: $out.log)"
    check_results "$CHECK_NODE" "$out" || status=1
    return "$status"
}

main() {
    local started=$SECONDS failed=()
    select_tools
    ensure_client
    mkdir -p "$RESULTS"
    CLIENT_COMMAND="$(java_cmd) -jar $CONFORMANCE_CLIENT_JAR"
    readonly CLIENT_COMMAND

    run auth --suite auth || failed+=(auth)
    for suite in "${EXTRA_SUITES[@]}"; do
        run "$suite" --suite "$suite" || failed+=("$suite")
    done
    for scenario in "${EXTENSION_SCENARIOS[@]}"; do
        run "${scenario//\//-}" --scenario "$scenario" || failed+=("$scenario")
    done

    log "results: $RESULTS ($((SECONDS - started)) s)"
    ((${#failed[@]} == 0)) || die "failed: ${failed[*]}"
    log "client suite passed: auth ${EXTRA_SUITES[*]} + ${EXTENSION_SCENARIOS[*]}"
}

main "$@"
