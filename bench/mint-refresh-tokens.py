#!/usr/bin/env python3
"""Pre-mints refresh tokens for bench/auth-server.sh through the real flow: one sign-in, then for each token
authorize (session cookie) -> consent (or remembered consent) -> code exchange. Writes "client_id refresh_token" lines.
Usage: mint-refresh-tokens.py ISSUER RESOURCE USER PASSWORD COUNT OUT [THREADS]"""
import base64, hashlib, http.client, json, re, secrets, sys, threading, urllib.parse as up

issuer, resource, user, password, count, out = sys.argv[1:7]
count = int(count); threads = int(sys.argv[7]) if len(sys.argv) > 7 else 4
host = up.urlparse(issuer).netloc
redirect = "http://127.0.0.1:1/callback"

def conn():
    return http.client.HTTPConnection(host, timeout=30)

def call(c, method, path, body=None, headers=None):
    h = dict(headers or {})
    if body is not None:
        body = up.urlencode(body) if isinstance(body, dict) else body
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    cookies = dict(v.split(";")[0].split("=", 1) for v in (r.msg.get_all("Set-Cookie") or []))
    return r.status, r.getheader("Location"), cookies, r.read().decode()

def hidden(name, page):
    return re.search(r'name="%s" value="([^"]*)"' % name, page).group(1)

c = conn()
status, _, _, body = call(c, "POST", "/register", json.dumps({"redirect_uris": [redirect], "client_name": "bench",
    "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"]}),
    {"Content-Type": "application/json"})
client = json.loads(body)["client_id"]

def authorize_query():
    verifier = secrets.token_urlsafe(32)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    q = up.urlencode({"response_type": "code", "client_id": client, "redirect_uri": redirect, "scope": "mcp:tools",
        "state": "s", "code_challenge": challenge, "code_challenge_method": "S256", "resource": resource})
    return verifier, "/authorize?" + q

_, path = authorize_query()
# the sign-in form is bound to the pre-session cookie its page set (login CSRF): send it back as a browser would
status, _, cookies, page = call(c, "GET", path)
status, _, cookies, page = call(c, "POST", "/authorize/sign-in", {"request_id": hidden("request_id", page),
    "csrf_token": hidden("csrf_token", page), "username": user, "password": password},
    {"Cookie": "portcullis_login_csrf=" + cookies["portcullis_login_csrf"]})
if "portcullis_session" not in cookies:
    raise SystemExit(f"sign-in failed: HTTP {status}")
session = {"Cookie": "portcullis_session=" + cookies["portcullis_session"]}

def mint(n, results):
    c = conn()
    for _ in range(n):
        verifier, path = authorize_query()
        status, location, _, page = call(c, "GET", path, headers=session)
        if status == 200:
            status, location, _, _ = call(c, "POST", "/authorize/consent", {"request_id": hidden("request_id", page),
                "csrf_token": hidden("csrf_token", page), "decision": "approve"}, session)
        query = up.parse_qs(up.urlparse(location or "").query)
        if "code" not in query:
            raise SystemExit(f"no code: HTTP {status}, Location {location}")
        code = query["code"][0]
        status, _, _, body = call(c, "POST", "/token", {"grant_type": "authorization_code", "code": code,
            "redirect_uri": redirect, "client_id": client, "code_verifier": verifier, "resource": resource})
        results.append(json.loads(body)["refresh_token"])

results = [[] for _ in range(threads)]
workers = [threading.Thread(target=mint, args=(count // threads + (1 if i < count % threads else 0), results[i]))
           for i in range(threads)]
for w in workers: w.start()
for w in workers: w.join()
with open(out, "w") as f:
    for part in results:
        for token in part:
            f.write(f"{client} {token}\n")
print(sum(len(p) for p in results))
