// #/ledgers: the inspection, hazard (隐患台账) and document (文书台账) ledgers as CSV or
// XLSX, for a month (last month by default) and the filters chosen here; each shows how
// many rows it has before it is offered (GET /exports/{name}/count), and an empty one is
// not offered at all. Fetched with the token, saved as a blob.
import { api, download } from './api.js';
import { t } from './i18n.js';
import { label, setLabel } from './vocab.js';
import { h, fmtBytes, fmtNum, showError, select, termSelect, busy, today } from './ui.js';
import { gridSelect } from './lookups.js';

const state = {
  month: null, // YYYY-MM, '' for all time; last month until one is picked
  inspections: { status: '', kind: '', overdue: '', grid_id: '', due_before: '' },
  hazards: { status: '', severity: '', overdue: '', grid_id: '' },
  documents: { status: '', kind: '', overdue: '' },
};

/** lastMonth is the month before the service's today, as YYYY-MM. */
export function lastMonth() {
  const [y, m] = today().split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** monthRange is a month's from and to (both included), or nothing for all time. */
export function monthRange(month) {
  if (!month) return {};
  const [y, m] = month.split('-').map(Number);
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** termFilter is a filter on a term: any, or one value of the set. */
function termFilter(set, name, id, current) {
  return h('label', {}, setLabel(set), termSelect({ name, id }, set, t('common.any'), current));
}

function overdueSelect(id, current) {
  return select({ id, name: 'overdue' }, [['', t('common.any')], ['true', t('ledgers.overdue_only')], ['false', t('ledgers.not_overdue')]], current);
}

/** query is a ledger's filters with the month's range. */
function query(name) {
  return { ...state[name], ...monthRange(state.month) };
}

function ledger(name, title, hint, controls, status, recounts) {
  const filters = state[name];
  const form = h('form', { class: 'toolbar', id: `ledger-${name}` }, controls);
  const buttons = ['csv', 'xlsx'].map((format) => h('button', {
    type: 'button', class: format === 'csv' ? 'primary' : 'ghost', id: `export-${name}-${format}`, 'data-action': 'export', disabled: true,
  }, t('ledgers.download_' + format)));
  const heading = h('span', { class: 'ledger-heading', id: `heading-${name}` });
  const said = h('span', { class: 'ledger-said' });
  const count = h('p', { class: 'ledger-count', id: `count-${name}`, 'data-test': 'ledger-count', 'aria-live': 'polite' }, heading, said);
  const read = () => {
    for (const el of form.elements) if (el.name) filters[el.name] = el.value;
  };
  let asked = 0;
  async function recount() {
    read();
    const mine = ++asked;
    const period = state.month || t('ledgers.all_time');
    count.dataset.state = 'loading';
    delete count.dataset.count;
    said.textContent = t('ledgers.counting');
    for (const b of buttons) b.disabled = true;
    try {
      const c = await api.get(`/exports/${name}/count`, query(name));
      if (mine !== asked) return; // a later question is on its way
      heading.textContent = c.title;
      said.textContent = c.count ? t('ledgers.count', { n: fmtNum(c.count), period }) : t('ledgers.no_rows', { period });
      count.dataset.count = String(c.count);
      count.dataset.state = 'ready';
      count.classList.toggle('empty', c.count === 0);
      for (const b of buttons) b.disabled = c.count === 0;
    } catch (e) {
      if (mine !== asked) return;
      said.textContent = '';
      count.dataset.state = 'error';
      showError(e);
    }
  }
  recounts.push(recount);
  form.addEventListener('change', recount);
  form.addEventListener('submit', (ev) => ev.preventDefault());
  for (const b of buttons) {
    b.addEventListener('click', () => busy(b, async () => {
      read();
      status.textContent = t('ledgers.preparing');
      status.dataset.state = 'loading';
      try {
        const format = b.id.endsWith('xlsx') ? 'xlsx' : 'csv';
        const got = await download(`/exports/${name}.${format}`, query(name));
        status.textContent = t('ledgers.saved', { name: got.name, size: fmtBytes(got.size) });
        status.dataset.state = 'done';
        status.dataset.file = got.name;
      } catch (e) {
        status.textContent = '';
        status.dataset.state = 'error';
        showError(e);
      }
    }));
  }
  return h('div', { class: 'card' }, h('h2', {}, title), h('p', { class: 'muted' }, hint), form, count, h('div', { class: 'buttons' }, buttons));
}

export async function render(view) {
  if (state.month === null) state.month = lastMonth();
  const status = h('p', { id: 'ledger-status', 'data-test': 'ledger-status', class: 'muted', role: 'status' });
  const ins = state.inspections;
  const hz = state.hazards;
  const recounts = [];
  const month = h('input', { type: 'month', id: 'ledger-month', name: 'month', value: state.month });
  month.addEventListener('change', () => {
    state.month = month.value;
    for (const r of recounts) r();
  });
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('ledgers.title'))),
    h('div', { class: 'card' },
      h('form', { class: 'toolbar', id: 'ledger-period' }, h('label', {}, t('ledgers.month'), month)),
      h('p', { class: 'muted' }, t('ledgers.month_hint'))),
    ledger('inspections', t('ledgers.inspections'), t('ledgers.inspections_hint'), [
      termFilter('inspection_status', 'status', 'li-status', ins.status),
      termFilter('inspection_kind', 'kind', 'li-kind', ins.kind),
      h('label', {}, t('review.overdue'), overdueSelect('li-overdue', ins.overdue)),
      h('label', {}, label('org_unit_kind', 'grid'), gridSelect('li-grid', ins.grid_id)),
      h('label', {}, t('ledgers.due_before'), h('input', { type: 'date', name: 'due_before', id: 'li-due-before', value: ins.due_before })),
    ], status, recounts),
    ledger('hazards', t('ledgers.hazards'), t('ledgers.hazards_hint'), [
      termFilter('hazard_status', 'status', 'lh-status', hz.status),
      termFilter('severity', 'severity', 'lh-severity', hz.severity),
      h('label', {}, t('review.overdue'), overdueSelect('lh-overdue', hz.overdue)),
      h('label', {}, label('org_unit_kind', 'grid'), gridSelect('lh-grid', hz.grid_id)),
    ], status, recounts),
    ledger('documents', t('ledgers.documents'), t('ledgers.documents_hint'), [
      termFilter('document_kind', 'kind', 'ld-kind', state.documents.kind),
      termFilter('document_status', 'status', 'ld-status', state.documents.status),
      h('label', {}, t('documents.overdue'), overdueSelect('ld-overdue', state.documents.overdue)),
    ], status, recounts),
    status);
  for (const r of recounts) r();
}
