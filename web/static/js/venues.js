// #/venues: search and filter venues, as a list or a map; #/venues/{id}: a
// venue with its level history, inspections and hazards.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, fmtTime, fmtDate, levelBadge, badge, field, empty, loading, showError, select } from './ui.js';
import { venueMap } from './map.js';
import { itemLabel, later } from './review.js';

export const CATEGORIES = ['shop', 'restaurant', 'hotel', 'entertainment', 'internet_cafe', 'beauty_bath', 'school', 'clinic', 'workshop'];
const LEVELS = ['red', 'yellow', 'green'];

const state = { q: '', risk_level: '', category: '', grid_id: '', view: 'list' };

let gridsPromise = null;

/** grids lists the grids in scope, by code. */
export function grids() {
  if (!gridsPromise) {
    gridsPromise = api.all('/org-units', { kind: 'grid' }).then((gs) => gs.sort((a, b) => a.code.localeCompare(b.code)));
    gridsPromise.catch(() => { gridsPromise = null; });
  }
  return gridsPromise;
}

/** gridSelect is a <select> of the grids in scope, filled when they arrive. */
export function gridSelect(id, current) {
  const sel = select({ id, name: 'grid_id' }, [['', t('common.all_grids')]], current);
  grids().then((gs) => {
    for (const g of gs) sel.append(h('option', { value: g.id, selected: g.id === current }, `${g.name} (${g.code})`));
  }, () => {});
  return sel;
}

function venueRow(v, gridName) {
  return h('tr', { 'data-venue-id': v.id },
    h('td', {}, h('a', { href: '#/venues/' + v.id }, v.name)),
    h('td', {}, levelBadge(v.risk_level)),
    h('td', {}, t('category.' + v.category)),
    h('td', {}, gridName(v.grid_id)),
    h('td', {}, v.address),
    h('td', {}, v.status === 'active' ? '' : badge('venue_status', v.status)));
}

export async function renderList(view, ctx, query) {
  if (query) {
    const p = new URLSearchParams(query);
    for (const k of ['q', 'risk_level', 'category', 'grid_id']) if (p.has(k)) state[k] = p.get(k);
  }
  const q = h('input', { id: 'venue-q', type: 'search', value: state.q, placeholder: t('venues.q_ph') });
  const level = select({ id: 'venue-level' }, [['', t('common.all_levels')], ...LEVELS.map((l) => [l, t('level.' + l)])], state.risk_level);
  const category = select({ id: 'venue-category' }, [['', t('common.all_categories')], ...CATEGORIES.map((c) => [c, t('category.' + c)])], state.category);
  const grid = gridSelect('venue-grid', state.grid_id);
  const listBtn = h('button', { type: 'button', id: 'view-list', class: 'tab' }, t('venues.list'));
  const mapBtn = h('button', { type: 'button', id: 'view-map', class: 'tab' }, t('venues.map'));
  const count = h('p', { class: 'muted', id: 'venue-count' });
  const results = h('div', { id: 'venue-results', class: 'card' });
  const form = h('form', { id: 'venue-filters', class: 'toolbar' },
    h('label', { class: 'grow' }, t('venues.q'), q),
    h('label', {}, t('venues.level'), level),
    h('label', {}, t('venues.category'), category),
    h('label', {}, t('venues.grid'), grid),
    h('button', { type: 'submit', class: 'primary', id: 'venue-search' }, t('common.search')));

  let items = [];
  let cursor = null;
  let listed = false; // the list's first page is in items
  // The map's points: every venue that matches, from /venues/points (null
  // until the map is shown for the current filters).
  let points = null;
  let names = new Map();
  const gridName = (id) => names.get(id) || '';
  grids().then((gs) => { names = new Map(gs.map((g) => [g.id, g.name])); }, () => {});

  const filters = () => ({ q: state.q, risk_level: state.risk_level, category: state.category, grid_id: state.grid_id });

  // Each search (new filters) counts; an answer to an older one is dropped,
  // so that a slow answer cannot replace what the filters on screen ask for.
  let generation = 0;

  async function fetchPage() {
    const my = generation;
    const page = await api.get('/venues', { ...filters(), limit: 200, cursor });
    if (my !== generation) return false;
    items.push(...page.items);
    cursor = page.next_cursor;
    listed = true;
    return true;
  }

  async function fetchPoints() {
    const my = generation;
    const p = await api.get('/venues/points', filters());
    if (my !== generation) return false;
    points = p;
    return true;
  }

  function show() {
    listBtn.classList.toggle('active', state.view === 'list');
    mapBtn.classList.toggle('active', state.view === 'map');
    // The view's data is still on its way: load() shows it when it comes.
    if (state.view === 'map' ? !points : !listed) return;
    results.dataset.state = 'ready';
    if (state.view === 'map') {
      count.textContent = t(points.truncated ? 'venues.count_more' : 'venues.count', { n: points.items.length });
      results.replaceChildren(venueMap(points.items, (v) => { location.hash = '#/venues/' + v.id; }));
      return;
    }
    count.textContent = t(cursor ? 'venues.count_more' : 'venues.count', { n: items.length });
    if (!items.length) {
      results.replaceChildren(empty(t('venues.none')));
      return;
    }
    const more = cursor ? h('button', { type: 'button', id: 'venue-more', class: 'ghost' }, t('common.more')) : null;
    if (more) {
      more.addEventListener('click', async () => {
        more.disabled = true;
        try { await fetchPage(); show(); } catch (e) { showError(e); more.disabled = false; }
      });
    }
    results.replaceChildren(h('table', { class: 'table', id: 'venue-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('venues.name')), h('th', {}, t('venues.level')), h('th', {}, t('venues.category')),
        h('th', {}, t('venues.grid')), h('th', {}, t('venues.address')), h('th', {}, ''))),
      h('tbody', {}, items.map((v) => venueRow(v, gridName)))), more);
  }

  // load fetches what the view shown lacks for the current filters: the
  // list's first page, or the map's points. The other view keeps its data.
  const pending = new Map(); // view and generation → the load under way
  function load() {
    const key = state.view + generation;
    if (!pending.has(key)) pending.set(key, loadNow().finally(() => pending.delete(key)));
    return pending.get(key);
  }

  async function loadNow() {
    const my = generation;
    results.dataset.state = 'loading';
    results.replaceChildren(loading());
    try {
      if (state.view === 'map') await fetchPoints();
      else await fetchPage();
      show();
    } catch (e) {
      if (my !== generation) return;
      results.dataset.state = 'error';
      results.replaceChildren();
      showError(e);
    }
  }

  function search() {
    state.q = q.value.trim();
    state.risk_level = level.value;
    state.category = category.value;
    state.grid_id = grid.value;
    generation++;
    items = [];
    cursor = null;
    listed = false;
    points = null;
    return load();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
  for (const el of [level, category, grid]) el.addEventListener('change', search);
  listBtn.addEventListener('click', () => {
    state.view = 'list';
    return listed ? show() : load();
  });
  mapBtn.addEventListener('click', () => {
    state.view = 'map';
    return points ? show() : load();
  });

  view.append(h('div', { class: 'page-head' }, h('h1', {}, t('venues.title')),
    h('div', { class: 'tabs' }, listBtn, mapBtn)), form, count, results);
  // The grid may come from the URL before the options arrive.
  grid.value = state.grid_id;
  await grids().catch(() => {});
  grid.value = state.grid_id;
  await search();
}

// ---- one venue -------------------------------------------------------------

function historyTable(items) {
  if (!items.length) return empty(t('common.none'));
  return h('table', { class: 'table', id: 'venue-history' },
    h('thead', {}, h('tr', {}, h('th', {}, t('venues.changed_at')), h('th', {}, t('venues.change')), h('th', {}, t('venues.reason')))),
    h('tbody', {}, items.slice().reverse().map((c) => h('tr', {},
      h('td', {}, fmtTime(c.changed_at)),
      h('td', {}, c.from_level ? [levelBadge(c.from_level), ' → '] : '', levelBadge(c.to_level)),
      h('td', {}, c.reason)))));
}

function inspectionsTable(items) {
  if (!items.length) return empty(t('common.none'));
  return h('table', { class: 'table', id: 'venue-inspections' },
    h('thead', {}, h('tr', {}, h('th', {}, t('review.due_date')), h('th', {}, t('review.kind')), h('th', {}, t('review.status')),
      h('th', {}, t('review.submitted_at')), h('th', {}, t('review.review_comment')))),
    h('tbody', {}, items.map((i) => h('tr', { 'data-id': i.id },
      h('td', {}, h('a', { href: '#/review/inspection/' + i.id }, fmtDate(i.due_date))),
      h('td', {}, t('kind.' + i.kind)),
      h('td', {}, badge('status', i.status), i.overdue ? [' ', h('span', { class: 'badge alert' }, t('review.overdue'))] : '',
        i.off_site ? [' ', h('span', { class: 'badge off-site' }, t('review.off_site'))] : ''),
      h('td', {}, fmtTime(i.submitted_at)),
      h('td', {}, i.review_comment || '')))));
}

function hazardsTable(items) {
  if (!items.length) return empty(t('common.none'));
  return h('table', { class: 'table', id: 'venue-hazards' },
    h('thead', {}, h('tr', {}, h('th', {}, t('venues.found_at')), h('th', {}, t('review.item')), h('th', {}, t('review.severity')),
      h('th', {}, t('review.fix_mode')), h('th', {}, t('review.deadline')), h('th', {}, t('review.status')))),
    h('tbody', {}, items.map((z) => h('tr', { 'data-id': z.id },
      h('td', {}, h('a', { href: '#/review/hazard/' + z.id }, fmtTime(z.created_at))),
      h('td', {}, later(itemLabel(z.code), z.code), h('br'), h('span', { class: 'muted small' }, z.description)),
      h('td', {}, badge('severity', z.severity)),
      h('td', {}, badge('fix', z.fix_mode)),
      h('td', {}, fmtDate(z.deadline)),
      h('td', {}, badge('hazard_status', z.status), z.overdue ? [' ', h('span', { class: 'badge alert' }, t('review.overdue'))] : '')))));
}

export async function renderVenue(view, ctx, id) {
  view.append(loading());
  const v = await api.get('/venues/' + id);
  const [history, inspections, hazards, gs, neighbours] = await Promise.all([
    api.get(`/venues/${id}/history`),
    api.all('/inspections', { venue_id: id }, 400),
    api.all('/hazards', { venue_id: id }, 400),
    grids().catch(() => []),
    api.all('/venues', { grid_id: v.grid_id }, 1000).catch(() => [v]),
  ]);
  const g = gs.find((x) => x.id === v.grid_id);
  view.replaceChildren(
    h('div', { class: 'page-head' },
      h('p', {}, h('a', { href: '#/venues' }, '← ', t('venues.title'))),
      h('h1', { id: 'venue-name' }, v.name, ' ', levelBadge(v.risk_level), v.status !== 'active' ? [' ', badge('venue_status', v.status)] : '')),
    h('div', { class: 'split' },
      h('div', { class: 'card grow', id: 'venue-info', 'data-venue-id': v.id },
        h('dl', { class: 'fields' },
          field(t('venues.category'), t('category.' + v.category)),
          field(t('venues.address'), v.address),
          field(t('venues.grid'), g ? `${g.name} (${g.code})` : v.grid_id),
          field(t('venues.contact'), [v.contact_name, v.contact_phone].filter(Boolean).join(' · ') || '—'),
          field(t('venues.license'), v.license_no || '—'),
          field(t('venues.position'), `${v.lat.toFixed(6)}, ${v.lng.toFixed(6)}`),
          field(t('venues.updated_at'), fmtTime(v.updated_at)))),
      h('div', { class: 'card small-map', id: 'venue-neighbours' },
        h('h2', {}, t('venues.in_grid')),
        venueMap(neighbours, (n) => { location.hash = '#/venues/' + n.id; }, { width: 420, height: 300, r: 5, highlight: v.id }))),
    h('div', { class: 'card' }, h('h2', {}, t('venues.history')), historyTable(history.items)),
    h('div', { class: 'card' }, h('h2', {}, t('venues.inspections'), ` (${inspections.length})`), inspectionsTable(inspections)),
    h('div', { class: 'card' }, h('h2', {}, t('venues.hazards'), ` (${hazards.length})`), hazardsTable(hazards)));
}
