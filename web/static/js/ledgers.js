// #/ledgers: the inspection ledger and the hazard ledger (隐患台账) as CSV or
// XLSX, with the filters chosen here; fetched with the token, saved as a blob.
import { download } from './api.js';
import { t } from './i18n.js';
import { h, fmtBytes, showError, select, busy } from './ui.js';
import { gridSelect } from './venues.js';

const state = {
  inspections: { status: '', kind: '', overdue: '', grid_id: '', due_before: '' },
  hazards: { status: '', severity: '', overdue: '', grid_id: '' },
};

const STATUSES = ['scheduled', 'in_progress', 'submitted', 'approved', 'returned', 'cancelled'];
const KINDS = ['routine', 'reinspection', 'ad_hoc'];
const HAZARD_STATUSES = ['open', 'rectified', 'verified'];
const SEVERITIES = ['general', 'major'];

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
      h('label', {}, t('review.status'), select({ name: 'status', id: 'li-status' }, [['', t('common.any')], ...STATUSES.map((s) => [s, t('status.' + s)])], ins.status)),
      h('label', {}, t('review.kind'), select({ name: 'kind', id: 'li-kind' }, [['', t('common.any')], ...KINDS.map((k) => [k, t('kind.' + k)])], ins.kind)),
      h('label', {}, t('review.overdue'), overdueSelect('li-overdue', ins.overdue)),
      h('label', {}, t('venues.grid'), gridSelect('li-grid', ins.grid_id)),
      h('label', {}, t('ledgers.due_before'), h('input', { type: 'date', name: 'due_before', id: 'li-due-before', value: ins.due_before })),
    ], status),
    ledger('hazards', t('ledgers.hazards'), t('ledgers.hazards_hint'), [
      h('label', {}, t('review.status'), select({ name: 'status', id: 'lh-status' }, [['', t('common.any')], ...HAZARD_STATUSES.map((s) => [s, t('hazard_status.' + s)])], hz.status)),
      h('label', {}, t('review.severity'), select({ name: 'severity', id: 'lh-severity' }, [['', t('common.any')], ...SEVERITIES.map((s) => [s, t('severity.' + s)])], hz.severity)),
      h('label', {}, t('review.overdue'), overdueSelect('lh-overdue', hz.overdue)),
      h('label', {}, t('venues.grid'), gridSelect('lh-grid', hz.grid_id)),
    ], status),
    status);
}
