// #/reports: the reports (举报投诉) in scope on their legal clock — open
// ones, overdue ones (highlighted), or all — with the time left or how late,
// the outcome once checked, and the venue or address. A report about an
// address still to check can be closed here with a reason, after the check.
import { api } from './api.js';
import { t } from './i18n.js';
import { label, setLabel, values } from './vocab.js';
import { h, badge, busy, term, empty, loading, fmtTime, flash, select, showError, tableWrap } from './ui.js';

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

/** closeForm closes a report about an address with a reason (POST /reports/{id}/close). */
function closeForm(r, reload) {
  const reason = select({ 'aria-label': setLabel('report_close_reason'), 'data-field': 'close-reason' },
    values('report_close_reason').map((v) => [v, label('report_close_reason', v)]), 'no_hazard');
  const button = h('button', { type: 'submit', 'data-action': 'close-report' }, t('reports.close'));
  return h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await busy(button, () => api.post('/reports/' + r.id + '/close', { reason: reason.value }));
      flash(t('reports.closed'));
      await reload();
    } catch (err) {
      showError(err);
    }
  } }, reason, button);
}

function table(items, reload) {
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
      h('td', {}, r.outcome || (!r.venue_id && r.status === 'received' ? closeForm(r, reload) : '—')))))));
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
      box.replaceChildren(table(items, load));
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
