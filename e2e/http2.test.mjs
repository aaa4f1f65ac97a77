// Why the hub speaks HTTP/2: one page with 12 live EventSources (an app's widgets, or its tabs,
// which share connections per origin). Over HTTP/1.1 Chromium opens at most 6 connections to an
// origin, so streams 7 to 12 wait for a connection that never frees up; over HTTP/2 all 12 are
// streams of one connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser } from './browser.mjs';
import { startHub, eventually } from './hub.mjs';
import { insecureRequest, selfSignedCertificate } from './tls.mjs';

const STREAMS = 12;
let certificate;
let hub;

before(async () => {
  certificate = selfSignedCertificate();
  hub = await startHub(['--dev'], { tls: certificate });
});

after(async () => {
  await hub?.stop();
  certificate?.dispose();
});

async function publish(topic, data) {
  const response = await insecureRequest(hub.url + '/.well-known/mercure', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ topic, data }).toString(),
  });
  assert.equal(response.status, 200, response.body);
}

async function subscribers(topic) {
  const stats = JSON.parse((await insecureRequest(hub.url + '/stats')).body);
  return stats.subscribersByTopic[topic] ?? 0;
}

/** Established TCP connections to the hub's port (the browser's: Node's requests close theirs). */
function connectionsToHub() {
  const port = new URL(hub.url).port;
  return execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' })
    .split('\n').filter((line) => line.trim()).length;
}

/** A fresh Chromium (extra flags `args`) showing one page that opens STREAMS EventSources on `topic`. */
async function pageWithStreams(topic, args) {
  const browser = await launchBrowser({ args, ignoreHTTPSErrors: true });
  const page = await browser.newPage();
  await page.goto(hub.url + '/healthz');
  await page.evaluate(({ topic, count }) => {
    window.streams = [];
    for (let i = 0; i < count; i++) {
      const url = new URL('/.well-known/mercure', location.origin);
      url.searchParams.append('topic', topic);
      const stream = { source: new EventSource(url), messages: [] };
      stream.source.onmessage = (e) => stream.messages.push(e.data);
      window.streams.push(stream);
    }
  }, { topic, count: STREAMS });
  const protocol = await page.evaluate(() => performance.getEntriesByType('navigation')[0].nextHopProtocol);
  return { browser, page, protocol };
}

const streams = (page) => page.evaluate(() => window.streams.map((s) => ({
  state: ['connecting', 'open', 'closed'][s.source.readyState],
  messages: [...s.messages],
})));

test('over HTTP/2 all 12 EventSources of one page are live, on one connection', async () => {
  const topic = `https://example.com/h2/${Date.now()}`;
  const { browser, page, protocol } = await pageWithStreams(topic, []);
  try {
    assert.equal(protocol, 'h2');
    const t0 = Date.now();
    await eventually(async () => (await streams(page)).every((s) => s.state === 'open'), '12 open EventSources');
    console.log('open after', Date.now() - t0, await streams(page));
    await eventually(async () => (await subscribers(topic)) === STREAMS, `${STREAMS} subscribers at the hub`);
    assert.equal(connectionsToHub(), 1);

    await publish(topic, 'to every stream');

    await eventually(async () => (await streams(page)).every((s) => s.messages.includes('to every stream')),
      'the update on all 12 EventSources');
  } finally {
    await browser.close();
  }
});

test('over HTTP/1.1 the same page is stuck at 6 live EventSources, the browser\'s connections per origin', async () => {
  const topic = `https://example.com/h1/${Date.now()}`;
  const { browser, page, protocol } = await pageWithStreams(topic, ['--disable-http2']);
  try {
    assert.equal(protocol, 'http/1.1');
    await eventually(async () => (await subscribers(topic)) === 6, '6 subscribers at the hub');
    await publish(topic, 'to every stream');
    await eventually(async () => (await streams(page)).filter((s) => s.messages.length > 0).length === 6,
      'the update on 6 EventSources');

    // The other six wait for a connection: still connecting, nothing received, while time passes.
    const start = Date.now();
    await eventually(async () => Date.now() - start > 1_000, 'a second');
    const states = await streams(page);
    assert.deepEqual(states.map((s) => s.state).sort(), [...Array(6).fill('connecting'), ...Array(6).fill('open')]);
    assert.equal(states.filter((s) => s.state === 'connecting' && s.messages.length === 0).length, 6);
    assert.equal(await subscribers(topic), 6);
    assert.equal(connectionsToHub(), 6);
  } finally {
    await browser.close();
  }
});
