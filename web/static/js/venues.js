// #/venues: search and filter venues, as a list or a map; #/venues/{id}: a
// venue with its level history, inspections and hazards.
import { api, raw, getSession } from './api.js';
import { documentsTable } from './papers.js';
import { t } from './i18n.js';
import { label, setLabel } from './vocab.js';
import { h, term, fmtTime, fmtDate, levelBadge, badge, field, empty, loading, showError, termSelect, later, tableWrap, flash, busy } from './ui.js';
import { grids, gridSelect, itemLabel } from './lookups.js';
import { venueMap } from './map.js';

// The filters and the view chosen stay while the page is open.
const state = { q: '', risk_level: '', category: '', grid_id: '', view: 'list' };

function venueRow(v, gridName) {
  return h('tr', { 'data-venue-id': v.id },
    h('td', {}, h('a', { href: '#/venues/' + v.id }, v.name)),
    h('td', {}, levelBadge(v.risk_level)),
    term('td', {}, 'category', v.category),
    h('td', {}, gridName(v.grid_id)),
    h('td', {}, v.address),
    h('td', {}, v.status === 'active' ? '' : badge('venue_status', v.status)));
}

function venueTable(items, gridName) {
  return tableWrap(h('table', { class: 'table', id: 'venue-table' },
    h('thead', {}, h('tr', {}, h('th', {}, t('venues.name')), h('th', {}, setLabel('risk_level')), h('th', {}, setLabel('category')),
      term('th', {}, 'org_unit_kind', 'grid'), h('th', {}, t('venues.address')), h('th', {}, ''))),
    h('tbody', {}, items.map((v) => venueRow(v, gridName)))));
}

/**
 * VenueSearch holds what the list and the map have fetched for the filters
 * in state, and shows the view chosen. Each search (new filters) counts
 * as a generation: an answer to an older one is dropped, so that a slow
 * answer cannot replace what the filters on screen ask for. Switching views
 * keeps the other view's data.
 */
class VenueSearch {
  constructor(els) {
    this.els = els; // count, results, listBtn, mapBtn
    this.generation = 0;
    this.pending = new Map(); // view and generation → the load under way
    this.names = new Map();
    grids().then((gs) => { this.names = new Map(gs.map((g) => [g.id, g.name])); }, () => {});
    this.reset();
  }

  reset() {
    this.generation++;
    this.items = [];
    this.cursor = null;
    this.listed = false; // the list's first page is in items
    this.points = null; // every venue that matches, from /venues/points, once the map asked
  }

  filters() {
    return { q: state.q, risk_level: state.risk_level, category: state.category, grid_id: state.grid_id };
  }

  async fetchPage() {
    const my = this.generation;
    const page = await api.get('/venues', { ...this.filters(), limit: 200, cursor: this.cursor });
    if (my !== this.generation) return;
    this.items.push(...page.items);
    this.cursor = page.next_cursor;
    this.listed = true;
  }

  async fetchPoints() {
    const my = this.generation;
    const p = await api.get('/venues/points', this.filters());
    if (my !== this.generation) return;
    this.points = p;
  }

  /** has reports whether the view shown has its data for the current filters. */
  has() {
    return state.view === 'map' ? !!this.points : this.listed;
  }

  show() {
    const { listBtn, mapBtn, results } = this.els;
    listBtn.classList.toggle('active', state.view === 'list');
    mapBtn.classList.toggle('active', state.view === 'map');
    if (!this.has()) return; // on its way: load() shows it when it comes
    results.dataset.state = 'ready';
    if (state.view === 'map') this.showMap();
    else this.showList();
  }

  showMap() {
    const { count, results } = this.els;
    count.textContent = t(this.points.truncated ? 'venues.count_more' : 'venues.count', { n: this.points.items.length });
    const openHazards = () => api.all('/hazards', { status: 'open', grid_id: state.grid_id }, 5000);
    results.replaceChildren(venueMap(this.points.items, (v) => { location.hash = '#/venues/' + v.id; }, { hazards: openHazards, codeLabel: itemLabel }));
  }

  showList() {
    const { count, results } = this.els;
    count.textContent = t(this.cursor ? 'venues.count_more' : 'venues.count', { n: this.items.length });
    if (!this.items.length) {
      results.replaceChildren(empty(t('venues.none')));
      return;
    }
    const gridName = (id) => this.names.get(id) || '';
    results.replaceChildren(venueTable(this.items, gridName), this.cursor ? this.moreButton() : null);
  }

  moreButton() {
    const more = h('button', { type: 'button', id: 'venue-more', class: 'ghost' }, t('common.more'));
    more.addEventListener('click', async () => {
      more.disabled = true;
      try { await this.fetchPage(); this.show(); } catch (e) { showError(e); more.disabled = false; }
    });
    return more;
  }

  /** load fetches what the view shown lacks for the current filters, once. */
  load() {
    const key = state.view + this.generation;
    if (!this.pending.has(key)) this.pending.set(key, this.loadNow().finally(() => this.pending.delete(key)));
    return this.pending.get(key);
  }

  async loadNow() {
    const my = this.generation;
    const { results } = this.els;
    results.dataset.state = 'loading';
    results.replaceChildren(loading());
    try {
      if (state.view === 'map') await this.fetchPoints();
      else await this.fetchPage();
      this.show();
    } catch (e) {
      if (my !== this.generation) return;
      results.dataset.state = 'error';
      results.replaceChildren();
      showError(e);
    }
  }

  /** view switches to the list or the map, fetching only what it lacks. */
  view(name) {
    state.view = name;
    return this.has() ? this.show() : this.load();
  }
}

/** filterForm is the search form, the controls set from state. */
function filterForm() {
  const controls = {
    q: h('input', { id: 'venue-q', type: 'search', value: state.q, placeholder: t('venues.q_ph') }),
    risk_level: termSelect({ id: 'venue-level' }, 'risk_level', t('common.all_levels'), state.risk_level),
    category: termSelect({ id: 'venue-category' }, 'category', t('common.all_categories'), state.category),
    grid_id: gridSelect('venue-grid', state.grid_id),
  };
  const form = h('form', { id: 'venue-filters', class: 'toolbar' },
    h('label', { class: 'grow' }, t('venues.q'), controls.q),
    h('label', {}, setLabel('risk_level'), controls.risk_level),
    h('label', {}, setLabel('category'), controls.category),
    h('label', {}, label('org_unit_kind', 'grid'), controls.grid_id),
    h('button', { type: 'submit', class: 'primary', id: 'venue-search' }, t('common.search')));
  return { form, controls };
}

export async function renderList(view, ctx, query) {
  {
    // The URL says the filters: what it leaves out is not filtered.
    const p = new URLSearchParams(query || '');
    for (const k of ['q', 'risk_level', 'category', 'grid_id']) state[k] = p.get(k) || '';
    state.view = p.get('view') === 'map' ? 'map' : 'list';
  }
  const { form, controls } = filterForm();
  const els = {
    listBtn: h('button', { type: 'button', id: 'view-list', class: 'tab' }, t('venues.list')),
    mapBtn: h('button', { type: 'button', id: 'view-map', class: 'tab' }, t('venues.map')),
    count: h('p', { class: 'muted', id: 'venue-count' }),
    results: h('div', { id: 'venue-results', class: 'card' }),
  };
  const search = new VenueSearch(els);
  const run = () => {
    state.q = controls.q.value.trim();
    for (const k of ['risk_level', 'category', 'grid_id']) state[k] = controls[k].value;
    // The filters go into the URL (without a new route), so that a link or a reload keeps them.
    const p = new URLSearchParams();
    for (const k of ['q', 'risk_level', 'category', 'grid_id']) if (state[k]) p.set(k, state[k]);
    if (state.view === 'map') p.set('view', 'map');
    const hash = '#/venues' + (p.toString() ? '?' + p : '');
    if (location.hash !== hash) history.replaceState(null, '', hash);
    search.reset();
    return search.load();
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  for (const k of ['risk_level', 'category', 'grid_id']) controls[k].addEventListener('change', run);
  const viewTo = (name) => {
    const u = new URL(location.href);
    const p = new URLSearchParams(u.hash.split('?')[1] || '');
    if (name === 'map') p.set('view', 'map'); else p.delete('view');
    history.replaceState(null, '', '#/venues' + (p.toString() ? '?' + p : ''));
    return search.view(name);
  };
  els.listBtn.addEventListener('click', () => viewTo('list'));
  els.mapBtn.addEventListener('click', () => viewTo('map'));

  view.append(h('div', { class: 'page-head' }, h('h1', {}, t('venues.title')),
    h('div', { class: 'tabs' }, els.listBtn, els.mapBtn)), form, els.count, els.results);
  // The grid may come from the URL before the options arrive.
  controls.grid_id.value = state.grid_id;
  await grids().catch(() => {});
  controls.grid_id.value = state.grid_id;
  await run();
}

// ---- one venue -------------------------------------------------------------

// The people of the level history, fetched once each.
const people = new Map();
function person(id) {
  if (!id) return Promise.resolve(null);
  if (!people.has(id)) people.set(id, api.get('/users/' + id).then((u) => u.name, () => null));
  return people.get(id);
}

/** decision is who approved a level change and what they said (its reclassification's). */
function decision(c) {
  if (!c.reclassification_id) return later(person(c.changed_by).then((n) => n || '—'));
  return later(api.get('/reclassifications/' + c.reclassification_id).then(async (r) => {
    const who = (await person(r.decided_by)) || (await person(c.changed_by)) || '—';
    return h('span', { 'data-test': 'approver' }, who, r.comment ? h('span', { class: 'muted' }, '：', r.comment) : '');
  }), '—');
}

function historyTable(items) {
  if (!items.length) return empty(t('common.none'));
  // A venue's first level is recorded with the reason "created".
  const reason = (c) => (!c.from_level && c.reason === 'created' ? t('venues.created') : c.reason);
  return tableWrap(h('table', { class: 'table', id: 'venue-history', 'aria-label': t('venues.history') },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('venues.changed_at')), h('th', { scope: 'col' }, t('venues.change')),
      h('th', { scope: 'col' }, t('venues.reason')), h('th', { scope: 'col' }, t('venues.approver')))),
    h('tbody', {}, items.slice().reverse().map((c) => h('tr', { 'data-id': c.id },
      h('td', {}, fmtTime(c.changed_at)),
      h('td', {}, c.from_level ? [levelBadge(c.from_level), ' → '] : '', levelBadge(c.to_level)),
      h('td', { 'data-test': 'reason' }, reason(c)),
      h('td', {}, decision(c)))))));
}

function inspectionsTable(items) {
  if (!items.length) return empty(t('common.none'));
  return tableWrap(h('table', { class: 'table', id: 'venue-inspections' },
    h('thead', {}, h('tr', {}, h('th', {}, t('review.due_date')), h('th', {}, setLabel('inspection_kind')), h('th', {}, setLabel('inspection_status')),
      h('th', {}, t('review.submitted_at')), h('th', {}, t('review.review_comment')))),
    h('tbody', {}, items.map((i) => h('tr', { 'data-id': i.id },
      h('td', {}, h('a', { href: '#/review/inspection/' + i.id }, fmtDate(i.due_date))),
      term('td', {}, 'inspection_kind', i.kind),
      h('td', {}, badge('inspection_status', i.status), i.overdue ? [' ', h('span', { class: 'badge alert' }, t('review.overdue'))] : '',
        i.off_site ? [' ', h('span', { class: 'badge off-site' }, t('review.off_site'))] : ''),
      h('td', {}, fmtTime(i.submitted_at)),
      h('td', {}, i.review_comment || ''))))));
}

function hazardsTable(items) {
  if (!items.length) return empty(t('common.none'));
  return tableWrap(h('table', { class: 'table', id: 'venue-hazards' },
    h('thead', {}, h('tr', {}, h('th', {}, t('venues.found_at')), h('th', {}, t('review.item')), h('th', {}, setLabel('severity')),
      h('th', {}, setLabel('fix_mode')), h('th', {}, t('review.deadline')), h('th', {}, setLabel('hazard_status')))),
    h('tbody', {}, items.map((z) => h('tr', { 'data-id': z.id },
      h('td', {}, h('a', { href: '#/review/hazard/' + z.id }, fmtTime(z.created_at))),
      h('td', {}, later(itemLabel(z.code), z.code), h('br'), h('span', { class: 'muted small' }, z.description)),
      h('td', {}, badge('severity', z.severity)),
      h('td', {}, badge('fix_mode', z.fix_mode)),
      h('td', {}, fmtDate(z.deadline)),
      h('td', {}, badge('hazard_status', z.status), z.overdue ? [' ', h('span', { class: 'badge alert' }, t('review.overdue'))] : '',
        z.rectified_by_owner ? [' ', h('span', { class: 'badge owner-fix' }, t('owners.by_owner'))] : ''))))));
}

export async function renderVenue(view, ctx, id) {
  view.append(loading());
  const v = await api.get('/venues/' + id);
  const [history, inspections, hazards, gs, neighbours, docs] = await Promise.all([
    api.get(`/venues/${id}/history`),
    api.all('/inspections', { venue_id: id }, 400),
    api.all('/hazards', { venue_id: id }, 400),
    grids().catch(() => []),
    api.all('/venues', { grid_id: v.grid_id }, 1000).catch(() => [v]),
    api.all('/documents', { venue_id: id }, 400),
  ]);
  const g = gs.find((x) => x.id === v.grid_id);
  view.replaceChildren(
    h('div', { class: 'page-head' },
      h('p', {}, h('a', { href: '#/venues' }, '← ', t('venues.title'))),
      h('h1', { id: 'venue-name' }, v.name, ' ', levelBadge(v.risk_level), v.status !== 'active' ? [' ', badge('venue_status', v.status)] : '')),
    h('div', { class: 'split' },
      h('div', { class: 'card grow', id: 'venue-info', 'data-venue-id': v.id },
        h('dl', { class: 'fields' },
          field(setLabel('category'), term('span', {}, 'category', v.category)),
          field(t('venues.address'), v.address),
          field(label('org_unit_kind', 'grid'), g ? `${g.name} (${g.code})` : v.grid_id),
          field(t('venues.contact'), [v.contact_name, v.contact_phone].filter(Boolean).join(' · ') || '—'),
          field(t('venues.license'), v.license_no || '—'),
          field(t('venues.position'), `${v.lat.toFixed(6)}, ${v.lng.toFixed(6)}`),
          field(t('venues.updated_at'), fmtTime(v.updated_at)))),
      h('div', { class: 'card small-map', id: 'venue-neighbours' },
        h('h2', {}, t('venues.in_grid')),
        venueMap(neighbours, (n) => { location.hash = '#/venues/' + n.id; }, { width: 420, height: 300, r: 5, highlight: v.id }))),
    publicCodeCard(v),
    h('div', { class: 'card' }, h('h2', {}, t('venues.history')), historyTable(history.items)),
    h('div', { class: 'card' }, h('h2', {}, t('venues.inspections'), ` (${inspections.length})`), inspectionsTable(inspections)),
    h('div', { class: 'card' }, h('h2', {}, t('venues.hazards'), ` (${hazards.length})`), hazardsTable(hazards)),
    venueDocuments(id, docs),
    venueOwners(id));
}

/** venueOwners is the card of the venue's owner (场所负责人): the monthly
 * self-inspections, the invitations and sessions, and a new invitation. */
function venueOwners(id) {
  const card = h('div', { class: 'card', id: 'venue-owners' });
  const canRevoke = getSession()?.user?.role !== 'officer'; // supervisors and admins revoke
  const draw = async (made) => {
    const [selfs, invites, sessions] = await Promise.all([
      api.get(`/venues/${id}/self-inspections`), api.get(`/venues/${id}/owner-invites`), api.get(`/venues/${id}/owner-sessions`)]);
    const invite = h('button', { type: 'button', id: 'owner-invite' }, t('owners.invite'));
    invite.addEventListener('click', async () => {
      try { await draw(await api.post(`/venues/${id}/owner-invites`)); } catch (e) { showError(e); }
    });
    card.replaceChildren(
      h('h2', {}, t('owners.title')),
      h('h3', {}, t('owners.self_inspections'), ` (${selfs.items.length})`),
      selfs.items.length ? tableWrap(h('table', { class: 'table', id: 'venue-self-inspections' },
        h('thead', {}, h('tr', {}, h('th', {}, t('owners.month')), h('th', {}, t('owners.failed')), h('th', {}, t('owners.filed_at')))),
        h('tbody', {}, selfs.items.map((s) => h('tr', { 'data-id': s.id },
          h('td', {}, s.month),
          h('td', {}, s.failed.length ? s.failed.map((c, i) => [i ? '、' : '', later(itemLabel(c), c)]) : t('owners.none_failed')),
          h('td', {}, fmtTime(s.created_at))))))) : empty(t('common.none')),
      h('h3', {}, t('owners.sessions')),
      sessions.items.length ? tableWrap(h('table', { class: 'table', id: 'venue-owner-sessions' },
        h('thead', {}, h('tr', {}, h('th', {}, t('owners.phone')), h('th', {}, t('owners.started')), h('th', {}, t('owners.last_seen')), h('th', {}, ''))),
        h('tbody', {}, sessions.items.map((s) => {
          const revoke = s.active && canRevoke ? h('button', { type: 'button', class: 'ghost small' }, t('owners.revoke')) : null;
          revoke?.addEventListener('click', async () => {
            try { await api.del('/owner-sessions/' + s.id); await draw(); } catch (e) { showError(e); }
          });
          return h('tr', { 'data-id': s.id }, h('td', {}, s.phone_hint), h('td', {}, fmtTime(s.created_at)), h('td', {}, fmtTime(s.last_seen_at)),
            h('td', {}, s.active ? revoke || '' : t('owners.ended')));
        })))) : empty(t('common.none')),
      h('h3', {}, t('owners.invites')),
      invites.items.length ? tableWrap(h('table', { class: 'table', id: 'venue-owner-invites' },
        h('thead', {}, h('tr', {}, h('th', {}, t('owners.phone')), h('th', {}, t('owners.made')), h('th', {}, t('owners.expires')), h('th', {}, t('owners.state')))),
        h('tbody', {}, invites.items.map((i) => h('tr', { 'data-id': i.id },
          h('td', {}, i.phone_hint), h('td', {}, fmtTime(i.created_at)), h('td', {}, fmtTime(i.expires_at)), h('td', {}, t('owners.invite_' + i.status))))))) : empty(t('common.none')),
      made ? h('div', { id: 'owner-invite-made', class: 'invite-made' },
        h('p', {}, t('owners.link_once')), h('p', {}, h('code', {}, made.url)), h('img', { src: made.qr_png, alt: t('owners.qr'), width: 192, height: 192 })) : '',
      invite);
  };
  draw().catch((e) => card.replaceChildren(h('h2', {}, t('owners.title')), empty(e.message)));
  return card;
}

/** venueDocuments is the card of a venue's documents, drawn again after a void. */
function venueDocuments(id, docs) {
  const card = h('div', { class: 'card', id: 'venue-documents-card' });
  const draw = (items) => card.replaceChildren(h('h2', {}, t('documents.of_venue'), ` (${items.length})`),
    documentsTable(items, { id: 'venue-documents', canVoid: true, onDone: async () => draw(await api.all('/documents', { venue_id: id }, 400)) }));
  draw(docs);
  return card;
}

/**
 * publicCodeCard is the venue's code (场所码): its public page, its door
 * sticker (a PDF fetched with the token) and rotating the code.
 */
function publicCodeCard(v) {
  const card = h('div', { class: 'card', id: 'venue-public-code' });
  const draw = (venue) => {
    const sticker = h('a', { href: '#', 'data-action': 'sticker' }, t('venues.sticker'));
    sticker.addEventListener('click', async (e) => {
      e.preventDefault();
      try {
        const res = await raw('GET', `/venues/${venue.id}/sticker.pdf`);
        const url = URL.createObjectURL(await res.blob());
        window.open(url, '_blank', 'noopener');
        setTimeout(() => URL.revokeObjectURL(url), 60000);
      } catch (err) {
        showError(err);
      }
    });
    const rotate = h('button', { type: 'button', class: 'ghost small', 'data-action': 'rotate-code' }, t('venues.rotate_code'));
    rotate.addEventListener('click', () => {
      if (!window.confirm(t('venues.rotate_confirm'))) return;
      busy(rotate, async () => {
        try {
          draw(await api.post(`/venues/${venue.id}/public-code`));
          flash(t('venues.code_rotated'));
        } catch (err) {
          showError(err);
        }
      });
    });
    card.replaceChildren(h('h2', {}, t('venues.public_code')),
      h('dl', { class: 'fields' },
        field(t('venues.public_code'), h('code', { id: 'venue-code' }, venue.public_code)),
        field(t('venues.public_page'), h('a', { href: '/v/' + venue.public_code, target: '_blank', rel: 'noopener noreferrer', id: 'venue-public-link' }, '/v/' + venue.public_code))),
      h('p', { class: 'actions' }, sticker, ' ', rotate));
  };
  draw(v);
  return card;
}
