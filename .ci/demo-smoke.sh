#!/usr/bin/env bash
# Exercises README's first command as a user would: bin/demo starts both servers and the client login; a scripted
# browser (test-support/scripted-browser.mjs, Node) signs in and approves at the printed URL; then bin/mcp-client tools
# and call whoami answer, also after the access token has expired; Ctrl-C (SIGTERM here) stops both servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work="$(mktemp -d)"
demo_pid=""
cleanup() {
  [[ -n "$demo_pid" ]] && kill -TERM "$demo_pid" 2>/dev/null && wait "$demo_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "demo-smoke: $*" >&2; echo "--- demo output:" >&2; cat "$work/demo.out" >&2; exit 1; }

export PORTCULLIS_DATA_DIR="$work/postgres" PORTCULLIS_HOME="$work/client" PORTCULLIS_NOTES_DIR="$work/notes"
export PORTCULLIS_TOKEN_ACCESS_LIFETIME=PT5S
bin/demo >"$work/demo.out" 2>&1 &
demo_pid=$!

url=""
for _ in $(seq 1 240); do
  url=$(grep -m1 '^http://localhost:9000/authorize?' "$work/demo.out" || true)
  [[ -n "$url" ]] && break
  kill -0 "$demo_pid" 2>/dev/null || fail "bin/demo exited before printing the authorization URL"
  sleep 0.5
done
[[ -n "$url" ]] || fail "no authorization URL printed"

# the browser: sign-in form, then consent form, then the redirect to the client's loopback listener, delivered
location=$(PORTCULLIS_USERNAME=alice PORTCULLIS_PASSWORD=alice node test-support/scripted-browser.mjs --deliver "$url" \
  2>"$work/browser.log") || fail "the browser step failed: $(cat "$work/browser.log")"
grep -q '^\[browser\] sign-in page at /authorize' "$work/browser.log" || fail "no sign-in form at the authorization URL"
grep -q '^\[browser\] consent page at .*: approve$' "$work/browser.log" || fail "no consent page after signing in"
[[ "$location" == http://127.0.0.1:* ]] || fail "approval did not redirect to the loopback listener: $location"

for _ in $(seq 1 120); do
  grep -q '^user: alice' "$work/demo.out" && break
  sleep 0.5
done
grep -q '^user: alice' "$work/demo.out" || fail "the demo did not print the whoami result"
grep -q '^whoami' "$work/demo.out" || fail "the demo did not print the tool list"

bin/mcp-client tools http://localhost:8080/mcp | grep -q '^whoami' || fail "bin/mcp-client tools did not list whoami"
sleep 6 # the access token (PT5S) has expired: the next call refreshes it by itself
bin/mcp-client call http://localhost:8080/mcp whoami | grep -q '^user: alice' || fail "whoami failed after expiry"
bin/mcp-client status | grep -q 'localhost:8080/mcp' || fail "bin/mcp-client status does not list the authorization"

kill -TERM "$demo_pid"
wait "$demo_pid" 2>/dev/null || true
demo_pid=""
grep -q 'Stopping servers' "$work/demo.out" || fail "the demo did not stop its servers"
if curl -fsS -o /dev/null http://localhost:9000/q/health/live 2>/dev/null; then fail "auth-server still running"; fi
echo "demo-smoke: OK (bin/demo, sign-in and consent, tools, whoami after expiry, status, shutdown)"
