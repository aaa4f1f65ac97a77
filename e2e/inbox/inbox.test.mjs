// The in-site inbox example in a real Chromium: alice and bob signed in through the login form in
// two separate browsers; bob's notification reaches alice's open page live and nobody else's; a
// page that went offline catches up from the hub's history when it is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from '../browser.mjs';
import { startInbox } from './app.mjs';

let app;
let aliceBrowser;
let bobBrowser;
let alice;
let bob;

async function signIn(browser, user) {
  const page = await browser.newPage();
  await page.goto(app.url + '/');
  await page.waitForURL(/\/login/);
  await page.fill('#username', user);
  await page.fill('#password', user);
  await page.click('button[type=submit]');
  await page.waitForFunction((name) => document.querySelector('#user')?.textContent === name, user);
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'live', null, { timeout: 10_000 });
  return page;
}

const texts = (page) => page.$$eval('#notifications li .text', (items) => items.map((i) => i.textContent));
const unread = (page) => page.textContent('#unread');

before(async () => {
  app = await startInbox();
  aliceBrowser = await launchBrowser();
  bobBrowser = await launchBrowser();
  alice = await signIn(aliceBrowser, 'alice');
  bob = await signIn(bobBrowser, 'bob');
});

after(async () => {
  await aliceBrowser?.close();
  await bobBrowser?.close();
  await app?.stop();
});

test('signing in is required, and a wrong password is refused', { timeout: 60_000 }, async () => {
  const stranger = await launchBrowser();
  try {
    const page = await stranger.newPage();
    await page.goto(app.url + '/');
    await page.waitForURL(/\/login/);
    await page.fill('#username', 'alice');
    await page.fill('#password', 'bob');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/login\?error/);
    const hub = await page.evaluate(async () => (await fetch('/.well-known/mercure?topic=x')).url);
    assert.match(hub, /\/login$/); // the hub, too, is behind the sign-in
  } finally {
    await stranger.close();
  }
});

test("bob's notification to alice reaches alice's open page, and not bob's", { timeout: 60_000 }, async () => {
  await bob.selectOption('#to', 'alice');
  await bob.fill('#text', 'Lunch at noon?');
  await bob.click('#send button[type=submit]');
  await bob.waitForFunction(() => document.querySelector('#send-result').textContent === 'sent to alice');

  await alice.waitForFunction(() => document.querySelectorAll('#notifications li').length === 1, null, { timeout: 10_000 });
  assert.deepEqual(await texts(alice), ['Lunch at noon?']);
  assert.equal(await unread(alice), '1');
  assert.match(await alice.textContent('#notifications li .meta'), /^from bob/);
  assert.equal(await alice.title(), '(1) Inbox');

  // bob's page received no update at all (its subscription is to bob's own inbox)
  assert.equal(await bob.evaluate(() => window.inbox.received), 0);
  assert.deepEqual(await texts(bob), []);
});

test("bob subscribing to alice's inbox himself receives none of her notifications", { timeout: 60_000 }, async () => {
  const spy = await bobBrowser.newPage();
  await spy.goto(app.url + '/inbox.css'); // same origin, so the session cookie goes along
  await spy.evaluate(() => {
    window.got = [];
    const url = new URL('/.well-known/mercure', location.href);
    url.searchParams.append('topic', 'https://inbox.example/users/alice');
    url.searchParams.append('topic', 'https://inbox.example/users/{user}');
    const source = new EventSource(url);
    source.onmessage = (event) => window.got.push(event.data);
    window.opened = new Promise((resolve) => { source.onopen = resolve; });
  });
  await spy.evaluate(() => window.opened);
  await app.send('bob', 'alice', 'Only for alice');
  await alice.waitForFunction(() => document.querySelectorAll('#notifications li').length === 2, null, { timeout: 10_000 });
  // then one for bob: once it reached the spy page, an earlier one for alice would have too
  await app.send('alice', 'bob', 'For bob');
  await spy.waitForFunction(() => window.got.length === 1, null, { timeout: 10_000 });
  assert.match(await spy.evaluate(() => window.got[0]), /"For bob"/);
  await spy.close();
  await bob.waitForFunction(() => document.querySelectorAll('#notifications li').length === 1, null, { timeout: 10_000 });
});

test('a page that was offline catches up from the history when it is back', { timeout: 60_000 }, async () => {
  const before = await alice.evaluate(() => window.inbox.received);
  await aliceBrowser.setOffline(true);
  await alice.waitForFunction(() => document.querySelector('#status').textContent === 'offline');
  await app.send('bob', 'alice', 'While you were away (1)');
  await app.send('bob', 'alice', 'While you were away (2)');
  await aliceBrowser.setOffline(false);

  await alice.waitForFunction(() => document.querySelectorAll('#notifications li').length === 4, null, { timeout: 10_000 });
  assert.deepEqual((await texts(alice)).slice(0, 2), ['While you were away (2)', 'While you were away (1)']);
  // they came over the resumed subscription, not from reloading the list
  assert.equal(await alice.evaluate(() => window.inbox.received), before + 2);
  assert.equal(await alice.textContent('#status'), 'live');
  assert.equal(await unread(alice), '4');
});

test('marking read updates the unread count on every open page of that user', { timeout: 60_000 }, async () => {
  const second = await signInAgain(aliceBrowser);
  await second.waitForFunction(() => document.querySelectorAll('#notifications li').length === 4);
  assert.equal(await unread(second), '4');
  await alice.click('#read-all');
  await second.waitForFunction(() => document.querySelector('#unread').textContent === '0', null, { timeout: 10_000 });
  await alice.waitForFunction(() => document.querySelector('#unread').textContent === '0');
  assert.equal(await second.title(), 'Inbox');
  await second.close();
});

test('a notification is shown as text, never as markup', { timeout: 60_000 }, async () => {
  await app.send('bob', 'alice', '<img src=x onerror="window.pwned=1">');
  await alice.waitForFunction(() => document.querySelectorAll('#notifications li').length === 5, null, { timeout: 10_000 });
  assert.equal((await texts(alice))[0], '<img src=x onerror="window.pwned=1">');
  assert.equal(await alice.evaluate(() => window.pwned), undefined);
  assert.equal(await alice.$$eval('#notifications img', (imgs) => imgs.length), 0);
});

/** Another tab of the same signed-in browser: the session is already there. */
async function signInAgain(browser) {
  const page = await browser.newPage();
  await page.goto(app.url + '/');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'live', null, { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('#user').textContent !== '…');
  return page;
}
