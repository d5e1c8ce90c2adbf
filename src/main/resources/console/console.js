// dockcount console: polls the JSON API and redraws the current view; no page reload.
// Text from the server is always set as text (never as HTML).
'use strict';

const POLL_MS = 2000;
const state = { user: null, csrf: null, openView: false, reasonCodes: [], view: 'overview',
  zone: null, timer: null, drawn: {} };

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c === null || c === undefined ? '' : c);
  return e;
}

/** A money figure for a chart's axis: grouped, two decimals (the figures themselves are exact). */
function axisMoney(n) {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function svg(tag, attrs, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// A GET sends the tag of the answer the page last drew for that path: the service answers 304,
// without the data, when nothing changed, and the caller then leaves the page as it is.
async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (state.csrf) headers['X-CSRF-Token'] = state.csrf;
  } else if (state.drawn[path]) {
    headers['If-None-Match'] = state.drawn[path];
  }
  const r = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 304) return { status: 304, data: null };
  if (method === 'GET') {
    if (r.status === 200 && r.headers.get('ETag')) state.drawn[path] = r.headers.get('ETag');
    else delete state.drawn[path];
  }
  let data = {};
  try { data = await r.json(); } catch (e) { data = { error: 'HTTP ' + r.status }; }
  return { status: r.status, data };
}

// "1 recount open", "2 recounts open": a count with its noun, the noun as many as it says.
function count(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return '';
  if (seconds < 60) return seconds + 's';
  if (seconds < 3600) return Math.floor(seconds / 60) + 'm';
  return Math.floor(seconds / 3600) + 'h ' + Math.floor((seconds % 3600) / 60) + 'm';
}

/** A count round as supervisors say it (CountRound.label): the first count, recount 1, ... */
function roundLabel(round) {
  return round > 0 ? 'recount ' + round : 'first count';
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

// ---- session ------------------------------------------------------------------------------

async function loadSession() {
  const r = await api('GET', '/api/session');
  state.user = r.data.user; state.csrf = r.data.csrf; state.openView = r.data.openView;
  state.reasonCodes = r.data.reasonCodes || [];
  $('user-name').textContent = state.user ? state.user : (state.openView ? 'viewing' : '');
  $('logout').hidden = !state.user;
  $('show-login').hidden = !!state.user || !state.openView;
  $('login').hidden = !!state.user || state.openView;
  document.body.classList.toggle('can-act', !!state.user);
}

async function login(ev) {
  ev.preventDefault();
  const r = await api('POST', '/api/login',
    { user: $('login-user').value, password: $('login-password').value });
  $('login-password').value = '';
  if (r.status !== 200) {
    $('login-error').textContent = r.data.error || ('HTTP ' + r.status);
    return;
  }
  $('login-error').textContent = '';
  await loadSession();
  route();
}

async function logout() {
  await api('POST', '/api/logout');
  await loadSession();
  route();
}

// ---- views --------------------------------------------------------------------------------

function show(view) {
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + view;
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.dataset.view === view);
  }
}

async function refresh() {
  if (!state.user && !state.openView) { show('none'); return; }
  try {
    if (state.view === 'overview') await drawOverview();
    else if (state.view === 'recounts') await drawRecounts();
    else if (state.view === 'zone') await drawZone();
    else if (state.view === 'stations') await drawStations();
    else if (state.view === 'actions') await drawActions();
    $('status-line').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    $('status-line').textContent = 'no answer from the service: ' + e;
  }
}

function unauthorized(r) {
  if (r.status === 401) { loadSession(); return true; }
  return false;
}

async function drawOverview() {
  const r = await api('GET', '/api/overview');
  if (unauthorized(r) || r.status === 304) return;
  const d = r.data;
  if (r.status !== 200) {
    // The service could not build the overview (a failed store, say): its reason in full.
    $('restored').hidden = false;
    $('restored').textContent = d.error || ('HTTP ' + r.status);
    return;
  }
  const s = d.snapshot;
  $('snapshot').textContent = s ? 'Book snapshot ' + s.id + ' from ' + s.source + ': '
    + count(s.lines, 'line', 'lines') + ', loaded ' + age(s.ageSeconds) + ' ago'
    : 'No book snapshot';
  const w = d.wms;
  $('wms').hidden = !w;
  if (w) {
    const lines = w.sources.map(x => (x.ok ? '' : 'PROBLEM: ') + 'WMS ' + x.source + ': '
      + x.detail + ' (' + x.at + ')');
    if (w.export) {
      lines.push(w.export.failure ? 'PROBLEM: WMS export failed: ' + w.export.failure
        : w.export.refused.length ? 'PROBLEM: the WMS refused ' + w.export.refused.length
          + ' item group(s) of the export; the others were sent'
        : 'WMS export ok (' + w.export.at + ')');
    }
    Object.keys(w.stale).forEach(z => lines.push('PROBLEM: zone ' + z
      + '\u2019s WMS book is stale'));
    (w.absent || []).forEach(x => lines.push((x.kept ? 'PROBLEM: ' : '') + 'WMS ' + x.detail));
    $('wms').textContent = lines.join('\n');
    $('wms').className = lines.some(l => l.startsWith('PROBLEM')) ? 'error wms' : 'muted wms';
  }
  const restored = d.store && d.store.restoredFrom;
  const failed = d.store && d.store.writeFailure;
  const givenUp = d.givenUp;
  const held = d.heldBack;
  $('restored').hidden = !restored && !failed && !givenUp && !held;
  $('restored').textContent = (failed ? failed + '. Stations show red for every scan. ' : '')
    + (restored ? 'The database would not open at start and was '
    + 'restored from backup ' + restored + ': counts recorded after that backup are lost. '
    + 'Count again what was counted since. ' : '')
    + (givenUp ? givenUp.count + ' message(s) given up in the last 24 h, the latest a '
    + givenUp.kind + ' ' + givenUp.channel + ' to ' + givenUp.recipient + ' (zone '
    + givenUp.zone + ') at ' + givenUp.at + ': ' + givenUp.error
    + '. Re-send what still matters from the recount queue.' : '')
    + (held ? ' ' + held.count + ' variance SMS held back by the SMS limit wait for their '
    + 'zone\u2019s digest, the latest a ' + held.kind + ' at ' + held.location + ' (zone '
    + held.zone + ') to ' + held.recipient + ' at ' + held.at + '.' : '');
  const cards = d.zones.map(z => {
    const pct = z.locations ? Math.round(100 * z.counted / z.locations) : 0;
    const bar = el('div');
    bar.style.width = pct + '%';
    return el('div', { class: 'zone-card', 'data-zone': z.zone },
      el('h3', {}, el('a', { href: '#zone/' + encodeURIComponent(z.zone) }, 'Zone ' + z.zone)),
      el('div', { class: 'progress', title: pct + '%' }, bar),
      el('div', { class: 'figures' },
        el('span', { class: 'counted' }, z.counted + ' of '
          + count(z.locations, 'location', 'locations')),
        el('span', { class: 'recounts' }, count(z.recountsOpen, 'recount open',
          'recounts open'))),
      el('div', { class: 'figures' },
        el('span', { class: 'variance' }, 'variance ' + zoneValue(z)),
        el('span', { class: 'muted' }, z.started + ' being counted, '
          + count(z.recountsUnderWay || 0, 'recount', 'recounts')
          + ' under way (provisional)')),
      el('div', { class: 'figures muted zone-book' }, zoneBook(z)));
  });
  $('zones').replaceChildren(...cards);
  drawZoneChart(d.zones);
  drawHistoryChart(d.history);
}

// A run whose variances all lack a value has none (null): unknown, never 0.00.
function zoneValue(z) {
  const lines = z.linesWithoutValue + (z.linesWithoutValue === 1 ? ' line' : ' lines');
  if (z.absValue === null) {
    return !z.lastRun ? '-' : 'unknown (' + lines + ' not valued)';
  }
  return z.absValue + (z.linesWithoutValue ? ' (+' + lines + ' not valued)' : '');
}

// Which book a zone's figures were reconciled against, and when: a delivery may bring some
// zones only, and a book that came after the last run is not in its figures yet.
function zoneBook(z) {
  const name = s => 'snapshot ' + s.id + (s.source ? ' (' + s.source + ', loaded ' + s.loaded
    + ')' : '');
  // A snapshot that only carried this zone's book over is named with the delivery that
  // brought it, not the other zones' delivery that made it.
  const book = !z.book ? 'No book snapshot' : z.bookFrom ? 'Book snapshot ' + z.book.id
    + ', its lines for this zone from ' + name(z.bookFrom) : 'Book ' + name(z.book);
  if (!z.lastRun) return book + '; not reconciled yet';
  const run = z.lastRunSnapshot;
  if (!run) return book + '; last reconciled ' + z.lastRun + ' against no book snapshot';
  if (z.book && z.book.id === run.id) return book + '; last reconciled ' + z.lastRun
    + ' against it';
  return book + '; last reconciled ' + z.lastRun + ' against ' + name(run)
    + ', not the snapshot in force: its next run compares with that';
}

function drawZoneChart(zones) {
  const chart = $('chart-zones');
  const values = zones.map(z => Number(z.absValue || 0));
  const max = Math.max(1, ...values);
  const h = Math.min(60, Math.max(20, Math.floor(180 / Math.max(1, zones.length))));
  const parts = [];
  zones.forEach((z, i) => {
    const w = Math.round(260 * values[i] / max);
    parts.push(svg('text', { x: 0, y: i * h + h / 2 + 4 }, z.zone));
    parts.push(svg('rect', { x: 60, y: i * h + 3, width: w, height: h - 6, fill: '#3a78c3' }));
    parts.push(svg('text', { x: 66 + w, y: i * h + h / 2 + 4 },
      z.absValue !== null ? z.absValue : z.lastRun ? 'unknown' : 'no run yet'));
  });
  chart.setAttribute('viewBox', '0 0 400 ' + Math.max(40, zones.length * h));
  chart.replaceChildren(...parts);
}

function drawHistoryChart(history) {
  const chart = $('chart-history');
  const colors = ['#3a78c3', '#b26a00', '#2e7d4f', '#b3261e', '#6a4fb3', '#1d8a8a'];
  const byZone = {};
  // A run of unknown value has no point: at 0 it would read as nothing at stake.
  const ran = history.length > 0;
  history = history.filter(p => p.absValue !== null);
  for (const p of history) (byZone[p.zone] = byZone[p.zone] || []).push(p);
  const times = history.map(p => Date.parse(p.at));
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const max = Math.max(1, ...history.map(p => Number(p.absValue)));
  const x = t => 40 + (t1 > t0 ? 350 * (t - t0) / (t1 - t0) : 175);
  const y = v => 180 - 160 * v / max;
  const parts = [svg('line', { x1: 40, y1: 180, x2: 390, y2: 180, stroke: '#5d6b78' }),
    svg('text', { x: 0, y: 24 }, axisMoney(max)), svg('text', { x: 0, y: 184 }, '0')];
  Object.keys(byZone).sort().forEach((zone, i) => {
    const color = colors[i % colors.length];
    const pts = byZone[zone].map(p => x(Date.parse(p.at)).toFixed(1) + ','
      + y(Number(p.absValue)).toFixed(1)).join(' ');
    parts.push(svg('polyline', { points: pts, fill: 'none', stroke: color, 'stroke-width': 2 }));
    for (const p of byZone[zone]) {
      parts.push(svg('circle', { cx: x(Date.parse(p.at)).toFixed(1),
        cy: y(Number(p.absValue)).toFixed(1), r: 3, fill: color }));
    }
    parts.push(svg('text', { x: 45 + 60 * i, y: 198, fill: color }, zone));
  });
  if (!history.length) {
    parts.push(svg('text', { x: 120, y: 100 }, ran ? 'no run of known value yet' : 'no run yet'));
  }
  chart.replaceChildren(...parts);
}

async function drawRecounts() {
  const r = await api('GET', '/api/recounts');
  if (unauthorized(r) || r.status === 304) return;
  // Each task's actions go on a row of their own, so the table fits an upright tablet.
  const rows = r.data.tasks.flatMap(t => [el('tr', { 'data-task': t.id },
    el('td', {}, t.zone), el('td', {}, t.aisle), el('td', {}, t.bay), el('td', {}, t.level),
    el('td', {}, t.location), el('td', {}, t.sku), el('td', { class: 'num' }, t.book),
    el('td', { class: 'num' }, t.counted), el('td', { class: 'num' }, t.variance),
    el('td', { class: 'num' }, valueText(t)),
    el('td', { class: 'wrap' }, t.reason), el('td', {}, age(t.ageSeconds))),
    ...(state.user ? [el('tr', { class: 'task-actions' },
      el('td', { colSpan: 12 }, taskActions(t)))] : [])]);
  fill($('recount-table').tBodies[0], rows);
  $('recounts-empty').hidden = r.data.tasks.length > 0;
}

/**
 * A task's value, or why it has none (kept short for a tablet): "no cost" only for a SKU
 * without one (missing_cost); a line nobody counted, or one whose book is unknown or changed,
 * has no variance to value, whatever the SKU costs; a dash for any other reason.
 */
function valueText(t) {
  if (t.value !== null) return t.value;
  const flags = (t.flags || '').split('|');
  if (flags.includes('missing_cost')) return 'no cost';
  if (flags.includes('book_changed')) return 'book changed';
  if (flags.includes('book_rows_rejected')) return 'book unknown';
  if (t.lineStatus === 'missing') return 'not counted';
  return '\u2014';
}

function taskActions(t) {
  const reason = el('select', { 'aria-label': 'reason code' },
    ...state.reasonCodes.map(c => el('option', { value: c }, c)));
  const out = el('span', { class: 'result' });
  const act = async (method, path, body) => {
    const r = await api(method, path, body);
    out.textContent = r.status === 200 ? (r.data.note ? 'done: ' + r.data.note : 'done')
      : (r.data.error || ('HTTP ' + r.status));
    if (r.status === 200) refresh();
  };
  const loc = encodeURIComponent(t.location);
  const accept = el('button', { type: 'button', disabled: !t.canAccept }, 'Accept');
  accept.addEventListener('click', () =>
    act('POST', '/api/locations/' + loc + '/accept', { reason: reason.value }));
  const back = el('button', { type: 'button', disabled: !t.canSendBack }, 'Send back');
  back.addEventListener('click', () =>
    act('POST', '/api/locations/' + loc + '/send-back', { reason: reason.value }));
  const resend = el('button', { type: 'button' }, 'Re-send alert');
  resend.addEventListener('click', () => act('POST', '/api/tasks/' + t.id + '/resend'));
  return el('span', {}, reason, ' ', accept, ' ', back, ' ', resend, ' ', out);
}

async function drawZone() {
  const r = await api('GET', '/api/zones/' + encodeURIComponent(state.zone));
  if (unauthorized(r) || r.status === 304) return;
  if (r.status !== 200) { $('zone-summary').textContent = r.data.error; return; }
  const d = r.data;
  $('zone-name').textContent = d.zone;
  const counted = d.locations.filter(l => l.state !== 'OPEN' && l.state !== 'NOT_COUNTED'
    && l.state !== 'NOT_STARTED').length;
  const missing = d.lines.filter(l => l.status === 'missing').length;
  $('zone-summary').textContent = counted + ' of '
    + count(d.locations.length, 'location', 'locations') + ' counted; '
    + count(d.recountsOpen, 'recount open', 'recounts open') + '; '
    + count(d.runs, 'run', 'runs') + ' since start; '
    + count(missing, 'missing line', 'missing lines') + '. ' + zoneBook(d) + '.';
  $('close-zone').hidden = !state.user;
  fill($('zone-locations').tBodies[0], d.locations.map(l => el('tr',
    { 'data-location': l.location },
    el('td', {}, l.location), el('td', {}, l.aisle), el('td', {}, l.bay), el('td', {}, l.level),
    el('td', { class: 'state-' + l.state }, l.state
      + (l.recountUnderWay ? ' (recount under way: provisional)' : ''), ' ', confirmButton(l)),
    el('td', {}, roundLabel(l.round)),
    el('td', { class: 'num' }, l.counts + (l.earlierCounts ? ' (+' + l.earlierCounts
      + ' of earlier counts)' : '')),
    el('td', { class: 'num' }, l.bookLines))));
  fill($('zone-lines').tBodies[0], d.lines.map(l => el('tr', { class: l.status,
      'data-status': l.status }, el('td', {}, l.location), el('td', {}, l.sku),
    el('td', {}, l.status), el('td', { class: 'num' }, l.book),
    el('td', { class: 'num' }, l.counted), el('td', { class: 'num' }, l.variance),
    el('td', { class: 'num' }, l.value),
    el('td', { class: 'wrap' }, (l.flags || '').split('|').join(' ')),
    el('td', { class: 'wrap' }, l.reason))));
}

// Inventory control confirms a resolved location: its adjustments then go to the WMS.
function confirmButton(l) {
  if (!state.user || l.state !== 'RESOLVED') return '';
  const b = el('button', { type: 'button' }, 'Confirm');
  b.addEventListener('click', async () => {
    const r = await api('POST', '/api/locations/' + encodeURIComponent(l.location) + '/confirm');
    $('zone-result').textContent = r.status === 200
      ? 'confirmed ' + l.location + (r.data.already ? ': ' + r.data.note : '')
      : (r.data.error || ('HTTP ' + r.status));
    refresh();
  });
  return b;
}

async function closeZone() {
  $('close-zone-confirm').hidden = true;
  $('zone-result').textContent = 'closing...';
  const r = await api('POST', '/api/zones/' + encodeURIComponent(state.zone) + '/close');
  $('zone-result').textContent = r.status === 200
    ? 'closed ' + count(r.data.closed.length, 'location', 'locations') + '; '
      + count(r.data.missing, 'missing line', 'missing lines')
      + (r.data.stillCounting.length ? '; still counting: '
        + r.data.stillCounting.map(s => s.location + ' (' + s.why + ')').join('; ') : '')
    : (r.data.error || ('HTTP ' + r.status));
  refresh();
}

async function drawStations() {
  const r = await api('GET', '/api/stations');
  if (unauthorized(r) || r.status === 304) return;
  fill($('station-table').tBodies[0], r.data.map(s => el('tr', { class: s.quiet ? 'quiet' : '' },
    el('td', {}, s.station),
    el('td', {}, s.connected === null ? 'unknown' : (s.connected ? 'yes' : 'NO')),
    el('td', {}, s.counter || ''), el('td', {}, s.location || ''),
    el('td', { class: 'num' }, s.scans), el('td', { class: 'num' }, s.perMinute),
    el('td', {}, (s.lastScan || 'never') + (s.quiet ? ' (quiet)' : '')))));
}

async function drawActions() {
  const r = await api('GET', '/api/actions');
  if (unauthorized(r) || r.status === 304) return;
  fill($('action-table').tBodies[0], r.data.map(a => el('tr', {},
    el('td', {}, a.at), el('td', {}, a.who + ' (' + a.via.toLowerCase() + ')'),
    el('td', {}, a.action), el('td', {}, a.target), el('td', {}, a.reason || ''),
    el('td', {}, a.outcome))));
}

// ---- routing ------------------------------------------------------------------------------

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || 'overview';
  if (hash.startsWith('zone/')) { state.view = 'zone'; state.zone = hash.substring(5); }
  else state.view = hash;
  $('close-zone-confirm').hidden = true;
  $('zone-result').textContent = '';
  state.drawn = {}; // the view shown may hold another zone's or an older answer: draw afresh
  show(state.user || state.openView ? state.view : 'none');
  refresh();
}

window.addEventListener('DOMContentLoaded', async () => {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('show-login').addEventListener('click', () => { $('login').hidden = false; });
  $('close-zone').addEventListener('click', () => { $('close-zone-confirm').hidden = false; });
  $('close-zone-confirm').addEventListener('click', closeZone);
  window.addEventListener('hashchange', route);
  await loadSession();
  route();
  state.timer = setInterval(refresh, POLL_MS);
});
