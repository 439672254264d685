// #/dashboard: the overview figures of the supervisor's org unit for a
// range (GET /stats/overview) and the grids, worst first (GET /stats/grids).
import { api } from './api.js';
import { t } from './i18n.js';
import { label, values } from './vocab.js';
import { h, term, fmtNum, fmtPct, today, empty, showError, select, tableWrap } from './ui.js';
import { trendChart, trendLegend } from './chart.js';

// The range and unit chosen stay while the page is open. The first range is
// the API's default (this year up to today, in the service's time zone),
// read back from its answer; 'today' is the service's, once known.
const state = { from: '', to: '', unit: '', behindOnly: false, today: '' };

/** stat is one figure: key in the API's answer, its caption (text or an element), its value. */
function stat(key, caption, value, { shown = fmtNum(value), cls = '', href = '' } = {}) {
  const v = h('span', { class: 'stat-value', 'data-stat': key, 'data-value': value }, shown);
  const c = caption instanceof Node ? caption : h('span', { class: 'stat-label' }, caption);
  // A figure that counts a work list links to it.
  if (href) return h('a', { class: ('stat link ' + cls).trim(), href, 'data-work': href }, v, c);
  return h('div', { class: ('stat ' + cls).trim() }, v, c);
}

/** termStat is a figure captioned by a term of the vocabulary. */
function termStat(key, set, value, n, opts) {
  return stat(key, term('span', { class: 'stat-label' }, set, value), n, opts);
}

function figures(box, s) {
  const v = s.venues, i = s.inspections, z = s.hazards;
  const categories = values('category');
  const maxCat = Math.max(1, ...categories.map((c) => v.by_category[c] || 0));
  const bar = h('div', { class: 'bar' }, h('span', { class: 'bar-fill' }));
  bar.firstChild.style.width = Math.round(i.completion_rate * 100) + '%';
  box.replaceChildren(
    h('div', { class: 'card' },
      h('h2', {}, t('dash.venues')),
      h('div', { class: 'stats' },
        stat('venues.total', t('dash.venues_total'), v.total),
        values('risk_level').map((l) => termStat('venues.by_level.' + l, 'risk_level', l, v.by_level[l] || 0, { cls: 'lvl-' + l }))),
      h('table', { class: 'cats' }, h('tbody', {}, categories.map((c) => {
        const fill = h('span', { class: 'bar-fill' });
        fill.style.width = Math.round(((v.by_category[c] || 0) / maxCat) * 100) + '%';
        return h('tr', {},
          term('th', {}, 'category', c),
          h('td', { class: 'num', 'data-stat': 'venues.by_category.' + c, 'data-value': v.by_category[c] || 0 }, fmtNum(v.by_category[c] || 0)),
          h('td', { class: 'wide' }, h('div', { class: 'bar thin' }, fill)));
      })))),
    h('div', { class: 'card' },
      h('h2', {}, t('dash.inspections')),
      h('div', { class: 'stats' },
        stat('inspections.due', t('dash.due'), i.due),
        stat('inspections.done', t('dash.done'), i.done),
        stat('inspections.on_time', t('dash.on_time'), i.on_time),
        stat('inspections.overdue', t('dash.overdue'), i.overdue, { cls: i.overdue > 0 ? 'alert' : '', href: workLink('inspections', s) })),
      h('div', { class: 'rate' },
        stat('inspections.completion_rate', t('dash.completion_rate'), i.completion_rate, { shown: fmtPct(i.completion_rate), cls: 'big' }),
        bar)),
    h('div', { class: 'card' },
      h('h2', {}, t('dash.hazards')),
      h('div', { class: 'stats' },
        stat('hazards.found', t('dash.found'), z.found),
        termStat('hazards.fixed_on_site', 'fix_mode', 'on_site', z.fixed_on_site),
        stat('hazards.fixed_by_deadline', t('dash.fixed_by_deadline'), z.fixed_by_deadline),
        // The counts by status now, one per hazard status.
        values('hazard_status').map((st) => termStat('hazards.' + st, 'hazard_status', st, z[st])),
        stat('hazards.overdue', t('dash.hazards_overdue'), z.overdue, { cls: z.overdue > 0 ? 'alert' : '', href: workLink('hazards', s) }))));
}

// The work list of a figure. The overdue inspections figure counts planned
// inspections due in the range, in the unit chosen: its list is asked for
// the same (GET /inspections?overdue=true&planned=true&due_from&due_to&org_unit_id),
// so the list shows the rows the figure counts.
function workLink(list, s) {
  const q = new URLSearchParams({ list });
  if (list === 'inspections' && s) {
    q.set('planned', 'true');
    q.set('due_from', s.from);
    q.set('due_to', s.to);
    if (s.org_unit_id) q.set('org_unit_id', s.org_unit_id);
  }
  if (list === 'hazards' && s) {
    // The overdue hazards figure counts open ones past their deadline found in the range.
    q.set('found_from', s.from);
    q.set('found_to', s.to);
    if (s.org_unit_id) q.set('org_unit_id', s.org_unit_id);
  }
  return '#/work?' + q.toString();
}

/** subtotals sums the grids' figures by their station and district (a city's or a district's view). */
async function subtotals(box, items) {
  const units = await api.all('/org-units').catch(() => []);
  const byId = new Map(units.map((u) => [u.id, u]));
  const sums = new Map();
  for (const g of items) {
    for (let u = byId.get(byId.get(g.org_unit_id)?.parent_id); u; u = byId.get(u.parent_id)) {
      if (u.kind !== 'station' && u.kind !== 'district') continue;
      const x = sums.get(u.id) || { unit: u, due: 0, done: 0, overdue: 0, open: 0, hzOverdue: 0, grids: 0 };
      x.due += g.inspections.due;
      x.done += g.inspections.done;
      x.overdue += g.inspections.overdue;
      x.open += g.hazards.open;
      x.hzOverdue += g.hazards.overdue;
      x.grids++;
      sums.set(u.id, x);
    }
  }
  const rows = [...sums.values()];
  if (rows.filter((x) => x.unit.kind === 'station').length < 2) {
    box.replaceChildren();
    return;
  }
  const depth = values('org_unit_kind');
  rows.sort((a, b) => depth.indexOf(a.unit.kind) - depth.indexOf(b.unit.kind) || a.unit.code.localeCompare(b.unit.code));
  box.replaceChildren(h('h2', {}, t('dash.subtotals')), tableWrap(h('table', { id: 'subtotals', class: 'table', 'aria-label': t('dash.subtotals') },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.unit')), h('th', { class: 'num', scope: 'col' }, t('dash.due')),
      h('th', { class: 'num', scope: 'col' }, t('dash.done')), h('th', { class: 'num', scope: 'col' }, t('dash.completion_rate')),
      h('th', { class: 'num', scope: 'col' }, t('dash.overdue')), term('th', { class: 'num', scope: 'col' }, 'hazard_status', 'open'),
      h('th', { class: 'num', scope: 'col' }, t('dash.hazards_overdue')))),
    h('tbody', {}, rows.map((x) => h('tr', { 'data-unit-id': x.unit.id, 'data-kind': x.unit.kind, 'data-due': x.due, 'data-done': x.done },
      h('td', {}, term('span', { class: 'muted' }, 'org_unit_kind', x.unit.kind), ' ', x.unit.name),
      h('td', { class: 'num' }, fmtNum(x.due)), h('td', { class: 'num' }, fmtNum(x.done)),
      h('td', { class: 'num' }, fmtPct(x.due ? x.done / x.due : 0)),
      h('td', { class: 'num' + (x.overdue ? ' alert' : '') }, fmtNum(x.overdue)), h('td', { class: 'num' }, fmtNum(x.open)),
      h('td', { class: 'num' + (x.hzOverdue ? ' alert' : '') }, fmtNum(x.hzOverdue))))))));
}

/** trends draws the last 12 months of the unit and of each unit under it. */
async function trends(box, unitID) {
  box.dataset.state = 'loading';
  const tr = await api.get('/stats/trends', { org_unit_id: unitID });
  box.replaceChildren(
    h('h2', {}, t('trend.title')), trendLegend(),
    h('div', { class: 'trend-main' }, trendChart(tr.unit, { id: 'trend-unit' })),
    tr.children.length ? h('div', { class: 'trend-children' }, tr.children.map((c) => trendChart(c))) : null);
  box.dataset.state = 'ready';
  box.dataset.unitId = tr.org_unit_id;
}

function behind(g) {
  return g.inspections.overdue > 0 || g.hazards.overdue > 0;
}

function grids(box, items) {
  const shown = state.behindOnly ? items.filter(behind) : items;
  const count = h('p', { class: 'muted', id: 'grids-count' },
    t('dash.grids_count', { behind: items.filter(behind).length, total: items.length }));
  if (!shown.length) {
    box.replaceChildren(count, empty(state.behindOnly ? t('dash.no_grid_behind') : t('common.none')));
    return;
  }
  box.replaceChildren(count, tableWrap(h('table', { id: 'grid-table', class: 'table', 'aria-label': t('dash.grids') },
    h('thead', {}, h('tr', {},
      term('th', { scope: 'col' }, 'org_unit_kind', 'grid'), h('th', { class: 'num', scope: 'col' }, t('dash.due')), h('th', { class: 'num', scope: 'col' }, t('dash.done')),
      h('th', { class: 'num', scope: 'col' }, t('dash.completion_rate')), h('th', { class: 'num', scope: 'col' }, t('dash.overdue')),
      term('th', { class: 'num', scope: 'col' }, 'hazard_status', 'open'), h('th', { class: 'num', scope: 'col' }, t('dash.hazards_overdue')),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('dash.behind'))))),
    h('tbody', {}, shown.map((g) => h('tr', { 'data-grid-id': g.org_unit_id, class: behind(g) ? 'behind' : '' },
      h('td', {}, h('a', { href: '#/venues?grid_id=' + g.org_unit_id }, g.name), ' ', h('span', { class: 'muted' }, g.code)),
      h('td', { class: 'num' }, fmtNum(g.inspections.due)),
      h('td', { class: 'num' }, fmtNum(g.inspections.done)),
      h('td', { class: 'num' }, fmtPct(g.inspections.completion_rate)),
      h('td', { class: 'num' + (g.inspections.overdue ? ' alert' : '') }, fmtNum(g.inspections.overdue)),
      h('td', { class: 'num' }, fmtNum(g.hazards.open)),
      h('td', { class: 'num' + (g.hazards.overdue ? ' alert' : '') }, fmtNum(g.hazards.overdue)),
      h('td', {}, behind(g) ? h('span', { class: 'badge behind' }, t('dash.behind')) : '')))))));
}

function serverToday() {
  return state.today || today();
}

function quarterStart() {
  const d = serverToday();
  const m = Number(d.slice(5, 7));
  return `${d.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
}

export async function render(view, ctx) {
  const from = h('input', { id: 'range-from', type: 'date', value: state.from });
  const to = h('input', { id: 'range-to', type: 'date', value: state.to });
  const unit = select({ id: 'range-unit', hidden: true, 'aria-label': t('dash.unit') }, [['', ctx.unit ? ctx.unit.name : t('dash.my_scope')]], state.unit);
  const trendBox = h('section', { id: 'trends', class: 'card', 'data-state': 'loading' });
  const subBox = h('div', { id: 'subtotals-box', class: 'card-plain' });
  const figs = h('div', { id: 'figures', class: 'figures', 'data-state': 'loading' });
  const gridBox = h('div', { id: 'grids' });
  const behindOnly = h('input', { id: 'grids-behind-only', type: 'checkbox', checked: state.behindOnly });
  let lastGrids = [];
  // The heading names the unit whose figures are shown.
  const unitNames = new Map([['', ctx.unit ? ctx.unit.name : '']]);
  const heading = h('p', { class: 'muted', id: 'dash-unit' }, unitNames.get(''));

  async function load() {
    state.from = from.value;
    state.to = to.value;
    state.unit = unit.value;
    heading.textContent = unitNames.get(state.unit) ?? unitNames.get('');
    figs.dataset.state = 'loading';
    const q = { from: state.from, to: state.to, org_unit_id: state.unit };
    try {
      const [overview, perGrid] = await Promise.all([api.get('/stats/overview', q), api.get('/stats/grids', q)]);
      figures(figs, overview);
      lastGrids = perGrid.items;
      grids(gridBox, lastGrids);
      subtotals(subBox, lastGrids).catch(() => {});
      trends(trendBox, state.unit).catch((err) => { trendBox.dataset.state = 'error'; showError(err); });
      if (!state.from) {
        state.today = overview.to;
        from.value = state.from = overview.from;
        to.value = state.to = overview.to;
      }
      figs.dataset.from = overview.from;
      figs.dataset.to = overview.to;
      figs.dataset.state = 'ready';
    } catch (err) {
      figs.dataset.state = 'error';
      showError(err);
    }
  }

  const quick = (a, b) => {
    from.value = a;
    to.value = b;
    load();
  };
  const form = h('form', { id: 'range-form', class: 'toolbar' },
    h('label', {}, t('dash.from'), from),
    h('label', {}, t('dash.to'), to),
    unit,
    h('button', { type: 'submit', id: 'range-apply', class: 'primary' }, t('common.apply')),
    h('span', { class: 'quick' },
      h('button', { type: 'button', class: 'ghost', onclick: () => quick(serverToday().slice(0, 8) + '01', serverToday()) }, t('dash.this_month')),
      h('button', { type: 'button', class: 'ghost', onclick: () => quick(quarterStart(), serverToday()) }, t('dash.this_quarter')),
      h('button', { type: 'button', class: 'ghost', onclick: () => quick(serverToday().slice(0, 4) + '-01-01', serverToday()) }, t('dash.this_year'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  unit.addEventListener('change', load);
  behindOnly.addEventListener('change', () => {
    state.behindOnly = behindOnly.checked;
    grids(gridBox, lastGrids);
  });

  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('dash.title')), heading),
    form, figs,
    h('div', { class: 'section-head' }, h('h2', {}, t('dash.grids')),
      h('label', { class: 'inline' }, behindOnly, t('dash.behind_only'))),
    h('p', { class: 'muted small' }, t('dash.grids_hint')),
    gridBox, subBox, trendBox);

  // Units below the user's own (districts, stations) can be chosen too.
  const ownID = ctx.user.org_unit_id;
  api.all('/org-units').then((units) => {
    const own = units.filter((u) => u.kind !== 'grid' && u.id !== ownID);
    if (!own.length) return;
    const depth = values('org_unit_kind'); // from the root down
    own.sort((a, b) => depth.indexOf(a.kind) - depth.indexOf(b.kind) || a.code.localeCompare(b.code));
    for (const u of own) {
      unitNames.set(u.id, u.name);
      unit.append(h('option', { value: u.id, selected: u.id === state.unit }, `${label('org_unit_kind', u.kind)} · ${u.name}`));
    }
    unit.hidden = false;
    heading.textContent = unitNames.get(state.unit) ?? unitNames.get('');
  }, () => {});

  await load();
}
