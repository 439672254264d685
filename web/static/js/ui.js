// Small DOM helpers shared by the pages: element builders (text is always
// set as text, never parsed as HTML), formatters, badges and the flash bar.
import { t, has, getLang } from './i18n.js';
import { label, values } from './vocab.js';

const SVG = 'http://www.w3.org/2000/svg';
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'required', 'multiple']);

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** h builds an HTML element: h('a', {href: '#/x'}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** s builds an SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function locale() {
  return getLang() === 'zh' ? 'zh-CN' : 'en-GB';
}

export function fmtTime(ts) {
  if (!ts) return '—';
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : d.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: serviceZone() });
}

export function fmtDate(d) {
  return d || '—';
}

export function fmtNum(n) {
  return n === undefined || n === null ? '—' : String(n);
}

export function fmtPct(rate) {
  return (rate * 100).toFixed(1) + '%';
}

export function fmtMetres(m) {
  if (m === undefined || m === null) return '—';
  return m >= 1000 ? (m / 1000).toFixed(2) + ' km' : Math.round(m) + ' m';
}

export function fmtBytes(n) {
  return n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + ' MB' : (n / 1024).toFixed(1) + ' KB';
}

// The service's day (GET /clock), set once logged in: dates are the
// service's, in its zone, not the browser's.
let serverDay = null;

/** setClock takes the API's clock: { today, tz }. */
export function setClock(c) {
  serverDay = c;
}

/** serviceZone is the service's time zone, once known. */
export function serviceZone() {
  return serverDay ? serverDay.tz : undefined;
}

/** today is the service's date as YYYY-MM-DD, offsetDays later (the browser's until the clock is known). */
export function today(offsetDays = 0) {
  let d;
  if (serverDay) {
    d = new Date(serverDay.today + 'T00:00:00Z');
  } else {
    const n = new Date();
    d = new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()));
  }
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

/**
 * term is an element showing the label of a value of a vocabulary set; it
 * carries the set and the value (data-set, data-value), so that what it
 * says can be checked against the vocabulary.
 */
export function term(tag, attrs, set, value) {
  return h(tag, { ...attrs, 'data-set': set, 'data-value': value }, label(set, value));
}

export function levelBadge(level) {
  return term('span', { class: `badge lvl lvl-${level}`, 'data-level': level }, 'risk_level', level);
}

/** badge shows a term styled as set-value. */
export function badge(set, value, extra = '') {
  return term('span', { class: `badge ${set}-${value} ${extra}`.trim() }, set, value);
}

export function shortID(id) {
  return id ? String(id).slice(0, 8) : '—';
}

/** field is a label/value pair of a details list. */
export function field(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

export function loading() {
  return h('p', { class: 'loading' }, t('common.loading'));
}

const statusKeys = { 400: 'err.400', 401: 'err.401', 403: 'err.403', 404: 'err.404', 409: 'err.409', 412: 'err.412', 422: 'err.422', 428: 'err.412', 429: 'err.429', 500: 'err.500', 502: 'err.503', 503: 'err.503', 504: 'err.503' };

/** fieldText says what is wrong with a field the API named, in the console's words. */
function fieldText(name) {
  const key = 'err.field.' + name;
  return has(key) ? t(key) : t('err.field', { field: name });
}

/**
 * problemText is what an error says to a person, in the chosen language,
 * with what to do: the console's words for the API's status and the fields
 * it names (the API's own detail, in English, is kept for the title).
 */
export function problemText(err) {
  if (err && err.problem) {
    const st = err.status || err.problem.status;
    const key = statusKeys[st];
    const head = key ? t(key) : t('err.other', { status: st });
    const fields = [...new Set((err.problem.errors || []).map((fe) => fe.field))].filter((f) => f !== 'status' || st !== 409);
    return fields.length ? `${head} ${fields.map(fieldText).join('；')}` : head;
  }
  if (err instanceof TypeError) return t('err.network');
  return err && err.message ? err.message : String(err);
}

/** problemDetail is the API's own words for an error, for a tooltip. */
export function problemDetail(err) {
  const p = err && err.problem;
  if (!p) return '';
  return [p.title, p.detail, ...(p.errors || []).map((fe) => `${fe.field}: ${fe.message}`)].filter(Boolean).join(' — ');
}

let flashTimer;

/** clearErrors empties the bar when it shows an error (a page change). */
export function clearErrors() {
  const bar = document.getElementById('flash');
  if (bar.dataset.kind === 'error') {
    bar.replaceChildren();
    bar.dataset.kind = '';
  }
}

/** flash shows a message in the bar under the header. */
export function flash(text, kind = 'ok') {
  const bar = document.getElementById('flash');
  bar.replaceChildren(h('span', {}, text), h('button', { type: 'button', class: 'link', 'aria-label': t('common.close'), onclick: () => bar.replaceChildren() }, '×'));
  bar.className = 'flash ' + kind;
  bar.dataset.kind = kind;
  clearTimeout(flashTimer);
  if (kind === 'ok') flashTimer = setTimeout(() => bar.replaceChildren(), 8000);
}

/** showError shows an error once: in the box when given one, in the bar otherwise. */
export function showError(err, box) {
  const text = problemText(err);
  if (box) {
    box.textContent = text;
    box.title = problemDetail(err);
    box.dataset.status = err && err.status ? err.status : '';
    box.hidden = false;
  } else {
    flash(text, 'error');
  }
  if (!(err && err.problem)) console.error(err);
}

/** errorBox is an inline place for a form's error. */
export function errorBox(id) {
  return h('p', { class: 'form-error', role: 'alert', id, 'data-test': 'form-error', hidden: true });
}

/** busy disables a button while fn runs. */
export async function busy(button, fn) {
  button.disabled = true;
  try {
    return await fn();
  } finally {
    button.disabled = false;
  }
}

/** later fills a placeholder when a promise resolves. */
export function later(promise, fallback = '—') {
  const span = h('span', {}, '…');
  promise.then((v) => span.replaceChildren(v ?? fallback), () => span.replaceChildren(fallback));
  return span;
}

/** select builds a <select> from [value, label] pairs. */
export function select(attrs, options, current) {
  return h('select', attrs, options.map(([v, label]) => h('option', { value: v, selected: v === current }, label)));
}

/** termSelect is a <select> of a vocabulary set's values, after an option "" labelled any. */
export function termSelect(attrs, set, any, current) {
  return h('select', attrs, h('option', { value: '', selected: !current }, any),
    values(set).map((v) => term('option', { value: v, selected: v === current }, set, v)));
}

/** tableWrap lets a wide table scroll inside its card, not the page. */
export function tableWrap(table) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': table.getAttribute('aria-label') || t('common.table') }, table);
}
