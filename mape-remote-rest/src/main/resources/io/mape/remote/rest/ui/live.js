// The live page: draws GET /topology in PyMAPE's graphical notation (loops as dashed boxes in their level's band;
// elements with their kind letter, start behaviour icon top-left, port in on the left and port out on the right;
// solid links inside the App, dashed links to the transports' channels) and follows GET /events.
'use strict';
(function () {
  const NS = 'http://www.w3.org/2000/svg';
  const KIND_ORDER = ['monitor', 'analyze', 'plan', 'execute'];
  const LETTER = { monitor: 'M', analyze: 'A', plan: 'P', execute: 'E' };
  const START_TITLE = { manual: 'manual start', on_subscribe: 'start on subscribe', on_creation: 'start on creation' };
  const EW = 184, EH = 92, COL = 244, ROW = 122, PAD = 18, LOOP_GAP = 28, MAX_WIDTH = 1500;
  const CW = 250, CH = 40;
  const svg = document.getElementById('topology');
  const status = document.getElementById('status');
  const errorBox = document.getElementById('error');
  let drawn = new Set();
  let edges = [];
  let loading = false;

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  async function load() {
    if (loading) return;
    loading = true;
    try {
      const r = await fetch('/topology', { credentials: 'same-origin' });
      const body = await r.json();
      if (!r.ok) { showError(body.error || ('GET /topology: ' + r.status)); return; }
      showError('');
      draw(body);
    } catch (e) {
      showError('GET /topology failed: ' + e);
    } finally {
      loading = false;
    }
  }

  /** Loops grouped into bands: one per level, then one for loops in no level. */
  function bands(t) {
    const byUid = new Map(t.loops.map(l => [l.uid, l]));
    const out = t.levels.map(lv => ({ title: 'level ' + lv.uid, loops: lv.loops.map(u => byUid.get(u)).filter(Boolean) }));
    const free = t.loops.filter(l => !l.level);
    if (free.length) out.push({ title: t.levels.length ? 'no level' : '', loops: free });
    return out.filter(b => b.loops.length);
  }

  /** Columns by kind (only the kinds present), elements of one kind stacked. */
  function layoutLoop(loop) {
    const kinds = KIND_ORDER.filter(k => loop.elements.some(e => e.kind === k));
    const pos = new Map();
    let rows = 0;
    kinds.forEach((k, c) => {
      loop.elements.filter(e => e.kind === k).forEach((e, r) => {
        pos.set(e.id, { x: PAD + c * COL, y: 34 + r * ROW });
        rows = Math.max(rows, r + 1);
      });
    });
    return { pos, w: Math.max(1, kinds.length) * COL - (COL - EW) + 2 * PAD, h: 34 + Math.max(1, rows) * ROW - (ROW - EH) + PAD + 14 };
  }

  function draw(t) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const defs = el('defs', {}, svg);
    for (const [id, cls] of [['arrow', 'arrow'], ['arrow-remote', 'arrow remote']]) {
      const m = el('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' }, defs);
      el('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }, m);
    }
    const linkLayer = el('g', { class: 'links' });
    const ports = new Map(); // id -> {inX, inY, outX, outY}
    drawn = new Set();
    const sources = t.channels.filter(c => c.direction === 'source');
    const sinks = t.channels.filter(c => c.direction !== 'source');
    const left = sources.length ? CW + 80 : 0;
    // room above the loops for the remote links that bend over them
    const y0 = t.channels.length ? 64 : 8;
    let y = y0, width = 0;
    for (const band of bands(t)) {
      const g = el('g', { class: 'level' }, svg);
      const bg = el('rect', { x: left, y, rx: 6 }, g);
      if (band.title) el('text', { x: left + 10, y: y + 18 }, g, band.title);
      let x = left + 12, rowY = y + (band.title ? 28 : 10), rowH = 0, bandW = 0;
      for (const loop of band.loops) {
        const lay = layoutLoop(loop);
        if (x > left + 12 && x + lay.w > left + MAX_WIDTH) { x = left + 12; rowY += rowH + LOOP_GAP; rowH = 0; }
        drawLoop(loop, lay, x, rowY, ports);
        x += lay.w + LOOP_GAP;
        rowH = Math.max(rowH, lay.h);
        bandW = Math.max(bandW, x - left);
      }
      const bandH = rowY + rowH + 10 - y;
      bg.setAttribute('width', bandW); bg.setAttribute('height', bandH);
      width = Math.max(width, left + bandW);
      y += bandH + 12;
    }
    // the transports' channels: sources in a column to the left, sinks to the right
    const column = (list, cx) => list.forEach((c, i) => {
      const cy = y0 + 12 + i * (CH + 22);
      const g = el('g', { class: 'channel ' + c.direction, 'data-channel': c.id }, svg);
      el('title', {}, g, c.direction + ' ' + c.channel + ' on ' + c.transport);
      el('polygon', { points: `${cx + 12},${cy} ${cx + CW},${cy} ${cx + CW - 12},${cy + CH} ${cx},${cy + CH}` }, g);
      const name = (c.direction === 'sink' ? 'sink → ' : 'source ← ') + c.channel;
      el('text', { x: cx + 18, y: cy + 16, class: 'name' }, g, name.length > 34 ? name.slice(0, 33) + '…' : name);
      el('text', { x: cx + 18, y: cy + 31, class: 'tr' }, g, c.transport.length > 38 ? c.transport.slice(0, 37) + '…' : c.transport);
      ports.set(c.id, { inX: cx, inY: cy + CH / 2, outX: cx + CW, outY: cy + CH / 2 });
      drawn.add(c.id);
    });
    column(sources, 10);
    const cx = width + 90;
    column(sinks, cx);
    if (sinks.length) width = cx + CW + 10;
    const height = Math.max(y, y0 + 12 + Math.max(sources.length, sinks.length) * (CH + 22));
    svg.appendChild(linkLayer);
    edges = [];
    for (const l of t.links) {
      const a = ports.get(l.from), b = ports.get(l.to);
      if (!a || !b) continue;
      const g = el('g', { class: 'edge', 'data-from': l.from, 'data-to': l.to }, linkLayer);
      const x1 = a.outX, y1 = a.outY, x2 = b.inX, y2 = b.inY;
      const dx = Math.max(40, Math.abs(x2 - x1) / 2);
      // a link past the next column in one row bends below the elements between
      const under = !l.remote && Math.abs(y1 - y2) < 5 && x2 - x1 > COL + 20 ? EH * 0.95 : 0;
      // a remote link that spans elements bends above them
      const top = l.remote && x2 - x1 > COL + 20 ? Math.min(y1, y2) - EH * 0.9 : null;
      const d = under ? `M${x1},${y1} C${x1 + 50},${y1 + under} ${x2 - 50},${y2 + under} ${x2},${y2}`
        : top !== null ? `M${x1},${y1} C${x1 + 80},${top} ${x2 - 80},${top} ${x2},${y2}`
        : `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
      el('path', { d, class: 'link' + (l.remote ? ' remote' : ''),
        'marker-end': l.remote ? 'url(#arrow-remote)' : 'url(#arrow)' }, g);
      const mx = (x1 + x2) / 2, my = top !== null ? 0.75 * top + 0.125 * (y1 + y2) - 6 : (y1 + y2) / 2 - 6 + under * 0.72;
      const rate = el('text', { x: mx, y: my, 'text-anchor': 'middle', class: 'rate' }, g, '');
      const drops = el('text', { x: mx, y: my + 24, 'text-anchor': 'middle', class: 'drops' }, g, '');
      edges.push({ from: l.from, to: l.to, rate, drops });
    }
    svg.setAttribute('width', width + 20);
    svg.setAttribute('height', height + 10);
    svg.setAttribute('viewBox', `0 0 ${width + 20} ${height + 10}`);
  }

  function drawLoop(loop, lay, x0, y0, ports) {
    const g = el('g', { class: 'loop', 'data-loop': loop.uid, transform: `translate(${x0},${y0})` }, svg);
    el('rect', { x: 0, y: 0, width: lay.w, height: lay.h, rx: 12 }, g);
    el('text', { x: 12, y: 20 }, g, 'loop ' + loop.uid + (loop.paused ? ' (paused)' : '') + (loop.dryRun ? ' (dry run)' : ''));
    for (const e of loop.elements) {
      const p = lay.pos.get(e.id);
      drawElement(g, e, p.x, p.y);
      ports.set(e.id, { inX: x0 + p.x - 6, inY: y0 + p.y + EH / 2, outX: x0 + p.x + EW + 6, outY: y0 + p.y + EH / 2 });
      drawn.add(e.id);
    }
  }

  function drawElement(parent, e, x, y) {
    const g = el('g', { class: 'element ' + e.kind + (e.running ? ' running' : ' stopped') + (e.stats.failure ? ' failed' : ''),
      'data-element': e.id, transform: `translate(${x},${y})` }, parent);
    el('title', {}, g, `${e.id}: ${e.kind}, ${START_TITLE[e.startBehaviour]}; in ${e.inputType}, out ${e.outputType}`
      + (e.stats.failure ? '; failed: ' + e.stats.failure : ''));
    el('rect', { class: 'body', x: 0, y: 0, width: EW, height: EH, rx: 10 }, g);
    const s = startIcon(g, e.startBehaviour, 8, 6);
    el('title', {}, s, START_TITLE[e.startBehaviour]);
    el('text', { class: 'kind', x: EW - 24, y: 26 }, g, LETTER[e.kind]);
    el('text', { class: 'uid', x: 28, y: 17 }, g, e.uid.length > 16 ? e.uid.slice(0, 15) + '…' : e.uid);
    el('text', { class: 'cls', x: 28, y: 31 }, g, e.className);
    el('text', { class: 'rates', x: 8, y: 50, 'data-rates': e.id }, g, 'in 0/s · out 0/s');
    el('text', { class: 'drops', x: 8, y: 64, 'data-drops': e.id }, g, '');
    // ports: in on the front (left), out on the back (right)
    el('rect', { class: 'port', x: -6, y: EH / 2 - 6, width: 12, height: 12 }, g);
    el('rect', { class: 'port', x: EW - 6, y: EH / 2 - 6, width: 12, height: 12 }, g);
    if (e.observers > 0) {
      // observers that are neither elements nor sinks (an Rx operator chain, a user's observer): not drawn as links
      const o = el('text', { class: 'obs', x: EW - 6, y: EH - 9, 'text-anchor': 'end', 'data-observers': e.id }, g,
        `+${e.observers} observer${e.observers > 1 ? 's' : ''}`);
      el('title', {}, o, 'port out also feeds observers that are neither elements nor sinks (operators, lambdas)');
    }
    button(g, e, 'start', 8, EH - 22);
    button(g, e, 'stop', 62, EH - 22);
  }

  /** PyMAPE's start behaviour icons, top-left: pause (manual), forward (on subscribe), play (on creation). */
  function startIcon(parent, behaviour, x, y) {
    const g = el('g', { class: 'start', 'data-start': behaviour, transform: `translate(${x},${y})` }, parent);
    if (behaviour === 'manual') {
      el('rect', { x: 1, y: 0, width: 3.5, height: 12 }, g);
      el('rect', { x: 7.5, y: 0, width: 3.5, height: 12 }, g);
    } else if (behaviour === 'on_subscribe') {
      el('path', { d: 'M0,0 L6,6 L0,12 z M6,0 L12,6 L6,12 z' }, g);
    } else {
      el('path', { d: 'M1,0 L11,6 L1,12 z' }, g);
    }
    return g;
  }

  function button(parent, e, action, x, y) {
    const b = el('g', { class: 'btn ' + action + (e.running === (action === 'start') ? ' inactive' : ''), role: 'button', tabindex: 0,
      'aria-label': action + ' ' + e.id, 'data-action': action, 'data-target': e.id, transform: `translate(${x},${y})` }, parent);
    el('rect', { width: 48, height: 17 }, b);
    el('text', { x: 24, y: 12.5, 'text-anchor': 'middle' }, b, action === 'start' ? '▶ start' : '■ stop');
    const go = () => control(e.id, action);
    b.addEventListener('click', go);
    b.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') go(); });
  }

  async function control(id, action) {
    const dot = id.indexOf('.');
    const url = `/loops/${encodeURIComponent(id.slice(0, dot))}/elements/${encodeURIComponent(id.slice(dot + 1))}/${action}`;
    try {
      const r = await fetch(url, { method: 'POST', credentials: 'same-origin' });
      const body = await r.json();
      if (!r.ok) { showError(`${action} ${id}: ${body.error || r.status}`); return; }
      showError('');
      setRunning(id, body.running);
    } catch (err) {
      showError(`${action} ${id} failed: ${err}`);
    }
  }

  function setRunning(id, running) {
    const g = svg.querySelector(`g.element[data-element="${CSS.escape(id)}"]`);
    if (!g) return;
    g.classList.toggle('running', running);
    g.classList.toggle('stopped', !running);
    g.querySelector('.btn.start').classList.toggle('inactive', running);
    g.querySelector('.btn.stop').classList.toggle('inactive', !running);
  }

  function dropText(d) {
    const parts = Object.entries(d || {}).map(([reason, n]) => `${reason} ${n}`);
    return parts.length ? '✕ dropped ' + parts.join(', ') : '';
  }

  function fmt(x) {
    return (Math.round(x * 10) / 10).toString();
  }

  function onTick(tick) {
    const lines = Object.assign({}, tick.elements, tick.channels);
    if (Object.keys(lines).some(id => !drawn.has(id))) load();
    for (const [id, r] of Object.entries(tick.elements)) {
      const rates = svg.querySelector(`[data-rates="${CSS.escape(id)}"]`);
      if (rates) rates.textContent = `in ${fmt(r.inPerSecond)}/s · out ${fmt(r.outPerSecond)}/s`;
      const drops = svg.querySelector(`[data-drops="${CSS.escape(id)}"]`);
      if (drops) drops.textContent = dropText(r.droppedSinceLastTick);
      setRunning(id, r.running);
    }
    for (const edge of edges) {
      const from = lines[edge.from], to = lines[edge.to];
      const rate = from ? from.outPerSecond : 0;
      edge.rate.textContent = rate > 0 ? fmt(rate) + '/s' : '';
      edge.drops.textContent = to ? dropText(to.droppedSinceLastTick) : '';
    }
    status.textContent = 'live · ' + new Date(tick.time).toLocaleTimeString();
    status.className = 'status ok';
  }

  function follow() {
    const source = new EventSource('/events');
    source.addEventListener('tick', ev => onTick(JSON.parse(ev.data)));
    source.onerror = () => { status.textContent = 'disconnected, retrying…'; status.className = 'status down'; };
  }

  load().then(follow);
})();
