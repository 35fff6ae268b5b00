// A scripted "browser" for the suite's authorization mode (conformance authorization): it opens the authorization URL
// the suite prints, goes through auth-server's real sign-in and consent pages (plain HTML forms), follows every
// redirect with a cookie jar, and finally delivers the authorization response to the suite's callback server.
//
//   node conformance/browser.mjs AUTHORIZATION_URL CALLBACK_PREFIX
//
// CALLBACK_PREFIX: the redirect URI (e.g. http://127.0.0.1:PORT/callback); the first redirect to it ends the walk.
// PORTCULLIS_USERNAME and PORTCULLIS_PASSWORD: the account to sign in with. The consent page is approved.
// Prints the authorization response URL it delivered; exits non-zero (with the page's text) when the walk goes wrong.

const [authorizationUrl, callbackPrefix] = process.argv.slice(2);
const username = process.env.PORTCULLIS_USERNAME;
const password = process.env.PORTCULLIS_PASSWORD;
if (!authorizationUrl || !callbackPrefix || !username || !password) {
  console.error('usage: PORTCULLIS_USERNAME=… PORTCULLIS_PASSWORD=… node browser.mjs AUTHORIZATION_URL CALLBACK_PREFIX');
  process.exit(2);
}

const MAX_STEPS = 20;
const cookies = new Map();

const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

function remember(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const index = pair.indexOf('=');
    const name = pair.slice(0, index).trim(), value = pair.slice(index + 1).trim();
    const expired = attributes.some(a => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
    if (expired) cookies.delete(name); else cookies.set(name, value);
  }
}

const decode = text => text.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attribute = (tag, name) => {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return match ? decode(match[1] ?? match[2] ?? match[3]) : undefined;
};
const pageText = html => html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
  .trim().slice(0, 500);

// the page's first POST form, filled in: hidden fields as given, the credentials on the sign-in page, approval on
// the consent page
function fillForm(html, pageUrl) {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i);
  if (!form) return undefined;
  const formTag = form[0].match(/<form\b[^>]*>/i)[0];
  if ((attribute(formTag, 'method') ?? 'get').toLowerCase() !== 'post') return undefined;
  const fields = new URLSearchParams();
  for (const [input] of form[0].matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input, 'name');
    if (!name) continue;
    const type = (attribute(input, 'type') ?? 'text').toLowerCase();
    if (name === 'username') fields.set(name, username);
    else if (name === 'password' || type === 'password') fields.set(name, password);
    else if (type === 'hidden') fields.set(name, attribute(input, 'value') ?? '');
  }
  const approve = [...form[0].matchAll(/<button\b[^>]*>/gi)].map(([b]) => b)
    .find(b => attribute(b, 'name') === 'decision' && attribute(b, 'value') === 'approve');
  if (approve) fields.set('decision', 'approve');
  return { action: new URL(attribute(formTag, 'action') ?? pageUrl, pageUrl).href, fields };
}

async function request(url, init = {}) {
  const headers = { ...(init.headers ?? {}), accept: 'text/html' };
  if (cookies.size > 0) headers.cookie = cookieHeader();
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  remember(response);
  return response;
}

// the suite starts its callback server while it prints the URL: a refused connection is retried for a few seconds
async function deliver(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the callback server answered ${response.status} for ${url}`);
      return url;
    } catch (error) {
      if (attempt >= 50 || error.cause?.code !== 'ECONNREFUSED') throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

async function walk() {
  let url = authorizationUrl, init = {};
  for (let step = 0; step < MAX_STEPS; step++) {
    if (url.startsWith(callbackPrefix)) return deliver(url);
    const response = await request(url, init);
    init = {};
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new Error(`${response.status} without Location from ${url}`);
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const form = response.status === 200 ? fillForm(html, url) : undefined;
    if (!form) throw new Error(`unexpected page (HTTP ${response.status}) at ${url}: ${pageText(html)}`);
    console.error(`[browser] ${new URL(url).pathname}: submitting ${new URL(form.action).pathname}`);
    url = form.action;
    init = { method: 'POST', body: form.fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error(`no redirect to ${callbackPrefix} after ${MAX_STEPS} steps`);
}

try {
  console.log(await walk());
} catch (error) {
  console.error(`[browser] ${error.message}`);
  process.exit(1);
}
