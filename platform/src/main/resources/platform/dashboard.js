// PeerMarket dashboard: public market data only (no token), refreshed on WebSocket events and every 5 s.
'use strict';
const $ = (id) => document.getElementById(id);
const fmt = (x, d) => (x === null || x === undefined) ? '' : Number(x).toFixed(d);
let market = new URLSearchParams(location.search).get('market');

async function get(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}

function rows(table, data, cells) {
  const body = $(table).querySelector('tbody');
  body.replaceChildren(...data.map((d) => {
    const tr = document.createElement('tr');
    for (const [text, cls] of cells(d)) {
      const td = document.createElement('td');
      if (text instanceof Node) td.append(text); else td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }));
}

function chart(results) {
  const svg = $('chart');
  const pts = results.filter((r) => r.price !== null && r.price !== undefined);
  svg.replaceChildren();
  if (pts.length === 0) return;
  const prices = pts.map((r) => Number(r.price));
  const lo = Math.min(...prices), hi = Math.max(...prices);
  const span = hi - lo || 1, n = Math.max(...pts.map((r) => r.period)) || 1;
  const xy = pts.map((r) => [10 + 380 * r.period / n, 150 - 140 * (Number(r.price) - lo) / span]);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', xy.map((p) => p.join(',')).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#4a78c2');
  line.setAttribute('stroke-width', '2');
  svg.append(line);
  for (const [x, y] of xy) {
    const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    c.setAttribute('cx', x); c.setAttribute('cy', y); c.setAttribute('r', 3); c.setAttribute('fill', '#4a78c2');
    svg.append(c);
  }
}

function bar(occupancy) {
  const span = document.createElement('span');
  const b = document.createElement('span');
  b.className = 'bar' + (occupancy > 1 ? ' over' : '');
  b.style.width = Math.min(100, 100 * occupancy) + 'px';
  span.append(b, ' ' + fmt(100 * occupancy, 1) + ' %');
  return span;
}

async function refresh() {
  const markets = await get('/api/markets');
  const select = $('market');
  if (select.options.length !== markets.length) {
    select.replaceChildren(...markets.map((m) => new Option(m.id + ' (' + m.mechanism + ')', m.id)));
  }
  if (!market && markets.length > 0) market = markets[0].id;
  if (!market) { $('status').textContent = 'no market yet'; document.body.dataset.ready = '1'; return; }
  select.value = market;
  const m = encodeURIComponent(market);
  const [book, trades, results, grid] = await Promise.all([
    get('/api/markets/' + m + '/book'), get('/api/markets/' + m + '/trades?limit=20'),
    get('/api/markets/' + m + '/results'), get('/api/markets/' + m + '/grid')]);
  $('book-period').textContent = book.period >= 0 ? '(period ' + book.period + ')' : '(no open period)';
  rows('book', [...book.asks.slice().reverse().map((l) => ['ask', l]), ...book.bids.map((l) => ['bid', l])],
    ([side, [price, q]]) => [[side, side], [fmt(price, 4), side], [fmt(q, 3)]]);
  rows('trades', trades, (t) => [[String(t.period)], [fmt(t.price, 4)], [fmt(t.quantity, 3)], [t.time.substring(11, 19)]]);
  rows('results', results, (r) => [[String(r.period)], [r.status], [fmt(r.price, 4)], [fmt(r.volume, 3)]]);
  chart(results);
  const withCapacity = grid.filter((g) => g.capacity !== null && g.capacity !== undefined);
  $('grid-section').hidden = withCapacity.length === 0;
  $('grid-period').textContent = withCapacity.length && withCapacity[0].period >= 0 ? '(period ' + withCapacity[0].period + ')' : '';
  rows('grid', withCapacity, (g) => [[g.bus], [fmt(g.injection, 3)], [fmt(g.capacity, 3)], [g.occupancy === null ? '' : bar(g.occupancy)]]);
  $('status').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC';
  document.body.dataset.ready = '1';
}

function connect() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.onmessage = () => refresh().catch(show);
  ws.onclose = () => setTimeout(connect, 3000);
}

function show(e) {
  $('status').textContent = 'error: ' + e.message;
  document.body.dataset.ready = 'error';
}

$('market').addEventListener('change', (e) => {
  market = e.target.value;
  history.replaceState(null, '', '?market=' + encodeURIComponent(market));
  refresh().catch(show);
});
refresh().catch(show);
connect();
setInterval(() => refresh().catch(show), 5000);
