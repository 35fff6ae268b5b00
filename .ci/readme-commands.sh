#!/usr/bin/env bash
# Exercises the README commands that no test runs: the admin command of the packaged auth-server, live coding of
# both servers (quarkus:dev answers and shows its Dev UI), and the token benchmark briefly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=test-support/background.sh
source test-support/background.sh # $work, pids; stop_background
fail() { echo "readme-commands: $*" >&2; exit 1; }

echo "== auth-server admin command (user add / passwd / list)"
cp -r auth-server/target/quarkus-app "$work/auth-server"
admin() { PORTCULLIS_DATA_DIR="$work/pg" java -jar "$work/auth-server/quarkus-run.jar" "$@"; }
printf 'first-password\n' | admin user add bob >"$work/admin.log" 2>&1 || { cat "$work/admin.log"; fail "user add failed"; }
printf 'second-password\n' | admin user passwd bob >>"$work/admin.log" 2>&1 || { cat "$work/admin.log"; fail "user passwd failed"; }
admin user list 2>>"$work/admin.log" | grep -qw bob || { cat "$work/admin.log"; fail "user list does not show bob"; }
echo "   bob added, password reset, listed"

echo "== live coding: ./mvnw -pl auth-server quarkus:dev and ./mvnw -pl mcp-server quarkus:dev"
# exactly as README says: the first time, install everything (parent POM and common) into the local repository
./mvnw -B -DskipTests install >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log"; fail "install failed"; }
dev() { # MODULE PORT
  PORTCULLIS_DATA_DIR="$work/dev-pg" ./mvnw -B -pl "$1" quarkus:dev -Dquarkus.http.port="$2" -Dquarkus.management.port=0 -Ddebug=false \
    -Dquarkus.console.enabled=false </dev/null >"$work/$1-dev.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://localhost:$2/q/health/ready" 2>/dev/null; then
      curl -fsS -o /dev/null "http://localhost:$2/q/dev-ui/" || fail "$1: no Dev UI"
      echo "   $1 answers in dev mode, Dev UI at http://localhost:$2/q/dev-ui/"
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "$work/$1-dev.log" >&2
  fail "$1 did not start in dev mode"
}
dev auth-server 19400
dev mcp-server 18400
stop_background

echo "== bench/auth-server.sh, briefly"
TOKENS=20000 DURATION=2s WARMUP=1s bench/auth-server.sh
echo "readme-commands: OK"
