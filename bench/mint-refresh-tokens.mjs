// Pre-mints refresh tokens for bench/auth-server.sh through the real flow: one browser (test-support's scripted
// browser) signs in once, then for each token authorize (session cookie) -> consent (or remembered consent) -> code
// exchange. Writes "client_id refresh_token" lines to OUT and prints how many.
//
//   node bench/mint-refresh-tokens.mjs ISSUER RESOURCE USER PASSWORD COUNT OUT [CONCURRENCY]

import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { ScriptedBrowser } from '../test-support/scripted-browser.mjs';

const [issuer, resource, username, password, countArg, out, concurrencyArg = '4'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node mint-refresh-tokens.mjs ISSUER RESOURCE USER PASSWORD COUNT OUT [CONCURRENCY]');
  process.exit(2);
}
const count = Number(countArg), concurrency = Number(concurrencyArg);
const redirect = 'http://127.0.0.1:1/callback';

async function post(path, body, type) {
  const response = await fetch(issuer + path, { method: 'POST', body, headers: { 'content-type': type } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

const { client_id: client } = await post('/register', JSON.stringify({ redirect_uris: [redirect], client_name: 'bench',
  token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] }), 'application/json');
const browser = new ScriptedBrowser();

async function mint() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({ response_type: 'code', client_id: client, redirect_uri: redirect,
    scope: 'mcp:tools', state: 's', code_challenge: challenge, code_challenge_method: 'S256', resource });
  const location = await browser.authorize(`${issuer}/authorize?${query}`, { username, password });
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code: ${location}`);
  const tokens = await post('/token', new URLSearchParams({ grant_type: 'authorization_code', code,
    redirect_uri: redirect, client_id: client, code_verifier: verifier, resource }).toString(),
    'application/x-www-form-urlencoded');
  return tokens.refresh_token;
}

// the first token alone, so that the browser signs in once; then the others, CONCURRENCY at a time
const tokens = count > 0 ? [await mint()] : [];
let started = tokens.length;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (started < count) {
    started++;
    tokens.push(await mint());
  }
}));
writeFileSync(out, tokens.map(token => `${client} ${token}\n`).join(''));
console.log(tokens.length);
