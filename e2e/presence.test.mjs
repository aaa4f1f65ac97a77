// The presence demo in a real browser: tabs on /presence list who is in their room, from the
// subscriptions API on load and from subscription events afterwards; a tab that closes leaves.
// Every tab is a page of one browser context: each holds its own token in an Authorization header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './browser.mjs';
import { startHub } from './hub.mjs';

const TIMEOUT = 10_000;
let hub;
let browser;
let rooms = 0;

before(async () => {
  hub = await startHub(['--demo', '--subscriptions']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await hub?.stop();
});

/** A room of its own for each test, so that no test sees another's tabs. */
const newRoom = () => `room-${Date.now()}-${++rooms}`;

async function openTab(room, name) {
  const page = await browser.newPage();
  await page.goto(`${hub.url}/presence?room=${room}&name=${encodeURIComponent(name)}`);
  return page;
}

/** Waits until the tab shows exactly these names (in its order: sorted) and their count. */
async function waitForPresent(page, names) {
  try {
    await page.waitForFunction((expected) => {
      const shown = [...document.querySelectorAll('#people li')].map((li) => li.textContent);
      return document.querySelector('#count').textContent === `${expected.length} here`
        && JSON.stringify(shown) === JSON.stringify(expected);
    }, names, { timeout: TIMEOUT });
  } catch (e) {
    const shown = await page.evaluate(() => ({
      count: document.querySelector('#count').textContent,
      people: [...document.querySelectorAll('#people li')].map((li) => li.textContent),
      status: document.querySelector('#status').textContent,
      error: document.querySelector('#error').textContent,
    }));
    throw new Error(`expected ${JSON.stringify(names)}, the tab shows ${JSON.stringify(shown)}`, { cause: e });
  }
}

const isStream = (url) => new URL(url).pathname === '/.well-known/mercure';

test('two tabs see each other; when one closes, the other sees the count drop', async () => {
  const room = newRoom();
  const ann = await openTab(room, 'Ann');
  await waitForPresent(ann, ['Ann']);
  const bob = await openTab(room, 'Bob');

  await waitForPresent(bob, ['Ann', 'Bob']);
  await waitForPresent(ann, ['Ann', 'Bob']);
  assert.equal(await ann.textContent('#status'), 'live');

  await bob.close();

  await waitForPresent(ann, ['Ann']);
  await ann.close();
});

test('a tab opening lists those already present from the subscriptions API, then subscribes from its cursor', async () => {
  const room = newRoom();
  const ann = await openTab(room, 'Ann');
  await waitForPresent(ann, ['Ann']);

  // Bob's event stream is refused at first: whatever Bob shows then came from the API alone.
  const bob = await browser.newPage();
  const refused = [];
  await bob.route(isStream, (route) => {
    refused.push(route.request().url());
    return route.abort();
  });
  const listing = bob.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/.well-known/mercure/subscriptions/'));
  await bob.goto(`${hub.url}/presence?room=${room}&name=Bob`);
  const api = await listing;
  await waitForPresent(bob, ['Ann']);   // not Bob: without its stream, Bob is not subscribed
  assert.notEqual(await bob.textContent('#status'), 'live');

  // The API answer: the room topic's collection, with the cursor the stream then resumes from.
  assert.equal(api.status(), 200);
  assert.equal(new URL(api.url()).pathname,
    `/.well-known/mercure/subscriptions/exact/${encodeURIComponent(`demo/presence/${room}`)}`);
  const cursor = /rel="mercure"; last-event-id="([^"]+)"/.exec(api.headers().link)?.[1];
  assert.ok(cursor, `a cursor on ${api.headers().link}`);
  assert.equal((await api.json()).total, 1);
  assert.ok(refused.length >= 1);
  const stream = new URL(refused[0]).searchParams;
  assert.deepEqual(stream.getAll('match'), [`demo/presence/${room}`]);
  assert.deepEqual(stream.getAll('match_urlpattern'),
    [`/.well-known/mercure/subscriptions/exact/${encodeURIComponent(`demo/presence/${room}`)}/:subscriber`]);
  assert.equal(stream.get('last_event_id'), cursor);

  // Once the stream gets through, Bob is present for both.
  await bob.unroute(isStream);
  await waitForPresent(bob, ['Ann', 'Bob']);
  await waitForPresent(ann, ['Ann', 'Bob']);
  await bob.close();
  await ann.close();
});

test('tabs in another room are not counted', async () => {
  const room = newRoom();
  const ann = await openTab(room, 'Ann');
  const cat = await openTab(newRoom(), 'Cat');
  await waitForPresent(cat, ['Cat']);
  const bob = await openTab(room, 'Bob');

  // Bob arrived after Cat: had Cat been counted in Ann's room, Ann would have seen her first.
  await waitForPresent(ann, ['Ann', 'Bob']);
  await waitForPresent(cat, ['Cat']);
  for (const page of [ann, bob, cat]) await page.close();
});

test('a demo token reads only its own room and cannot publish', async () => {
  const room = newRoom();
  const response = await fetch(`${hub.url}/demo/token`, { method: 'POST', body: new URLSearchParams({ room, name: 'Eve' }) });
  assert.equal(response.status, 200);
  const { token, topic } = await response.json();
  assert.equal(topic, `demo/presence/${room}`);
  const auth = { Authorization: `Bearer ${token}` };
  const collection = (t) => `${hub.url}/.well-known/mercure/subscriptions/exact/${encodeURIComponent(t)}`;

  assert.equal((await fetch(collection(topic), { headers: auth })).status, 200);
  assert.equal((await fetch(collection(`demo/presence/${room}x`), { headers: auth })).status, 403);
  assert.equal((await fetch(`${hub.url}/.well-known/mercure/subscriptions`, { headers: auth })).status, 403);
  const publish = await fetch(`${hub.url}/.well-known/mercure`, {
    method: 'POST', headers: auth, body: new URLSearchParams({ topic, data: 'hi' }),
  });
  assert.equal(publish.status, 401);
  const badRoom = await fetch(`${hub.url}/demo/token`, { method: 'POST', body: new URLSearchParams({ room: '../x', name: 'Eve' }) });
  assert.equal(badRoom.status, 400);
});
