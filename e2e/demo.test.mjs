// The classic demos in a real browser: the live table, the clock, the consumer count, and stdin
// lines reaching every open page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './browser.mjs';
import { startHub, eventually } from './hub.mjs';

let hub;
let browser;

before(async () => {
  hub = await startHub(['--demo', '--stdin-topic', 'logs']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await hub?.stop();
});

test('the demo table fills with ticker rows: server timestamp and "Hello at <RFC 1123 time>"', async () => {
  const page = await browser.newPage();
  await page.goto(hub.url + '/');
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length >= 2, null, { timeout: 15_000 });
  const rows = await page.$$eval('#rows tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  for (const [timestamp, message] of rows) {
    assert.match(timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    assert.match(message, /^Hello at \w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
  }
  assert.equal(await page.textContent('#status'), 'live');
  await page.close();
});

test('the clock ticks every second and the consumer count shows this page', async () => {
  const page = await browser.newPage();
  await page.goto(hub.url + '/');
  await page.waitForFunction(() => /^\d{4}-\d\d-\d\dT/.test(document.querySelector('#clock').textContent),
    null, { timeout: 10_000 });
  const first = await page.textContent('#clock');
  await page.waitForFunction((t) => document.querySelector('#clock').textContent !== t, first, { timeout: 5_000 });
  await page.waitForFunction(() => Number(document.querySelector('#consumers').textContent) >= 1,
    null, { timeout: 10_000 });
  await page.close();
});

test('lines written to the hub stdin reach every open page', async () => {
  const pages = [await browser.newPage(), await browser.newPage()];
  for (const page of pages) {
    await page.goto(hub.url + '/');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'live', null, { timeout: 10_000 });
  }
  const line = `log line ${Date.now()}`;
  hub.stdin.write(line + '\n');
  for (const page of pages) {
    await page.waitForFunction((l) => document.querySelector('#log').textContent.includes(l), line, { timeout: 10_000 });
  }
  await eventually(async () => {
    const consumers = await (await fetch(hub.url + '/demo/consumers')).json();
    return consumers.subscribers >= 2;
  }, 'two subscribers in /demo/consumers');
  for (const page of pages) await page.close();
});
