// Herald admin console. No framework and nothing from elsewhere: the page talks to the hub that
// served it. EventSource cannot send an Authorization header, so streams are read with fetch()
// and parsed here.
'use strict';

const TOKEN_KEY = 'herald.adminToken';
const RETRY_MS = 3000;
const CHART_POINTS = 300; // five minutes of one-second snapshots
const MAX_EVENTS = 200;

const $ = (id) => document.getElementById(id);
const numbers = new Intl.NumberFormat('en');
const rates = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/**
 * A server-sent events parser (WHATWG HTML, "Parsing an event stream"): text in, whole events out.
 * Lines end in CR, LF or CRLF; a leading BOM is dropped; an event without data is not dispatched.
 */
class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.started = false;
    this.data = [];
    this.type = '';
    this.lastId = '';
  }

  push(text) {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\r' && c !== '\n') continue;
      if (c === '\r' && i + 1 === this.buffer.length) break; // a LF may follow in the next chunk
      this.line(this.buffer.slice(start, i));
      if (c === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line[0] === ':') return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
  }

  dispatch() {
    const type = this.type || 'message';
    this.type = '';
    if (this.data.length === 0) return;
    const data = this.data.join('\n');
    this.data = [];
    this.onEvent({ type, data, id: this.lastId });
  }
}

/** Reads a fetch() response body as an event stream until it ends or `signal` aborts. */
async function readEvents(response, onEvent) {
  const parser = new SseParser(onEvent);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.push(value);
  }
}

async function bodyText(response) {
  try {
    return (await response.text()).trim();
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------- live figures

const live = {
  controller: null,
  retryTimer: null,
  history: [],
};

function setState(text, kind) {
  const state = $('connection-state');
  state.textContent = text;
  state.className = kind ?? '';
}

function setTokenMessage(text) {
  $('token-message').textContent = text;
}

function connect(token) {
  disconnect(false);
  const controller = new AbortController();
  live.controller = controller;
  $('disconnect').disabled = false;
  setState('Connecting…');
  streamFigures(token, controller).catch((error) => {
    if (controller.signal.aborted) return;
    setState(`Connection to the hub lost (${error.message}); retrying in ${RETRY_MS / 1000} s.`, 'problem');
    scheduleRetry(token);
  });
}

async function streamFigures(token, controller) {
  // No token is for a hub in --dev mode without one, which serves the figures to anyone.
  const response = await fetch('live', {
    headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    cache: 'no-store',
    signal: controller.signal,
  });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    stop(token ? 'The hub refused this admin token (401 Unauthorized). Check the token the hub was started with '
      + '(--admin-token or HERALD_ADMIN_TOKEN) and enter it again.'
      : 'This hub needs its admin token (401 Unauthorized): enter it above.');
    return;
  }
  if (response.status === 403) {
    stop(`The hub serves no figures (403 Forbidden): ${await bodyText(response)}`);
    return;
  }
  if (!response.ok) {
    setState(`The hub answered ${response.status}: ${await bodyText(response)}. Retrying in ${RETRY_MS / 1000} s.`,
      'problem');
    scheduleRetry(token);
    return;
  }
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  setTokenMessage('');
  setState('Connected: live figures from the hub.', 'live');
  let endReason = null;
  await readEvents(response, (event) => {
    if (event.type === 'snapshot') render(JSON.parse(event.data));
    else if (event.type === 'end') endReason = JSON.parse(event.data).reason;
  });
  if (controller.signal.aborted) return;
  setState(endReason === 'draining'
    ? `The hub is shutting down (draining); reconnecting in ${RETRY_MS / 1000} s.`
    : `The hub ended the stream; reconnecting in ${RETRY_MS / 1000} s.`, 'problem');
  scheduleRetry(token);
}

function stop(message) {
  disconnect(false);
  setTokenMessage(message);
  setState('Not connected.', 'problem');
  $('admin-token').focus();
}

function scheduleRetry(token) {
  clearTimeout(live.retryTimer);
  live.retryTimer = setTimeout(() => connect(token), RETRY_MS);
}

function disconnect(forget) {
  clearTimeout(live.retryTimer);
  live.controller?.abort();
  live.controller = null;
  $('disconnect').disabled = true;
  if (forget) {
    sessionStorage.removeItem(TOKEN_KEY);
    setState('Disconnected; the token is forgotten.');
  }
}

// ---------------------------------------------------------------- rendering

function render(s) {
  $('fig-subscribers').textContent = numbers.format(s.connections.subscribers);
  $('fig-open').textContent = numbers.format(s.connections.open);
  $('fig-others').textContent = numbers.format(s.connections.others);
  $('fig-topics').textContent = numbers.format(s.topics.total);
  $('fig-published').textContent = numbers.format(s.published);
  $('fig-deliveries').textContent = numbers.format(s.deliveries);
  $('fig-publish-rate').textContent = rateText(s.rates.publishedPerSecond);
  $('fig-delivery-rate').textContent = rateText(s.rates.deliveriesPerSecond);
  $('fig-slow').textContent = numbers.format(s.disconnects.slow_subscriber);
  $('fig-publish-failures').textContent = numbers.format(s.publishFailures);
  $('fig-history').textContent = s.history.retained === null ? 'unknown' : numbers.format(s.history.retained);
  $('fig-transport').textContent = s.transport.draining ? 'draining'
    : s.transport.ready ? 'ready' : `not ready: ${s.transport.reason}`;
  $('updated-at').textContent = `Last snapshot: ${new Date(s.time).toLocaleTimeString()}.`;
  renderTopics(s.topics);
  renderCounts($('disconnects-table'), Object.entries(s.disconnects).map(([k, v]) => [k.replaceAll('_', ' '), v]));
  renderErrors(s.recentErrors);
  if (s.rates.publishedPerSecond !== null) {
    live.history.push({ time: s.time, publish: s.rates.publishedPerSecond, delivery: s.rates.deliveriesPerSecond });
    if (live.history.length > CHART_POINTS) live.history.shift();
    drawChart();
  }
}

const rateText = (v) => (v === null ? '–' : rates.format(v));

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderTopics(topics) {
  const body = $('topics-table').tBodies[0];
  body.replaceChildren();
  for (const t of topics.top) {
    const row = body.insertRow();
    cell(row, t.selector, 'selector');
    cell(row, numbers.format(t.subscribers), 'number');
  }
  $('topics-caption').textContent = topics.total === 0 ? 'Nobody is subscribed.'
    : topics.top.length < topics.total
      ? `The ${topics.top.length} topic selectors with the most subscribers, of ${numbers.format(topics.total)}.`
      : `All ${numbers.format(topics.total)} topic selectors with subscribers.`;
}

function renderCounts(table, entries) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const [name, count] of entries) {
    const row = body.insertRow();
    cell(row, name);
    cell(row, numbers.format(count), 'number');
  }
}

function renderErrors(errors) {
  const body = $('errors-table').tBodies[0];
  body.replaceChildren();
  if (errors.length === 0) {
    const row = body.insertRow();
    cell(row, 'None since the hub started.').colSpan = 4;
    return;
  }
  for (const e of errors) {
    const row = body.insertRow();
    cell(row, new Date(e.time).toLocaleTimeString());
    cell(row, String(e.status), 'number');
    cell(row, `${e.method} ${e.path}`, 'selector');
    cell(row, e.message, 'error-text');
  }
}

/** Both rates on one linear scale; publishes solid, deliveries dashed, so colour is not the only cue. */
function drawChart() {
  const canvas = $('rate-chart');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 720;
  const height = canvas.clientHeight || 220;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const styles = getComputedStyle(document.documentElement);
  const colour = (name) => styles.getPropertyValue(name).trim();
  const left = 56;
  const right = 12;
  const top = 12;
  const bottom = 24;
  const points = live.history;
  const max = niceCeiling(Math.max(1, ...points.map((p) => Math.max(p.publish, p.delivery))));
  const x = (i) => left + (width - left - right) * (i + CHART_POINTS - points.length) / (CHART_POINTS - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);

  g.font = '12px system-ui, sans-serif';
  g.fillStyle = colour('--muted');
  g.strokeStyle = colour('--border');
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    g.beginPath();
    g.moveTo(left, y(v));
    g.lineTo(width - right, y(v));
    g.stroke();
    g.fillText(rates.format(v), left - 6, y(v));
  }
  g.textAlign = 'left';
  g.textBaseline = 'alphabetic';
  g.fillText('5 min ago', left, height - 6);
  g.textAlign = 'right';
  g.fillText('now', width - right, height - 6);

  const line = (key, style, dash) => {
    g.strokeStyle = colour(style);
    g.lineWidth = 2;
    g.setLineDash(dash);
    g.beginPath();
    points.forEach((p, i) => (i === 0 ? g.moveTo(x(i), y(p[key])) : g.lineTo(x(i), y(p[key]))));
    g.stroke();
    g.setLineDash([]);
  };
  line('delivery', '--delivery', [6, 4]);
  line('publish', '--publish', []);

  const last = points[points.length - 1];
  const peak = (key) => rates.format(Math.max(...points.map((p) => p[key])));
  $('chart-summary').textContent = `Now ${rates.format(last.publish)} publishes/s and ${rates.format(last.delivery)} `
    + `deliveries/s; peaks over the chart ${peak('publish')} and ${peak('delivery')}.`;
}

/** 1, 2 or 5 times a power of ten, at least v. */
function niceCeiling(v) {
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= v) return step * power;
  }
  return 10 * power;
}

// ---------------------------------------------------------------- debugger

const debug = { controller: null };

function lines(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

function bearer(text) {
  const token = text.trim().replace(/^bearer\s+/i, '');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function subscribeStatus(text, failed) {
  const status = $('subscribe-status');
  status.textContent = text;
  status.className = failed ? 'failed' : '';
}

async function subscribe() {
  unsubscribe();
  const parameter = $('sub-parameter').value;
  const matchers = lines($('sub-matchers').value);
  if (matchers.length === 0) {
    subscribeStatus('Enter at least one matcher.', true);
    return;
  }
  const url = new URL('/.well-known/mercure', location.origin);
  for (const m of matchers) url.searchParams.append(parameter, m);
  const lastEventId = $('sub-last-event-id').value.trim();
  if (lastEventId) url.searchParams.set('last_event_id', lastEventId);
  const controller = new AbortController();
  debug.controller = controller;
  $('unsubscribe').disabled = false;
  subscribeStatus('Subscribing…');
  try {
    const response = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...bearer($('sub-token').value) },
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
    if (!response.ok) {
      subscribeStatus(`Refused: ${response.status} ${await bodyText(response)}`, true);
      $('unsubscribe').disabled = true;
      return;
    }
    subscribeStatus(`Subscribed with ${parameter}=${matchers.join(', ')}.`);
    await readEvents(response, showEvent);
    subscribeStatus('The hub ended the subscription.', true);
  } catch (error) {
    if (!controller.signal.aborted) subscribeStatus(`Subscription failed: ${error.message}`, true);
  }
  if (debug.controller === controller) $('unsubscribe').disabled = true;
}

function unsubscribe() {
  if (debug.controller) {
    debug.controller.abort();
    debug.controller = null;
    subscribeStatus('Not subscribed.');
  }
  $('unsubscribe').disabled = true;
}

function showEvent(event) {
  const list = $('events');
  const item = document.createElement('li');
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${new Date().toLocaleTimeString()} · ${event.type}${event.id ? ` · id ${event.id}` : ''}\n`;
  item.append(meta, document.createTextNode(event.data));
  list.prepend(item);
  while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
}

async function publish() {
  const result = $('publish-result');
  result.className = '';
  const topics = lines($('pub-topics').value);
  if (topics.length === 0) {
    result.textContent = 'Enter at least one topic.';
    result.className = 'failed';
    return;
  }
  const form = new URLSearchParams();
  for (const t of topics) form.append('topic', t);
  form.set('data', $('pub-data').value);
  if ($('pub-type').value.trim()) form.set('type', $('pub-type').value.trim());
  if ($('pub-id').value.trim()) form.set('id', $('pub-id').value.trim());
  if ($('pub-private').checked) form.set('private', 'on');
  result.textContent = 'Publishing…';
  try {
    const response = await fetch('/.well-known/mercure', {
      method: 'POST',
      headers: bearer($('pub-token').value),
      body: form,
      credentials: 'omit',
    });
    const text = await bodyText(response);
    if (response.ok) {
      result.textContent = `Published: id ${text}`;
    } else {
      result.textContent = `Refused: ${response.status} ${text}`;
      result.className = 'failed';
    }
  } catch (error) {
    result.textContent = `Publishing failed: ${error.message}`;
    result.className = 'failed';
  }
}

// ---------------------------------------------------------------- wiring

document.addEventListener('DOMContentLoaded', () => {
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('admin-token').value.trim();
    setTokenMessage('');
    connect(token);
  });
  $('disconnect').addEventListener('click', () => disconnect(true));
  $('subscribe-form').addEventListener('submit', (e) => {
    e.preventDefault();
    subscribe();
  });
  $('unsubscribe').addEventListener('click', unsubscribe);
  $('clear-events').addEventListener('click', () => $('events').replaceChildren());
  $('publish-form').addEventListener('submit', (e) => {
    e.preventDefault();
    publish();
  });
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    $('admin-token').value = saved;
    connect(saved);
  }
});
