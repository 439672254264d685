// Trend charts drawn as SVG from the API's figures (GET /stats/trends): per
// month, bars of hazards found and fixed and a line of the completion rate.
// Every mark carries its figure (data-*), so that what is drawn can be
// checked against the API.
import { s, h, fmtPct } from './ui.js';
import { t } from './i18n.js';

const W = 560, H = 220, L = 34, R = 40, T = 14, B = 28;

function niceMax(n) {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / p) * p;
}

/** trendChart draws one unit's series: { name, months: [{month, due, done, completion_rate, found, fixed}] }. */
export function trendChart(series, { id } = {}) {
  const ms = series.months;
  const max = niceMax(Math.max(1, ...ms.map((m) => Math.max(m.found, m.fixed))));
  const pw = (W - L - R) / ms.length;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const yr = (r) => T + (H - T - B) * (1 - r);
  const marks = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    marks.push(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'chart-grid' }),
      s('text', { x: L - 4, y: y(v) + 4, class: 'chart-axis', 'text-anchor': 'end' }, String(Math.round(v))),
      s('text', { x: W - R + 4, y: yr(k / 4) + 4, class: 'chart-axis' }, `${k * 25}%`));
  }
  const bw = Math.max(2, pw * 0.32);
  const line = [];
  ms.forEach((m, i) => {
    const x0 = L + i * pw + pw * 0.14;
    marks.push(
      s('rect', { x: x0, y: y(m.found), width: bw, height: y(0) - y(m.found), class: 'bar-found', 'data-month': m.month, 'data-found': m.found },
        s('title', {}, `${m.month} ${t('trend.found')} ${m.found}`)),
      s('rect', { x: x0 + bw, y: y(m.fixed), width: bw, height: y(0) - y(m.fixed), class: 'bar-fixed', 'data-month': m.month, 'data-fixed': m.fixed },
        s('title', {}, `${m.month} ${t('trend.fixed')} ${m.fixed}`)),
      s('text', { x: L + i * pw + pw / 2, y: H - 10, class: 'chart-axis', 'text-anchor': 'middle' }, m.month.slice(5)));
    line.push([L + i * pw + pw / 2, yr(m.completion_rate), m]);
  });
  marks.push(s('polyline', { points: line.map(([x, yy]) => `${x.toFixed(1)},${yy.toFixed(1)}`).join(' '), class: 'rate-line' }));
  for (const [x, yy, m] of line) {
    marks.push(s('circle', { cx: x, cy: yy, r: 3, class: 'rate-dot', 'data-month': m.month, 'data-rate': m.completion_rate, 'data-due': m.due, 'data-done': m.done },
      s('title', {}, `${m.month} ${t('dash.completion_rate')} ${fmtPct(m.completion_rate)} (${m.done}/${m.due})`)));
  }
  const last = ms[ms.length - 1];
  const summary = t('trend.summary', { name: series.name, rate: fmtPct(last.completion_rate), found: last.found, fixed: last.fixed });
  return h('figure', { class: 'trend', id, 'data-unit-id': series.org_unit_id },
    h('figcaption', {}, series.name),
    s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': summary }, marks));
}

/** trendLegend explains the marks. */
export function trendLegend() {
  return h('p', { class: 'legend chart-legend' },
    h('span', {}, h('i', { class: 'key bar-found' }), t('trend.found')),
    h('span', {}, h('i', { class: 'key bar-fixed' }), t('trend.fixed')),
    h('span', {}, h('i', { class: 'key rate-line' }), t('dash.completion_rate')));
}
