# Shared helpers of the benchmark scripts (sourced, not run).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# BENCH_APPS: where the packaged applications are (default: this checkout), e.g. a copy made before a rebuild
apps="${BENCH_APPS:-$root}"
work="$(mktemp -d "${TMPDIR:-/tmp}/portcullis-bench.XXXXXX")"
pids=()

cleanup() {
  if ((${#pids[@]})); then kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

require_jar() {
  [[ -f "$apps/$1/target/quarkus-app/quarkus-run.jar" ]] || { echo "Missing $1 build: run ./mvnw -B -DskipTests install first" >&2; exit 1; }
}

# start NAME MODULE ENV... : starts a packaged application in the background, logs in $work/NAME.log
start() {
  local name=$1 module=$2; shift 2
  env "$@" java ${BENCH_JAVA_OPTS:-} -jar "$apps/$module/target/quarkus-app/quarkus-run.jar" >"$work/$name.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # URL NAME
  for _ in $(seq 1 240); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$2 not ready; log:" >&2; tail -n 40 "$work/$2.log" >&2; exit 1
}

require_node() {
  command -v node >/dev/null || { echo "node (18 or later) is missing: it plays the browser" >&2; exit 1; }
}

# browser USER PASSWORD AUTHORIZATION_URL: signs in and approves (test-support/scripted-browser.mjs); prints the
# redirect; its account of the pages only when it fails
browser() {
  require_node
  PORTCULLIS_USERNAME=$1 PORTCULLIS_PASSWORD=$2 node "$root/test-support/scripted-browser.mjs" "$3" 2>"$work/browser.log" \
    || { cat "$work/browser.log" >&2; return 1; }
}

# access_token ISSUER RESOURCE SCOPE USER PASSWORD: the authorization code flow with PKCE, the browser scripted
access_token() {
  local issuer=$1 resource=$2 scope=$3 user=$4 password=$5 redirect="http://127.0.0.1:1/callback"
  local client verifier challenge query location code
  client=$(curl -fsS -H 'Content-Type: application/json' -d "{\"redirect_uris\":[\"$redirect\"],\"client_name\":\"bench\",\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\"]}" "$issuer/register" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
  verifier=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
  challenge=$(python3 -c 'import sys,hashlib,base64; print(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).rstrip(b"=").decode())' "$verifier")
  query=$(python3 -c 'import sys,urllib.parse as u; print(u.urlencode(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
    response_type code client_id "$client" redirect_uri "$redirect" scope "$scope" state bench \
    code_challenge "$challenge" code_challenge_method S256 resource "$resource")
  location=$(browser "$user" "$password" "$issuer/authorize?$query")
  code=$(python3 -c 'import sys,urllib.parse as u; print(u.parse_qs(u.urlparse(sys.argv[1]).query)["code"][0])' "$location")
  curl -fsS "$issuer/token" --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
    --data-urlencode "redirect_uri=$redirect" --data-urlencode "client_id=$client" --data-urlencode "code_verifier=$verifier" \
    --data-urlencode "resource=$resource" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
