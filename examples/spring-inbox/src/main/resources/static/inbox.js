// The signed-in user's inbox, live. The hub runs inside this application (/.well-known/mercure);
// the session cookie is all the EventSource needs: the application tells Herald who is signed in.
'use strict';

const byId = (id) => document.getElementById(id);
const state = {
  user: null,
  topic: null,
  source: null,
  lastEventId: null,     // the last update received: where a reconnect resumes
  listLoaded: false,
  notifications: new Map(), // id -> notification, from the list and from live updates
  received: 0,           // live updates received (the browser test reads it)
};
window.inbox = state;

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
}

async function api(method, path, body) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': csrfToken() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    location.assign('/login');
    throw new Error('signed out');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${response.status} ${response.statusText}`);
  }
  return response.status === 204 ? null : response.json();
}

function setStatus(text) {
  byId('status').textContent = text;
}

/**
 * Subscribes first, then loads the list: whatever is committed before the list is read is in it,
 * whatever after arrives live; both are merged by notification id. After being offline, the
 * subscription resumes from the last update received, and the hub's history fills the gap.
 */
function connect() {
  const url = new URL('/.well-known/mercure', location.href);
  url.searchParams.append('topic', state.topic);
  if (state.lastEventId) url.searchParams.set('lastEventID', state.lastEventId);
  const source = new EventSource(url);
  state.source = source;
  source.onopen = () => {
    setStatus('live');
    if (!state.listLoaded) loadList();
  };
  source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting');
  source.onmessage = (event) => {
    state.lastEventId = event.lastEventId;
    state.received += 1;
    const n = JSON.parse(event.data);
    state.notifications.set(n.id, n);
    render();
  };
  source.addEventListener('read', (event) => {
    state.lastEventId = event.lastEventId;
    const change = JSON.parse(event.data);
    for (const n of state.notifications.values()) {
      if (change.all || change.ids.includes(n.id)) n.read = true;
    }
    render();
  });
}

async function loadList() {
  state.listLoaded = true;
  const inbox = await api('GET', '/api/notifications');
  for (const n of inbox.notifications) {
    const live = state.notifications.get(n.id);
    state.notifications.set(n.id, live && live.read ? live : n);
  }
  render();
}

function render() {
  const list = [...state.notifications.values()].sort((a, b) => b.id - a.id);
  const unread = list.filter((n) => !n.read).length;
  const badge = byId('unread');
  badge.textContent = String(unread);
  badge.classList.toggle('zero', unread === 0);
  document.title = unread ? `(${unread}) Inbox` : 'Inbox';
  byId('empty').hidden = list.length > 0;
  byId('notifications').replaceChildren(...list.map(item));
}

function item(n) {
  const li = document.createElement('li');
  li.className = n.read ? 'read' : 'unread';
  li.dataset.id = n.id;
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `from ${n.from} · ${new Date(n.createdAt).toLocaleString()}`;
  const text = document.createElement('div');
  text.className = 'text';
  text.textContent = n.text; // text, never markup: a notification cannot inject anything
  if (!n.read) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Mark read';
    button.addEventListener('click', () => api('POST', `/api/notifications/${n.id}/read`).catch(showError));
    li.append(button);
  }
  li.append(meta, text);
  return li;
}

function showError(error) {
  byId('send-result').textContent = error.message;
}

async function start() {
  const me = await api('GET', '/api/me');
  state.user = me.user;
  state.topic = me.topic;
  byId('user').textContent = me.user;
  byId('to').replaceChildren(...me.users.map((name) => new Option(name, name)));
  byId('logout-csrf').value = csrfToken();
  byId('send').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = byId('text');
    try {
      await api('POST', '/api/notifications', { user: byId('to').value, text: text.value });
      byId('send-result').textContent = `sent to ${byId('to').value}`;
      text.value = '';
    } catch (error) {
      showError(error);
    }
  });
  byId('read-all').addEventListener('click', () => api('POST', '/api/notifications/read').catch(showError));
  window.addEventListener('offline', () => {
    state.source.close();
    setStatus('offline');
  });
  window.addEventListener('online', connect);
  connect();
}

start().catch((error) => setStatus(`error: ${error.message}`));
