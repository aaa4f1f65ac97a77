// Herald admin console, shared parts (loaded first): no framework and nothing from elsewhere, the
// page talks to the hub that served it. EventSource cannot send an Authorization header, so streams
// are read with fetch() and parsed here. The other scripts: chart.js, debugger.js, admin.js (last).
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

