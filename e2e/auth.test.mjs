// Mercure 1.0 authorization in a real browser: a private update published with an at+jwt access
// token reaches a subscriber authorized by a match_urlpattern grant (through fetch() with an
// Authorization header, and through an EventSource carrying the cookie) and not an anonymous one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { launchBrowser } from './browser.mjs';
import { startHub } from './hub.mjs';

const KEY = randomBytes(48).toString('base64');
const ISSUER = 'https://localhost';
// __Secure- cookies need HTTPS: a prefix-less name for this plain-HTTP hub.
const COOKIE = 'herald_token';

let hub;
let browser;

before(async () => {
  hub = await startHub(['--jwt-key', KEY, '--trusted-issuer', ISSUER, '--anonymous', '--cookie-name', COOKIE]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await hub?.stop();
});

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An HS256 access token for the hub URL `audience`, granting `action` on one URL pattern. */
function accessToken(audience, action, match, matchType) {
  const now = Math.floor(Date.now() / 1000);
  const topic = matchType ? { match, match_type: matchType } : { match };
  const claims = {
    iss: ISSUER, aud: audience, sub: 'e2e', client_id: 'e2e', iat: now, exp: now + 600, jti: randomUUID(),
    authorization_details: [{ type: 'https://mercure.rocks/authorization-detail', actions: [action], topics: [topic] }],
  };
  const input = `${b64url({ alg: 'HS256', typ: 'at+jwt' })}.${b64url(claims)}`;
  return `${input}.${createHmac('sha256', KEY).update(input).digest('base64url')}`;
}

test('a private update reaches only the subscribers an access token authorizes', async () => {
  const audience = hub.url + '/.well-known/mercure';   // no --resource-identifier: the URL requested
  const pattern = 'https://example.com/books/:id';
  const topic = `https://example.com/books/${Date.now()}`;
  const subscriberToken = accessToken(audience, 'subscribe', pattern, 'urlpattern');
  await browser.addCookies([{ name: COOKIE, value: subscriberToken, url: hub.url, httpOnly: true }]);

  const page = await browser.newPage();
  await page.goto(hub.url + '/healthz');
  await page.evaluate(({ pattern, token, cookie }) => {
    const url = new URL('/.well-known/mercure', location.origin);
    url.searchParams.append('match_urlpattern', pattern);
    window.received = { fetch: [], cookie: [], anonymous: [] };
    window.opened = { fetch: false, cookie: false, anonymous: false };
    // fetch() with the Authorization header, reading the stream
    (async () => {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit' });
      window.opened.fetch = response.status === 200;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart()).join('\n');
          buffer = buffer.slice(end + 2);
          if (data) window.received.fetch.push(data);
        }
      }
    })();
    // an EventSource sends the cookie
    const withCookie = new EventSource(url);
    withCookie.onopen = () => { window.opened.cookie = true; };
    withCookie.onmessage = (e) => window.received.cookie.push(e.data);
    window.cookieName = cookie;
  }, { pattern, token: subscriberToken, cookie: COOKIE });
  await page.waitForFunction(() => window.opened.fetch && window.opened.cookie, null, { timeout: 10_000 });

  // the anonymous subscriber: same pattern, no token at all (the cookie removed first)
  await browser.clearCookies();
  await page.evaluate((pattern) => {
    const url = new URL('/.well-known/mercure', location.origin);
    url.searchParams.append('match_urlpattern', pattern);
    const anonymous = new EventSource(url);
    anonymous.onopen = () => { window.opened.anonymous = true; };
    anonymous.onmessage = (e) => window.received.anonymous.push(e.data);
  }, pattern);
  await page.waitForFunction(() => window.opened.anonymous, null, { timeout: 10_000 });

  const publisherToken = accessToken(audience, 'publish', '*');
  for (const [data, isPrivate] of [['the private one', true], ['fence', false]]) {
    const body = new URLSearchParams({ topic, data });
    if (isPrivate) body.append('private', 'on');
    const response = await fetch(audience, {
      method: 'POST',
      headers: { Authorization: `Bearer ${publisherToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    assert.equal(response.status, 200, await response.text());
  }

  await page.waitForFunction(() => window.received.fetch.length >= 2 && window.received.cookie.length >= 2
      && window.received.anonymous.length >= 1, null, { timeout: 10_000 });
  const received = await page.evaluate(() => window.received);
  assert.deepEqual(received.fetch, ['the private one', 'fence']);
  assert.deepEqual(received.cookie, ['the private one', 'fence']);
  assert.deepEqual(received.anonymous, ['fence']);
  await page.close();
});

test('an anonymous publish gets an RFC 6750 challenge pointing to the metadata', async () => {
  const response = await fetch(hub.url + '/.well-known/mercure', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ topic: 'https://example.com/x', data: 'd' }),
  });
  assert.equal(response.status, 401);
  assert.equal(response.headers.get('www-authenticate'),
    `Bearer resource_metadata="${hub.url}/.well-known/oauth-protected-resource/.well-known/mercure"`);
  const metadata = await (await fetch(`${hub.url}/.well-known/oauth-protected-resource/.well-known/mercure`)).json();
  assert.equal(metadata.resource, hub.url + '/.well-known/mercure');
  assert.equal(metadata.mercure_cookie, COOKIE);
});
