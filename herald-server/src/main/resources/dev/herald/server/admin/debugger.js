// Herald admin console: the debugger, subscribing and publishing with pasted tokens as any client would.
'use strict';

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

