// A map of venues drawn on SVG from their lat/lng: no tiles, no network,
// a plain background with a graticule, points coloured by risk level,
// wheel to zoom (once the map has focus) and drag to pan.
//
// Many points are grouped by screen cell: beyond CLUSTER_FROM points, the
// venues falling in one CELL-pixel square of the current view are drawn as
// one disc with their count, regrouped at each zoom (client-side: grouping
// 20,000 points takes about 10 ms, far less than drawing them). The map is
// one Tab stop; its points are not focusable of their own, and every mark
// has a hit area of at least 24 px. A tap shows the venue's name; a click
// with a mouse (or a second tap) opens it.
import { s, h } from './ui.js';
import { t } from './i18n.js';
import { label, values } from './vocab.js';

const PAD = 30;
const STEPS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
export const CLUSTER_FROM = 400;
const CELL = 36; // px of the screen
const HIT = 12; // the radius of a mark's hit area, in px of the screen (24 px across)

/**
 * clusters groups points (with x, y in the map's units) by cells of size
 * `cell` map units: each group is { x, y, items } at its members' centroid.
 */
export function clusters(points, cell) {
  const cells = new Map();
  for (const p of points) {
    const key = Math.floor(p.x / cell) + ':' + Math.floor(p.y / cell);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { sx: 0, sy: 0, items: [] }));
    c.sx += p.x;
    c.sy += p.y;
    c.items.push(p);
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}

/**
 * venueMap returns an element with the map of the venues; onPick(venue) is
 * called when a point is chosen. Options: width and height (of the drawing,
 * in CSS pixels at full size), r (the points' radius), highlight (the id of
 * a venue to ring), hazards (a function returning a promise of open hazards
 * [{venue_id, code}], for the hotspot layer), codeLabel (a hazard code's label).
 */
export function venueMap(venues, onPick, { width: W = 960, height: H = 600, r: R = 6, highlight = '', hazards = null, codeLabel = null } = {}) {
  const pts = venues.filter((v) => Number.isFinite(v.lat) && Number.isFinite(v.lng));
  if (!pts.length) return h('p', { class: 'empty' }, t('venues.map_empty'));
  // A loop, not Math.min(...): a city's points are more arguments than some engines take.
  let minLat = Infinity, maxLat = -Infinity, minLng = Infinity, maxLng = -Infinity;
  for (const v of pts) {
    minLat = Math.min(minLat, v.lat); maxLat = Math.max(maxLat, v.lat);
    minLng = Math.min(minLng, v.lng); maxLng = Math.max(maxLng, v.lng);
  }
  if (maxLat - minLat < 0.002) { minLat -= 0.001; maxLat += 0.001; }
  if (maxLng - minLng < 0.002) { minLng -= 0.001; maxLng += 0.001; }
  // An equirectangular projection, its x shrunk by cos(latitude): true to
  // shape at a city's scale.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min((W - 2 * PAD) / ((maxLng - minLng) * kx), (H - 2 * PAD) / (maxLat - minLat));
  const ox = (W - (maxLng - minLng) * kx * scale) / 2;
  const oy = (H - (maxLat - minLat) * scale) / 2;
  const x = (lng) => ox + (lng - minLng) * kx * scale;
  const y = (lat) => oy + (maxLat - lat) * scale;

  // Graticule: lines far enough apart for their labels, in degrees.
  const latStep = STEPS.find((st) => (maxLat - minLat) / st <= Math.max(2, H / 90)) || 10;
  const lngStep = STEPS.find((st) => (maxLng - minLng) / st <= Math.max(2, W / 150)) || 10;
  const degrees = (v, step) => v.toFixed(Math.max(0, -Math.floor(Math.log10(step))));
  const lines = [];
  for (let lat = Math.floor(minLat / latStep) * latStep; lat <= maxLat + latStep; lat += latStep) {
    lines.push(s('line', { x1: -W, x2: 2 * W, y1: y(lat), y2: y(lat), class: 'graticule' }),
      s('text', { x: 4, y: y(lat) - 3, class: 'graticule-label' }, degrees(lat, latStep) + '°N'));
  }
  for (let lng = Math.floor(minLng / lngStep) * lngStep; lng <= maxLng + lngStep; lng += lngStep) {
    lines.push(s('line', { y1: -H, y2: 2 * H, x1: x(lng), x2: x(lng), class: 'graticule' }),
      s('text', { y: H - 4, x: x(lng) + 3, class: 'graticule-label' }, degrees(lng, lngStep) + '°E'));
  }

  const levels = values('risk_level');
  const byId = new Map(pts.map((v) => [v.id, v]));
  const placed = pts.map((v) => ({ v, x: x(v.lng), y: y(v.lat) }));
  const pointsG = s('g', { class: 'points' });
  const hotG = s('g', { class: 'hotspots' });
  const picked = h('p', { class: 'map-picked', id: 'map-picked', 'aria-live': 'polite' });

  // One mark per venue, or per group of venues in a cell. The highest
  // levels (first in the vocabulary) are drawn last, on top.
  let vb = { x: 0, y: 0, w: W, h: H };
  const unitsPerPx = () => {
    const r = svg.getBoundingClientRect();
    return vb.w / (r.width || W);
  };
  const draw = () => {
    const k = unitsPerPx();
    const marks = [];
    const single = (p) => {
      const v = p.v;
      const here = v.id === highlight;
      return s('g', { class: 'mark', 'data-venue-id': v.id },
        s('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: (HIT * k).toFixed(2), class: 'hit' }),
        s('circle', {
          cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: ((here ? R * 1.6 : R) * k).toFixed(2), class: 'pt lvl-' + v.risk_level + (here ? ' here' : ''),
          'data-venue-id': v.id, 'data-level': v.risk_level,
        }),
        s('title', {}, `${v.name} · ${label('risk_level', v.risk_level)} · ${label('category', v.category)}`));
    };
    const rank = (v) => (v.id === highlight ? -1 : levels.indexOf(v.risk_level));
    if (placed.length < CLUSTER_FROM) {
      const sorted = [...placed].sort((a, b) => rank(b.v) - rank(a.v));
      for (const p of sorted) marks.push(single(p));
    } else {
      const groups = clusters(placed, CELL * k);
      for (const g of groups) g.rank = g.items.reduce((m, p) => Math.min(m, rank(p.v)), Infinity);
      groups.sort((a, b) => b.rank - a.rank);
      for (const g of groups) {
        if (g.items.length === 1) { marks.push(single(g.items[0])); continue; }
        // The group takes the colour of its highest level.
        const top = levels.find((l) => g.items.some((p) => p.v.risk_level === l)) || '';
        const rr = Math.max(HIT, Math.min(26, 9 + 3 * Math.log2(g.items.length))) * k;
        marks.push(s('g', { class: 'cluster', 'data-count': g.items.length, 'data-x': g.x.toFixed(1), 'data-y': g.y.toFixed(1) },
          s('circle', { cx: g.x.toFixed(1), cy: g.y.toFixed(1), r: rr.toFixed(2), class: 'cluster-disc lvl-' + top }),
          s('text', { x: g.x.toFixed(1), y: (g.y + 4 * k).toFixed(1), class: 'cluster-n', 'font-size': (11 * k).toFixed(2), 'text-anchor': 'middle' }, String(g.items.length)),
          s('title', {}, t('venues.cluster', { n: g.items.length }))));
      }
    }
    pointsG.replaceChildren(...marks);
    svg.dataset.marks = marks.length;
  };

  let tapped = '';
  const show = (v) => {
    picked.replaceChildren(t('venues.picked'), ' ', h('strong', {}, v.name), ` · ${label('risk_level', v.risk_level)} · ${label('category', v.category)} `,
      h('a', { href: '#/venues/' + v.id }, t('venues.open_page')));
  };
  const pick = (e) => {
    const m = e.target.closest && e.target.closest('.mark, .cluster');
    if (!m) return;
    if (m.classList.contains('cluster')) {
      zoom(0.4, Number(m.dataset.x), Number(m.dataset.y));
      return;
    }
    const v = byId.get(m.dataset.venueId);
    if (!v) return;
    // A finger sees the name first; a mouse (or the second tap) opens the venue.
    if (e.pointerType === 'touch' && tapped !== v.id) {
      tapped = v.id;
      show(v);
      return;
    }
    onPick(v);
  };
  pointsG.addEventListener('click', pick);

  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'map', id: 'venue-map', tabindex: 0, role: 'group',
    'aria-label': t('venues.map_label', { n: pts.length }), 'aria-describedby': 'map-hint', 'data-count': pts.length,
  },
  s('rect', { x: -W * 50, y: -H * 50, width: W * 101, height: H * 101, class: 'map-bg' }),
  s('g', { class: 'grid-lines' }, lines),
  hotG, pointsG);

  // Zoom and pan by moving the viewBox; marks keep their size on screen.
  const apply = () => {
    svg.setAttribute('viewBox', `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
    svg.style.setProperty('--pt-r', ((R * vb.w) / W).toFixed(3) + 'px');
    draw();
  };
  const zoom = (f, cx = vb.x + vb.w / 2, cy = vb.y + vb.h / 2) => {
    const w = Math.min(W * 4, Math.max(W / 256, vb.w * f));
    const k = w / vb.w;
    vb = { x: cx - (cx - vb.x) * k, y: cy - (cy - vb.y) * k, w, h: vb.h * k };
    apply();
  };
  const toUser = (e) => {
    const r = svg.getBoundingClientRect();
    return [vb.x + ((e.clientX - r.left) / r.width) * vb.w, vb.y + ((e.clientY - r.top) / r.height) * vb.h];
  };
  // The wheel zooms only a map that has focus; otherwise it scrolls the page.
  svg.addEventListener('wheel', (e) => {
    if (document.activeElement !== svg) return;
    e.preventDefault();
    const [cx, cy] = toUser(e);
    zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  svg.addEventListener('keydown', (e) => {
    const step = vb.w / 10;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      vb = { ...vb, x: vb.x + moves[e.key][0], y: vb.y + moves[e.key][1] };
      apply();
    } else if (e.key === '+' || e.key === '=') zoom(0.7);
    else if (e.key === '-') zoom(1 / 0.7);
    else return;
    e.preventDefault();
  });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    svg.focus({ preventScroll: true });
    if (e.target.closest('.mark, .cluster')) return;
    drag = { x: e.clientX, y: e.clientY, vb: { ...vb } };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    vb = { ...drag.vb, x: drag.vb.x - ((e.clientX - drag.x) / r.width) * vb.w, y: drag.vb.y - ((e.clientY - drag.y) / r.height) * vb.h };
    svg.setAttribute('viewBox', `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
  });
  svg.addEventListener('pointerup', () => { if (drag) { drag = null; apply(); } });

  // The hotspot layer: open hazards at their venues, a ring by count, coloured by category (code).
  const hotLegend = h('div', { class: 'legend hot-legend', id: 'hot-legend' });
  const drawHot = async (on) => {
    if (!on) { hotG.replaceChildren(); hotLegend.replaceChildren(); svg.dataset.hazards = ''; return; }
    const list = (await hazards()).filter((z) => byId.has(z.venue_id));
    const codes = [...new Set(list.map((z) => z.code))].sort();
    const perVenue = new Map();
    for (const z of list) {
      const m = perVenue.get(z.venue_id) || new Map();
      m.set(z.code, (m.get(z.code) || 0) + 1);
      perVenue.set(z.venue_id, m);
    }
    const k = unitsPerPx();
    const rings = [];
    for (const [vid, m] of perVenue) {
      const v = byId.get(vid);
      const [code] = [...m.entries()].sort((a, b) => b[1] - a[1])[0];
      const n = [...m.values()].reduce((a, b) => a + b, 0);
      rings.push(s('circle', { cx: x(v.lng).toFixed(1), cy: y(v.lat).toFixed(1), r: ((R + 4 + 2 * n) * k).toFixed(2), class: 'hot hot-' + (codes.indexOf(code) % 8), 'data-venue-id': vid, 'data-n': n }));
    }
    hotG.replaceChildren(...rings);
    svg.dataset.hazards = list.length;
    const names = await Promise.all(codes.map((c) => (codeLabel ? codeLabel(c) : c)));
    hotLegend.replaceChildren(h('strong', {}, t('venues.hazards_layer')), ...codes.map((c, i) => h('span', { 'data-code': c },
      h('i', { class: 'dot hot-' + (i % 8) }), names[i], ` (${list.filter((z) => z.code === c).length})`)));
  };
  const layer = hazards ? h('label', { class: 'inline map-layer' },
    h('input', { type: 'checkbox', id: 'map-hazards', onchange: (e) => drawHot(e.target.checked).catch(() => {}) }), t('venues.layer_hazards')) : null;

  const controls = h('div', { class: 'map-controls' },
    h('button', { type: 'button', class: 'ghost', onclick: () => zoom(0.7), 'aria-label': t('venues.zoom_in') }, '+'),
    h('button', { type: 'button', class: 'ghost', onclick: () => zoom(1 / 0.7), 'aria-label': t('venues.zoom_out') }, '−'),
    h('button', { type: 'button', class: 'ghost', onclick: () => { vb = { x: 0, y: 0, w: W, h: H }; apply(); } }, t('venues.zoom_reset')));
  const legend = h('div', { class: 'legend' },
    levels.map((l) => h('span', {}, h('i', { class: 'dot lvl-' + l }), label('risk_level', l), ` (${pts.filter((v) => v.risk_level === l).length})`)));
  const wrap = h('div', { class: 'map-wrap' }, controls, svg,
    h('p', { class: 'muted small', id: 'map-hint' }, t('venues.map_hint')), picked, legend, layer, hotLegend);
  // Drawn once the map is in the page, where its size on screen is known.
  requestAnimationFrame(draw);
  draw();
  return wrap;
}
