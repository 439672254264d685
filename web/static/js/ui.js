// Small DOM helpers shared by the pages: element builders (text is always
// set as text, never parsed as HTML), formatters, badges and the flash bar.
import { t, getLang } from './i18n.js';
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
  return Number.isNaN(d.getTime()) ? ts : d.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
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

/** today is the browser's date as YYYY-MM-DD. */
export function today(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
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

/** problemText is what an error says to a person: the API's detail first. */
export function problemText(err) {
  if (err && err.problem) {
    const p = err.problem;
    const parts = [`${p.status || err.status} ${p.title || ''}`.trim()];
    if (p.detail) parts.push(p.detail);
    for (const fe of p.errors || []) parts.push(`${fe.field}: ${fe.message}`);
    return parts.join(' — ');
  }
  return err && err.message ? err.message : String(err);
}

let flashTimer;

/** flash shows a message in the bar under the header. */
export function flash(text, kind = 'ok') {
  const bar = document.getElementById('flash');
  bar.replaceChildren(h('span', {}, text), h('button', { type: 'button', class: 'link', 'aria-label': t('common.close'), onclick: () => bar.replaceChildren() }, '×'));
  bar.className = 'flash ' + kind;
  bar.dataset.kind = kind;
  clearTimeout(flashTimer);
  if (kind === 'ok') flashTimer = setTimeout(() => bar.replaceChildren(), 8000);
}

/** showError flashes an error and, when given a box, writes it there too. */
export function showError(err, box) {
  const text = problemText(err);
  if (box) {
    box.textContent = text;
    box.hidden = false;
  }
  flash(text, 'error');
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
