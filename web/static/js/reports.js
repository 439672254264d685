// #/reports: the reports (举报投诉) in scope on their legal clock — open
// ones, overdue ones (highlighted), or all — with the time left or how late,
// the outcome once checked, and the venue or address.
import { api } from './api.js';
import { t } from './i18n.js';
import { setLabel } from './vocab.js';
import { h, badge, term, empty, loading, fmtTime, select, showError, tableWrap } from './ui.js';

const state = { show: 'open' };

function query() {
  if (state.show === 'open') return { status: 'received' };
  if (state.show === 'overdue') return { overdue: 'true' };
  return {};
}

/** clock says how long is left until due, or how late a report is. */
function clock(r) {
  if (r.status === 'checked') return r.checked_in_time ? t('reports.in_time') : t('reports.late');
  const ms = new Date(r.due_at) - Date.now();
  const hours = Math.round(Math.abs(ms) / 3600000);
  return ms >= 0 ? t('reports.left', { h: hours }) : t('reports.overdue_by', { h: hours });
}

function table(items) {
  if (!items.length) return empty(t('reports.none'));
  const th = (x) => h('th', { scope: 'col' }, x);
  return tableWrap(h('table', { class: 'table', id: 'reports-table' },
    h('thead', {}, h('tr', {}, th(t('reports.where')), th(setLabel('report_kind')), th(setLabel('report_source')),
      th(t('reports.received_at')), th(t('reports.due_at')), th(t('reports.clock')), th(setLabel('report_status')), th(t('reports.outcome')))),
    h('tbody', {}, items.map((r) => h('tr', { 'data-id': r.id, class: r.overdue ? 'overdue' : '', 'data-overdue': String(r.overdue) },
      h('td', {}, r.venue_id ? h('a', { href: '#/venues/' + r.venue_id }, r.venue_name || r.venue_id) : r.address,
        r.text ? h('div', { class: 'muted report-text' }, r.text) : ''),
      term('td', {}, 'report_kind', r.kind),
      term('td', {}, 'report_source', r.source),
      h('td', {}, fmtTime(r.received_at)),
      h('td', {}, fmtTime(r.due_at)),
      h('td', { class: 'report-clock' }, clock(r)),
      h('td', {}, badge('report_status', r.status)),
      h('td', {}, r.outcome || '—'))))));
}

export async function render(view) {
  const show = select({ id: 'reports-show' }, [['open', t('reports.open')], ['overdue', t('reports.overdue')], ['all', t('common.any')]], state.show);
  const box = h('div', { class: 'card', id: 'reports-list' });
  const count = h('p', { class: 'muted', id: 'reports-count' });
  const load = async () => {
    state.show = show.value;
    box.replaceChildren(loading());
    try {
      const items = await api.all('/reports', query(), 1000);
      count.textContent = t('reports.count', { n: items.length });
      box.dataset.count = items.length;
      box.replaceChildren(table(items));
    } catch (e) {
      box.replaceChildren();
      showError(e);
    }
  };
  show.addEventListener('change', load);
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('reports.title'))),
    h('p', { class: 'muted' }, t('reports.hint')),
    h('form', { class: 'toolbar', id: 'reports-filters', onsubmit: (e) => e.preventDefault() }, h('label', {}, t('documents.show'), show)),
    count, box);
  await load();
}
