// A map of venues drawn on SVG from their lat/lng: no tiles, no network,
// a plain background with a graticule, points coloured by risk level,
// wheel to zoom and drag to pan.
import { s, h } from './ui.js';
import { t } from './i18n.js';
import { label, values } from './vocab.js';

const PAD = 30;
const STEPS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

/**
 * venueMap returns an element with the map of the venues; onPick(venue) is
 * called when a point is clicked. Options: width and height (of the drawing,
 * in CSS pixels at full size), r (the points' radius), highlight (the id of
 * a venue to ring).
 */
export function venueMap(venues, onPick, { width: W = 960, height: H = 600, r: R = 6, highlight = '' } = {}) {
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

  // A city has tens of thousands of venues: the points carry no listener of
  // their own (one on their group finds the venue), and their radius is one
  // CSS variable on the map, so that zooming touches one style, not every point.
  // The highest levels (first in the vocabulary) are drawn last, on top.
  const levels = values('risk_level');
  const sorted = [...pts].sort((a, b) => (a.id === highlight) - (b.id === highlight) || levels.indexOf(b.risk_level) - levels.indexOf(a.risk_level));
  const byId = new Map(pts.map((v) => [v.id, v]));
  const dots = sorted.map((v) => s('circle', {
    cx: x(v.lng).toFixed(1), cy: y(v.lat).toFixed(1), r: v.id === highlight ? R * 1.6 : R, class: 'pt lvl-' + v.risk_level + (v.id === highlight ? ' here' : ''),
    'data-venue-id': v.id, 'data-level': v.risk_level, tabindex: 0, role: 'link',
  }, s('title', {}, `${v.name} · ${label('risk_level', v.risk_level)} · ${label('category', v.category)}`)));
  const pick = (e) => {
    const c = e.target.closest && e.target.closest('circle.pt');
    if (c && byId.has(c.dataset.venueId)) onPick(byId.get(c.dataset.venueId));
  };
  const group = s('g', { class: 'points' }, dots);
  group.addEventListener('click', pick);
  group.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(e); });

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', id: 'venue-map', role: 'img', 'aria-label': t('venues.map'), 'data-count': dots.length },
    s('rect', { x: -W * 50, y: -H * 50, width: W * 101, height: H * 101, class: 'map-bg' }),
    s('g', { class: 'grid-lines' }, lines),
    group);

  // Zoom and pan by moving the viewBox; points keep their size on screen.
  let vb = { x: 0, y: 0, w: W, h: H };
  const apply = () => {
    svg.setAttribute('viewBox', `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
    svg.style.setProperty('--pt-r', ((R * vb.w) / W).toFixed(3) + 'px');
  };
  const zoom = (f, cx = vb.x + vb.w / 2, cy = vb.y + vb.h / 2) => {
    const w = Math.min(W * 4, Math.max(W / 64, vb.w * f));
    const k = w / vb.w;
    vb = { x: cx - (cx - vb.x) * k, y: cy - (cy - vb.y) * k, w, h: vb.h * k };
    apply();
  };
  const toUser = (e) => {
    const r = svg.getBoundingClientRect();
    return [vb.x + ((e.clientX - r.left) / r.width) * vb.w, vb.y + ((e.clientY - r.top) / r.height) * vb.h];
  };
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [cx, cy] = toUser(e);
    zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    if (e.target.classList.contains('pt')) return;
    drag = { x: e.clientX, y: e.clientY, vb: { ...vb } };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    vb = { ...drag.vb, x: drag.vb.x - ((e.clientX - drag.x) / r.width) * vb.w, y: drag.vb.y - ((e.clientY - drag.y) / r.height) * vb.h };
    apply();
  });
  svg.addEventListener('pointerup', () => { drag = null; });

  const controls = h('div', { class: 'map-controls' },
    h('button', { type: 'button', class: 'ghost', onclick: () => zoom(0.7), 'aria-label': t('venues.zoom_in') }, '+'),
    h('button', { type: 'button', class: 'ghost', onclick: () => zoom(1 / 0.7), 'aria-label': t('venues.zoom_out') }, '−'),
    h('button', { type: 'button', class: 'ghost', onclick: () => { vb = { x: 0, y: 0, w: W, h: H }; apply(); } }, t('venues.zoom_reset')));
  const legend = h('div', { class: 'legend' },
    levels.map((l) => h('span', {}, h('i', { class: 'dot lvl-' + l }), label('risk_level', l), ` (${pts.filter((v) => v.risk_level === l).length})`)));
  return h('div', { class: 'map-wrap' }, controls, svg, legend);
}
