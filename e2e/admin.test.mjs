// The admin console in a real browser: the page asks for the admin token, says so clearly when it
// is wrong, and with the right one shows live figures from /admin/live that move when something is
// published (through the debugger or from outside) and when subscribers connect. Screenshots are
// kept as test output next to the jar (herald-app/target/e2e-screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { launchBrowser } from './browser.mjs';
import { startHub, jar } from './hub.mjs';

const TOKEN = randomBytes(24).toString('hex');
const TIMEOUT = 15_000;
const screenshots = path.join(path.dirname(jar), 'e2e-screenshots');

let hub;
let browser;
const streams = [];

before(async () => {
  // --dev: the debugger and this test publish without a JWT; the figures still need the admin token.
  hub = await startHub(['--dev', '--admin-token', TOKEN]);
  browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
});

after(async () => {
  for (const s of streams) s.abort();
  await browser?.close();
  await hub?.stop();
});

const figure = (page, id) => page.textContent(`#${id}`);

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(screenshots, `admin-${name}.png`), fullPage: true });
}

async function openConsole() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${hub.url}/admin/`);
  return { page, errors };
}

async function enterToken(page, token) {
  await page.fill('#admin-token', token);
  await page.press('#admin-token', 'Enter'); // the keyboard submits the form
}

/** Opens a subscriber outside the page: a fetch() stream the test aborts at the end. */
async function subscribe(topic) {
  const controller = new AbortController();
  streams.push(controller);
  const response = await fetch(`${hub.url}/.well-known/mercure?match=${encodeURIComponent(topic)}`, {
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  response.body.getReader().read().catch(() => {}); // keep it flowing
  return controller;
}

async function publish(topic, data) {
  const response = await fetch(`${hub.url}/.well-known/mercure`, {
    method: 'POST',
    body: new URLSearchParams({ topic, data }),
  });
  assert.equal(response.status, 200, await response.text());
}

test('a wrong admin token gets a clear message and no figures', async () => {
  const { page, errors } = await openConsole();
  assert.equal(await page.title(), 'Herald admin console');
  await enterToken(page, 'not-the-token-0123456789');
  await page.waitForFunction(() => document.querySelector('#token-message').textContent.includes('401'),
    null, { timeout: TIMEOUT });
  assert.match(await page.textContent('#token-message'), /refused this admin token/);
  assert.equal(await figure(page, 'fig-published'), '–');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('herald.adminToken')), null);
  await screenshot(page, 'wrong-token');
  assert.deepEqual(errors.filter((e) => !e.includes('401')), [], 'no script errors');
  await page.close();
});

test('with the token, live figures move with publishes and subscribers', async () => {
  const { page, errors } = await openConsole();
  await enterToken(page, TOKEN);
  await page.waitForFunction(() => document.querySelector('#connection-state').textContent.startsWith('Connected'),
    null, { timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelector('#fig-published').textContent !== '–',
    null, { timeout: TIMEOUT });
  assert.equal(await page.evaluate(() => sessionStorage.getItem('herald.adminToken')), TOKEN,
    'the token is kept for this tab only');
  const startPublished = Number((await figure(page, 'fig-published')).replaceAll(',', ''));
  const startSubscribers = Number(await figure(page, 'fig-subscribers'));

  // A subscriber from outside: the connections move, its topic appears in the table.
  const topic = `https://example.com/e2e/${Date.now()}`;
  await subscribe(topic);
  await page.waitForFunction((n) => Number(document.querySelector('#fig-subscribers').textContent) === n,
    startSubscribers + 1, { timeout: TIMEOUT });
  await page.waitForFunction((t) => [...document.querySelectorAll('#topics-table tbody td.selector')]
    .some((td) => td.textContent === t), topic, { timeout: TIMEOUT });

  // A publish from outside moves the published count.
  await publish(topic, 'from outside');
  await page.waitForFunction((n) => Number(document.querySelector('#fig-published').textContent.replaceAll(',', '')) >= n,
    startPublished + 1, { timeout: TIMEOUT });

  // The debugger subscribes (one more subscriber) and publishes; its event arrives in the list.
  await page.selectOption('#sub-parameter', 'match');
  await page.fill('#sub-matchers', topic);
  await page.click('#subscribe');
  await page.waitForFunction(() => document.querySelector('#subscribe-status').textContent.startsWith('Subscribed'),
    null, { timeout: TIMEOUT });
  await page.waitForFunction((n) => Number(document.querySelector('#fig-subscribers').textContent) === n,
    startSubscribers + 2, { timeout: TIMEOUT });
  await page.fill('#pub-topics', topic);
  await page.fill('#pub-data', '{"hello": "from the debugger"}');
  await page.click('#publish');
  await page.waitForFunction(() => document.querySelector('#publish-result').textContent.startsWith('Published: id '),
    null, { timeout: TIMEOUT });
  await page.waitForFunction(() => [...document.querySelectorAll('#events li')]
    .some((li) => li.textContent.includes('{"hello": "from the debugger"}')), null, { timeout: TIMEOUT });
  await page.waitForFunction((n) => Number(document.querySelector('#fig-published').textContent.replaceAll(',', '')) >= n,
    startPublished + 2, { timeout: TIMEOUT });

  // The chart's summary follows the rates.
  await page.waitForFunction(() => document.querySelector('#chart-summary').textContent.startsWith('Now '),
    null, { timeout: TIMEOUT });
  assert.match(await figure(page, 'fig-transport'), /^ready$/);
  await screenshot(page, 'live');
  assert.deepEqual(errors, [], 'no script errors');
  await page.close();
});

test('a refused request shows under recent errors, without its token', async () => {
  const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlMmUifQ.c2lnbmF0dXJlLWU3ZQ';
  const refused = await fetch(`${hub.url}/stats`, { headers: { Authorization: `Bearer ${jwtLike}` } });
  assert.equal(refused.status, 401);
  const { page } = await openConsole();
  await enterToken(page, TOKEN);
  await page.waitForFunction(() => [...document.querySelectorAll('#errors-table tbody tr')]
    .some((tr) => tr.textContent.includes('GET /stats') && tr.textContent.includes('401')), null, { timeout: TIMEOUT });
  assert.ok(!(await page.textContent('#errors-table')).includes(jwtLike));
  await page.close();
});

test('the page works from the keyboard: every control has a label', async () => {
  const { page } = await openConsole();
  const unlabelled = await page.$$eval('input, select, textarea, button', (controls) => controls
    .filter((c) => !(c.labels?.length > 0 || c.getAttribute('aria-label') || (c.tagName === 'BUTTON' && c.textContent.trim())))
    .map((c) => c.id || c.outerHTML));
  assert.deepEqual(unlabelled, []);
  await page.keyboard.press('Tab'); // the skip link first
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'admin-token');
  assert.equal((await page.$$('h1')).length, 1, 'one main heading');
  const sections = await page.$$eval('main section', (all) => all.map((s) => s.querySelector('h2')?.textContent));
  assert.ok(sections.every((h) => h), 'every section has a heading');
  await page.close();
});
