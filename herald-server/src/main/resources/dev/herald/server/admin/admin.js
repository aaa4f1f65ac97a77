// Herald admin console: live figures from /admin/live, and the page's wiring (loaded last).
'use strict';

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
