// Resuming in a real browser: an EventSource that asks for an id the hub does not hold gets the
// retained updates through onmessage and, through addEventListener('mercure'), a notice that the
// resume was not exact (a browser cannot read the Mercure-Last-Event-ID response header).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './browser.mjs';
import { startHub } from './hub.mjs';

let hub;
let browser;

before(async () => {
  hub = await startHub(['--dev']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await hub?.stop();
});

async function publish(topic, data) {
  const response = await fetch(hub.url + '/.well-known/mercure', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ topic, data }),
  });
  assert.equal(response.status, 200);
  return response.text();
}

test('an inexact resume is announced to addEventListener("mercure") and not to onmessage', async () => {
  const topic = `https://example.com/resume/${Date.now()}`;
  const retained = await publish(topic, 'retained');
  const page = await browser.newPage();
  await page.goto(hub.url + '/healthz');
  await page.evaluate((t) => {
    const url = new URL('/.well-known/mercure', location.origin);
    url.searchParams.append('match', t);
    url.searchParams.append('last_event_id', 'an-id-the-hub-never-saw');
    window.messages = [];
    window.notices = [];
    const source = new EventSource(url);
    source.onmessage = (e) => window.messages.push({ id: e.lastEventId, data: e.data });
    source.addEventListener('mercure', (e) => window.notices.push({ id: e.lastEventId, data: JSON.parse(e.data) }));
  }, topic);

  await page.waitForFunction(() => window.messages.length >= 1 && window.notices.length >= 1, null, { timeout: 10_000 });
  const live = await publish(topic, 'live');
  await page.waitForFunction(() => window.messages.length >= 2, null, { timeout: 10_000 });

  const { messages, notices } = await page.evaluate(() => ({ messages: window.messages, notices: window.notices }));
  assert.deepEqual(messages, [{ id: retained, data: 'retained' }, { id: live, data: 'live' }]);
  assert.deepEqual(notices, [{
    id: '',
    data: { type: 'resume', exact: false, last_event_id: 'an-id-the-hub-never-saw', resumed_from: 'earliest' },
  }]);
  await page.close();
});
