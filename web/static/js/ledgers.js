// #/ledgers: the inspection ledger and the hazard ledger (隐患台账) as CSV or
// XLSX, with the filters chosen here; fetched with the token, saved as a blob.
import { download } from './api.js';
import { t } from './i18n.js';
import { label, setLabel } from './vocab.js';
import { h, fmtBytes, showError, select, termSelect, busy } from './ui.js';
import { gridSelect } from './lookups.js';

const state = {
  inspections: { status: '', kind: '', overdue: '', grid_id: '', due_before: '' },
  hazards: { status: '', severity: '', overdue: '', grid_id: '' },
};

/** termFilter is a filter on a term: any, or one value of the set. */
function termFilter(set, name, id, current) {
  return h('label', {}, setLabel(set), termSelect({ name, id }, set, t('common.any'), current));
}

function overdueSelect(id, current) {
  return select({ id, name: 'overdue' }, [['', t('common.any')], ['true', t('ledgers.overdue_only')], ['false', t('ledgers.not_overdue')]], current);
}

function ledger(name, title, hint, controls, status) {
  const filters = state[name];
  const form = h('form', { class: 'toolbar', id: `ledger-${name}` }, controls);
  const buttons = ['csv', 'xlsx'].map((format) => h('button', {
    type: 'button', class: format === 'csv' ? 'primary' : 'ghost', id: `export-${name}-${format}`, 'data-action': 'export',
  }, t('ledgers.download_' + format)));
  for (const b of buttons) {
    b.addEventListener('click', () => busy(b, async () => {
      for (const el of form.elements) if (el.name) filters[el.name] = el.value;
      status.textContent = t('ledgers.preparing');
      status.dataset.state = 'loading';
      try {
        const format = b.id.endsWith('xlsx') ? 'xlsx' : 'csv';
        const got = await download(`/exports/${name}.${format}`, filters);
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
  return h('div', { class: 'card' }, h('h2', {}, title), h('p', { class: 'muted' }, hint), form, h('div', { class: 'buttons' }, buttons));
}

export async function render(view) {
  const status = h('p', { id: 'ledger-status', 'data-test': 'ledger-status', class: 'muted', role: 'status' });
  const ins = state.inspections;
  const hz = state.hazards;
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('ledgers.title'))),
    ledger('inspections', t('ledgers.inspections'), t('ledgers.inspections_hint'), [
      termFilter('inspection_status', 'status', 'li-status', ins.status),
      termFilter('inspection_kind', 'kind', 'li-kind', ins.kind),
      h('label', {}, t('review.overdue'), overdueSelect('li-overdue', ins.overdue)),
      h('label', {}, label('org_unit_kind', 'grid'), gridSelect('li-grid', ins.grid_id)),
      h('label', {}, t('ledgers.due_before'), h('input', { type: 'date', name: 'due_before', id: 'li-due-before', value: ins.due_before })),
    ], status),
    ledger('hazards', t('ledgers.hazards'), t('ledgers.hazards_hint'), [
      termFilter('hazard_status', 'status', 'lh-status', hz.status),
      termFilter('severity', 'severity', 'lh-severity', hz.severity),
      h('label', {}, t('review.overdue'), overdueSelect('lh-overdue', hz.overdue)),
      h('label', {}, label('org_unit_kind', 'grid'), gridSelect('lh-grid', hz.grid_id)),
    ], status),
    status);
}
