// #/work: the station's work that is due or late — overdue inspections,
// overdue hazards, owners' fixes to verify, reinspections to do — filterable by grid and officer,
// the filters kept in the URL (#/work?list=…&grid_id=…&officer=…), with
// links to the documents to serve and the reports on their clock.
import { api } from './api.js';
import { t } from './i18n.js';
import { label, setLabel, openValues } from './vocab.js';
import { h, term, fmtDate, badge, empty, loading, showError, tableWrap } from './ui.js';
import { grids, gridSelect, officerSelect, officers, itemLabel } from './lookups.js';

// Each list: how it is asked of the API, with the filters of the page.
const lists = {
  inspections: {
    title: 'work.overdue_inspections',
    path: '/inspections',
    // From the dashboard's figure: its range, unit and planned kinds (figureKeys).
    query: (f) => ({ overdue: 'true', grid_id: f.grid_id, assignee_id: f.officer,
      planned: f.planned, due_from: f.due_from, due_to: f.due_to, org_unit_id: f.org_unit_id }),
  },
  hazards: {
    title: 'work.overdue_hazards',
    path: '/hazards',
    // From the dashboard's figure: the days they were found in, and the unit.
    query: (f) => ({ overdue: 'true', grid_id: f.grid_id, found_by: f.officer,
      found_from: f.found_from, found_to: f.found_to, org_unit_id: f.org_unit_id }),
  },
  owner_fixes: {
    // The fixes venues' owners recorded (整改回执), for an officer or a supervisor to verify.
    title: 'work.owner_fixes',
    path: '/hazards',
    query: (f) => ({ status: 'rectified', rectified_by: 'owner', grid_id: f.grid_id, found_by: f.officer }),
  },
  reinspections: {
    title: 'work.reinspections',
    path: '/inspections',
    query: (f) => ({ kind: 'reinspection', status: openValues('inspection_status').join(','), grid_id: f.grid_id, assignee_id: f.officer }),
  },
};

/** workQuery is what the API is asked for a list with the page's filters (the tests ask the same). */
export function workQuery(name, f) {
  return lists[name].query(f);
}

const MAX = 500;

// The filters a dashboard figure's link adds to the overdue inspections
// (see dashboard.js workLink); kept in the URL while the page's own change.
const figureKeys = ['planned', 'due_from', 'due_to', 'found_from', 'found_to', 'org_unit_id'];

function keepFigure(q, f) {
  for (const k of figureKeys) if (f[k]) q.set(k, f[k]);
}

function names(promise, key) {
  return promise.then((xs) => new Map(xs.map((x) => [x.id, key(x)])), () => new Map());
}

async function inspectionRows(items, gridName, officerName) {
  return items.map((i) => h('tr', { 'data-id': i.id },
    h('td', {}, h('a', { href: '#/review/inspection/' + i.id }, i.venue ? i.venue.name : i.venue_id)),
    h('td', {}, i.venue ? i.venue.address : ''),
    h('td', {}, gridName(i.grid_id)),
    h('td', {}, fmtDate(i.due_date)),
    term('td', {}, 'inspection_kind', i.kind),
    h('td', {}, badge('inspection_status', i.status)),
    h('td', {}, officerName(i.assignee_id))));
}

async function hazardRows(items, gridName) {
  return Promise.all(items.map(async (z) => h('tr', { 'data-id': z.id },
    h('td', {}, h('a', { href: '#/review/hazard/' + z.id }, await itemLabel(z.code))),
    h('td', {}, h('a', { href: '#/venues/' + z.venue_id }, t('work.open_venue'))),
    h('td', {}, gridName(z.grid_id)),
    h('td', {}, fmtDate(z.deadline)),
    h('td', {}, badge('severity', z.severity)),
    h('td', {}, badge('hazard_status', z.status)))));
}

function head(cols) {
  return h('thead', {}, h('tr', {}, cols.map((c) => (c instanceof Node ? c : h('th', { scope: 'col' }, c)))));
}

async function section(name, f, gridName, officerName) {
  const def = lists[name];
  const box = h('section', { class: 'card work-list', id: 'work-' + name, 'data-list': name, 'data-state': 'loading', 'aria-labelledby': 'work-h-' + name },
    h('h2', { id: 'work-h-' + name }, t(def.title)), loading());
  const fill = async () => {
    const items = await api.all(def.path, def.query(f), MAX);
    const count = h('p', { class: 'muted work-count', 'data-count': items.length },
      t(items.length >= MAX ? 'work.count_more' : 'work.count', { n: items.length }));
    if (!items.length) {
      box.replaceChildren(box.firstChild, count, empty(t('work.none')));
    } else if (def.path === '/hazards') {
      box.replaceChildren(box.firstChild, count, tableWrap(h('table', { class: 'table' },
        head([t('review.item'), t('review.venue'), label('org_unit_kind', 'grid'), t('review.deadline'), h('th', { scope: 'col' }, setLabel('severity')), h('th', { scope: 'col' }, setLabel('hazard_status'))]),
        h('tbody', {}, await hazardRows(items, gridName)))));
    } else {
      box.replaceChildren(box.firstChild, count, tableWrap(h('table', { class: 'table' },
        head([t('venues.name'), t('venues.address'), label('org_unit_kind', 'grid'), t('review.due_date'), h('th', { scope: 'col' }, setLabel('inspection_kind')),
          h('th', { scope: 'col' }, setLabel('inspection_status')), t('review.officer')]),
        h('tbody', {}, await inspectionRows(items, gridName, officerName)))));
    }
    box.dataset.state = 'ready';
    box.dataset.count = items.length;
  };
  fill().catch((e) => {
    box.dataset.state = 'error';
    for (const el of box.querySelectorAll('.loading')) el.remove();
    showError(e);
  });
  return box;
}

export async function render(view, ctx, query) {
  const p = new URLSearchParams(query || '');
  const f = { grid_id: p.get('grid_id') || '', officer: p.get('officer') || '' };
  for (const k of figureKeys) f[k] = p.get(k) || '';
  const only = lists[p.get('list')] ? p.get('list') : '';
  const gridName = await names(grids(), (g) => g.name).then((m) => (id) => m.get(id) || '');
  const officerName = await names(officers(), (u) => u.name).then((m) => (id) => (id ? m.get(id) || '' : '—'));

  const gridSel = gridSelect('work-grid', f.grid_id);
  const officerSel = officerSelect('work-officer', 'officer', f.officer);
  const go = () => {
    const q = new URLSearchParams();
    if (only) q.set('list', only);
    if (gridSel.value) q.set('grid_id', gridSel.value);
    if (officerSel.value) q.set('officer', officerSel.value);
    keepFigure(q, f);
    const s = q.toString();
    location.hash = '#/work' + (s ? '?' + s : '');
  };
  gridSel.addEventListener('change', go);
  officerSel.addEventListener('change', go);
  const tabs = h('nav', { class: 'tabs work-tabs', 'aria-label': t('work.lists') },
    [['', t('work.all')], ...Object.keys(lists).map((k) => [k, t(lists[k].title)])].map(([k, text]) => {
      const q = new URLSearchParams();
      if (k) q.set('list', k);
      if (f.grid_id) q.set('grid_id', f.grid_id);
      if (f.officer) q.set('officer', f.officer);
      keepFigure(q, f);
      const s = q.toString();
      return h('a', { class: 'tab' + (k === only ? ' active' : ''), href: '#/work' + (s ? '?' + s : ''), 'aria-current': k === only ? 'page' : false }, text);
    }));
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('work.title')), h('p', { class: 'muted' }, ctx.unit ? ctx.unit.name : '')),
    h('form', { class: 'toolbar', id: 'work-filters', onsubmit: (e) => e.preventDefault() },
      h('label', {}, label('org_unit_kind', 'grid'), gridSel), h('label', {}, label('role', 'officer'), officerSel)),
    tabs);
  if (figureKeys.some((k) => f[k])) {
    // Opened from a dashboard figure: say what the overdue list is cut to, and how to see it all.
    const all = new URLSearchParams();
    if (only) all.set('list', only);
    if (f.grid_id) all.set('grid_id', f.grid_id);
    if (f.officer) all.set('officer', f.officer);
    const s = all.toString();
    view.append(h('p', { class: 'muted', id: 'work-figure' },
      f.found_from ? t('work.figure_cut_hazards', { from: fmtDate(f.found_from), to: fmtDate(f.found_to) })
        : t('work.figure_cut', { from: fmtDate(f.due_from), to: fmtDate(f.due_to) }), ' ',
      h('a', { href: '#/work' + (s ? '?' + s : ''), id: 'work-figure-clear' }, t('work.figure_clear'))));
  }
  const names_ = only ? [only] : Object.keys(lists);
  for (const n of names_) view.append(await section(n, f, gridName, officerName));
  if (!only) {
    // Places for the lists that come with the documents and reports.
    view.append(h('section', { class: 'card work-list', id: 'work-documents', 'aria-labelledby': 'work-h-documents' },
      h('h2', { id: 'work-h-documents' }, t('work.documents')),
      h('p', {}, h('a', { href: '#/reports', id: 'work-reports-link' }, t('work.reports_link'))),
      h('p', {}, h('a', { href: '#/documents' }, t('documents.title')))));
  }
}
