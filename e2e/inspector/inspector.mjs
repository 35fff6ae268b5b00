// Drives the MCP Inspector's web UI (@modelcontextprotocol/inspector 2.x) in headless Chromium the way README's
// "Connecting real MCP clients" tells a user to: add the server by hand (Streamable HTTP), switch it on, sign in and
// approve on auth-server's pages, then list the tools and call whoami. Run by e2e/inspector/run.sh.
//
//   node inspector.mjs INSPECTOR_URL MCP_URL AUTH_URL SCREENSHOT_DIR [--step-up]
//
// INSPECTOR_URL: the URL the launcher prints (with its MCP_INSPECTOR_API_TOKEN). PORTCULLIS_USERNAME and
// PORTCULLIS_PASSWORD: the account. --step-up: then call notes_add, which needs notes:write: the Inspector asks for
// the larger scope, signs in again and the call must succeed.
// Uses Debian's /usr/bin/chromium and /usr/bin/chromedriver (CHROMIUM, CHROMEDRIVER override), never a download.
// Exits non-zero with the page's text and a screenshot when a step does not happen in time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// selenium-webdriver as run.sh installed it (INSPECTOR_TOOLS: the folder whose node_modules has it)
const require = createRequire(path.join(process.env.INSPECTOR_TOOLS || process.cwd(), 'node_modules', '/'));
const { Builder, By, until } = require('selenium-webdriver');
const chrome = require('selenium-webdriver/chrome');

const [inspectorUrl, mcpUrl, authUrl, shots, ...flags] = process.argv.slice(2);
const stepUp = flags.includes('--step-up');
const username = process.env.PORTCULLIS_USERNAME;
const password = process.env.PORTCULLIS_PASSWORD;
if (!inspectorUrl || !mcpUrl || !authUrl || !shots || !username || !password) {
  console.error('usage: PORTCULLIS_USERNAME=… PORTCULLIS_PASSWORD=… node inspector.mjs INSPECTOR_URL MCP_URL AUTH_URL'
    + ' SCREENSHOT_DIR [--step-up]');
  process.exit(2);
}
const STEP_TIMEOUT_MS = 30_000;
const SERVER_ID = 'portcullis';
const origin = new URL(inspectorUrl).origin;
fs.mkdirSync(shots, { recursive: true });

const options = new chrome.Options()
  .setChromeBinaryPath(process.env.CHROMIUM || '/usr/bin/chromium')
  .addArguments('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1400,1000',
    `--user-data-dir=${fs.mkdtempSync(path.join(shots, 'chromium-'))}`);
const driver = await new Builder().forBrowser('chrome').setChromeOptions(options)
  .setChromeService(new chrome.ServiceBuilder(process.env.CHROMEDRIVER || '/usr/bin/chromedriver'))
  .build();

let shot = 0;
async function screenshot(name) {
  const file = path.join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`);
  fs.writeFileSync(file, await driver.takeScreenshot(), 'base64');
  return file;
}
const xpathLiteral = s => (s.includes("'") ? `concat('${s.split("'").join(`', "'", '`)}')` : `'${s}'`);
const byText = (tag, text) => By.xpath(`//${tag}[normalize-space(.)=${xpathLiteral(text)}]`);
async function visible(locator, what) {
  const element = await driver.wait(until.elementLocated(locator), STEP_TIMEOUT_MS, `no ${what}`);
  return driver.wait(until.elementIsVisible(element), STEP_TIMEOUT_MS, `${what} not visible`);
}
async function click(locator, what) {
  const element = await visible(locator, what);
  await driver.wait(until.elementIsEnabled(element), STEP_TIMEOUT_MS, `${what} not enabled`);
  await element.click();
}
async function type(locator, what, text) {
  const element = await visible(locator, what);
  await element.clear();
  await element.sendKeys(text);
}
const bodyText = () => driver.findElement(By.css('body')).getText();
async function waitForText(text, what) {
  await driver.wait(async () => (await bodyText()).includes(text), STEP_TIMEOUT_MS, `no ${what} ("${text}")`);
}
async function waitForUrl(prefix, what) {
  await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(prefix), STEP_TIMEOUT_MS,
    `the browser did not reach ${what} (${prefix})`);
}

// auth-server's sign-in page (skipped when already signed in) and consent page; returns the authorization request
async function signInAndApprove(label) {
  await waitForUrl(`${authUrl}/authorize`, 'auth-server');
  const request = new URL(await driver.getCurrentUrl()).searchParams;
  const expectedRedirect = `${origin}/oauth/callback`;
  if (request.get('redirect_uri') !== expectedRedirect) {
    throw new Error(`redirect_uri is ${request.get('redirect_uri')}, expected ${expectedRedirect}`);
  }
  if (await driver.findElements(By.css('input[name=password]')).then(found => found.length > 0)) {
    await screenshot(`${label}-sign-in`);
    await type(By.css('input[name=username]'), 'username field', username);
    await type(By.css('input[name=password]'), 'password field', password);
    await click(By.xpath("//button[contains(normalize-space(.),'Sign in')]"), 'Sign in button');
  }
  await visible(By.css('button[value=approve]'), 'consent page (Allow)');
  await screenshot(`${label}-consent`);
  await click(By.css('button[value=approve]'), 'Allow button');
  await waitForUrl(origin, 'the Inspector after the redirect');
  return request;
}

async function callTool(name, fill) {
  await click(By.xpath(`//*[normalize-space(text())=${xpathLiteral(name)}]`), `${name} in the tool list`);
  if (fill) await fill();
  await click(By.xpath("//button[contains(normalize-space(.),'Execute Tool')]"), 'Execute Tool button');
}

let failed = false;
try {
  await driver.get(inspectorUrl);
  await click(By.xpath("//button[contains(normalize-space(.),'Add Servers')]"), 'Add Servers button');
  await click(By.xpath("//*[contains(normalize-space(text()),'Add manually')]"), '"+ Add manually" menu item');
  await type(By.css("input[placeholder='my-server']"), 'Server ID field', SERVER_ID);
  await click(By.xpath("//label[normalize-space(.)='Transport']/following::input[1]"), 'Transport select');
  await click(By.xpath("//*[@role='option'][normalize-space(.)='streamable-http']"), 'streamable-http option');
  await type(By.css("input[placeholder='https://example.com/mcp']"), 'URL field', mcpUrl);
  await screenshot('add-server');
  await click(byText('button', 'Add'), 'Add button');

  const toggle = By.xpath(`//input[@aria-label=${xpathLiteral(`Connect or disconnect "${SERVER_ID}"`)}]`
    + '/ancestor::label[1]');
  await click(toggle, `connect switch of ${SERVER_ID}`);
  const request = await signInAndApprove('login');
  if (request.get('resource') !== mcpUrl) throw new Error(`resource is ${request.get('resource')}, expected ${mcpUrl}`);
  await waitForText('Connected', 'connected server');
  await screenshot('connected');

  await click(By.xpath("//label[normalize-space(.)='Tools']"), 'Tools tab');
  await waitForText('whoami', 'whoami in the tool list');
  await callTool('whoami');
  await waitForText(`user: ${username}`, 'whoami result');
  const text = await bodyText();
  if (!/scopes: .*mcp:tools/.test(text)) throw new Error('whoami does not show the mcp:tools scope');
  await screenshot('whoami');
  console.log(`inspector: signed in as ${username} (scope ${request.get('scope')}), whoami answered`);

  if (stepUp) {
    const note = `from the Inspector ${Date.now()}`;
    const addNote = () => callTool('notes_add', () => type(
      By.xpath("//label[starts-with(normalize-space(.),'text')]/following::input[1]"), 'text field', note));
    await addNote();
    await waitForText('Additional permissions required', 'step-up prompt');
    await screenshot('step-up-prompt');
    await click(byText('button', 'Authorize'), 'Authorize button');
    const more = await signInAndApprove('step-up');
    if (!more.get('scope')?.split(' ').includes('notes:write')) throw new Error(`step-up asked for ${more.get('scope')}`);
    // back in the Inspector, connected again: the call once more, with the larger token (2.12.0 does not retry it)
    await click(By.xpath("//label[normalize-space(.)='Tools']"), 'Tools tab');
    await addNote();
    await waitForText('Added note', 'notes_add result');
    await callTool('notes_list');
    await waitForText(note, 'the added note in notes_list');
    await screenshot('step-up-done');
    console.log(`inspector: step-up to ${more.get('scope')}, notes_add and notes_list answered`);
  }
} catch (error) {
  failed = true;
  console.error(`inspector: ${error.message}`);
  try {
    console.error(`  at ${await driver.getCurrentUrl()}; screenshot ${await screenshot('failure')}`);
    console.error(`  page text: ${(await bodyText()).replace(/\s+/g, ' ').slice(0, 800)}`);
  } catch (ignored) {
    // the browser is gone: the error above says why
  }
} finally {
  await driver.quit();
}
process.exit(failed ? 1 : 0);
