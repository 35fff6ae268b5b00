// The one scripted browser of the scripts (bench/, .ci/demo-smoke.sh, conformance/run.sh); the Java tests have its
// twin, dev.portcullis.testing.ScriptedBrowser, in this module. It opens an authorization URL, goes through
// auth-server's real sign-in page (skipped with a session) and consent page (skipped when consent is remembered) as
// plain HTML forms, keeps cookies as a browser does (the pre-session cookie the sign-in form is bound to, then the
// session) and stops at the first redirect that leaves the authorization server: the client's redirect URI with code,
// state and iss (or an error). Node 18+ built-ins only (fetch): no install step on a fresh machine.
//
//   PORTCULLIS_USERNAME=… PORTCULLIS_PASSWORD=… node test-support/scripted-browser.mjs [--deny] [--deliver] URL
//
// Prints the redirect URL on stdout; --deliver also sends it to the client's listener (as the browser would follow
// it), retrying a refused connection for a few seconds; --deny presses Deny instead of Allow. On stderr one line per
// page: "[browser] sign-in page at PATH: …" and "[browser] consent page at PATH: approve|deny". Exits non-zero, with
// the page's text, when a page is not what a user would expect (e.g. the sign-in page again: a wrong password).
// As a module: new ScriptedBrowser().authorize(url, {username, password, decision}) (bench/mint-refresh-tokens.mjs).

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAX_STEPS = 20;

const decode = text => text.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attribute = (tag, name) => {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return match ? decode(match[1] ?? match[2] ?? match[3]) : undefined;
};
const pageText = html => html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
  .trim().slice(0, 500);

// The page's first POST form: where it goes, its hidden fields, its password field and its decision buttons.
// (Regular expressions, not an HTML parser: Node has none built in, and these are our own plain templates,
// auth-server/src/main/resources/templates.)
function postForm(html, pageUrl) {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i);
  if (!form) return undefined;
  const formTag = form[0].match(/<form\b[^>]*>/i)[0];
  if ((attribute(formTag, 'method') ?? 'get').toLowerCase() !== 'post') return undefined;
  const hidden = new URLSearchParams();
  let password = false;
  for (const [input] of form[0].matchAll(/<input\b[^>]*>/gi)) {
    const type = (attribute(input, 'type') ?? 'text').toLowerCase();
    if (type === 'hidden' && attribute(input, 'name')) hidden.append(attribute(input, 'name'), attribute(input, 'value') ?? '');
    if (type === 'password') password = true;
  }
  const decisions = [...form[0].matchAll(/<button\b[^>]*>/gi)].map(([button]) => button)
    .filter(button => attribute(button, 'name') === 'decision').map(button => attribute(button, 'value'));
  return { action: new URL(attribute(formTag, 'action') ?? pageUrl, pageUrl).href, hidden, password, decisions };
}

export class ScriptedBrowser {
  #cookies = new Map(); // the authorization server's cookies: the browser sends requests nowhere else

  constructor({ log = () => {} } = {}) {
    this.log = log;
  }

  // The redirect URL that leaves the authorization server, not followed.
  async authorize(authorizationUrl, { username, password, decision = 'approve' }) {
    const origin = new URL(authorizationUrl).origin;
    let url = authorizationUrl, init = {}, signedIn = false, decided = false;
    for (let step = 0; step < MAX_STEPS; step++) {
      const response = await this.#request(url, init);
      init = {};
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        if (!location) throw new Error(`${response.status} without Location from ${url}`);
        url = new URL(location, url).href;
        if (new URL(url).origin !== origin) return url;
        continue;
      }
      const html = await response.text();
      const form = response.status === 200 ? postForm(html, url) : undefined;
      const path = new URL(url).pathname;
      let fields;
      if (form?.password && !signedIn) {
        signedIn = true;
        this.log(`sign-in page at ${path}: signing in as ${username}`);
        fields = new URLSearchParams([...form.hidden, ['username', username], ['password', password]]);
      } else if (form?.decisions.includes(decision) && !decided) {
        decided = true;
        this.log(`consent page at ${path}: ${decision}`);
        fields = new URLSearchParams([...form.hidden, ['decision', decision]]);
      } else {
        throw new Error(`unexpected page (HTTP ${response.status}) at ${url}: ${pageText(html)}`);
      }
      url = form.action;
      init = { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    }
    throw new Error(`no redirect back to the client after ${MAX_STEPS} steps from ${authorizationUrl}`);
  }

  async #request(url, init) {
    const headers = { ...(init.headers ?? {}), accept: 'text/html' };
    if (this.#cookies.size > 0) headers.cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim(), value = pair.slice(index + 1).trim();
      const expired = attributes.some(a => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
      if (expired) this.#cookies.delete(name); else this.#cookies.set(name, value);
    }
    return response;
  }
}

// Sends the redirect to the client's listener; one that is still starting (refused connection) is retried for 5 s.
export async function deliver(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the client's listener answered ${response.status} for ${url}`);
      return;
    } catch (error) {
      if (attempt >= 50 || error.cause?.code !== 'ECONNREFUSED') throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

async function main(args) {
  const flags = new Set(args.filter(arg => arg.startsWith('--')));
  const [authorizationUrl, ...rest] = args.filter(arg => !arg.startsWith('--'));
  const username = process.env.PORTCULLIS_USERNAME, password = process.env.PORTCULLIS_PASSWORD;
  const unknown = [...flags].filter(flag => flag !== '--deny' && flag !== '--deliver');
  if (!authorizationUrl || rest.length > 0 || unknown.length > 0 || !username || !password) {
    console.error('usage: PORTCULLIS_USERNAME=… PORTCULLIS_PASSWORD=… node scripted-browser.mjs [--deny] [--deliver] URL');
    process.exit(2);
  }
  const browser = new ScriptedBrowser({ log: line => console.error(`[browser] ${line}`) });
  const redirect = await browser.authorize(authorizationUrl,
    { username, password, decision: flags.has('--deny') ? 'deny' : 'approve' });
  if (flags.has('--deliver')) await deliver(redirect);
  console.log(redirect);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(error => {
    console.error(`[browser] ${error.message}`);
    process.exit(1);
  });
}
