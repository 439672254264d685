// #/review: the review queue (submitted inspections, rectified hazards,
// extensions due), an opened inspection, hazard or extension with its
// decision, and the pending reclassifications.
import { api, photoURL } from './api.js';
import { t } from './i18n.js';
import { label, setLabel } from './vocab.js';
import {
  h, term, fmtTime, fmtDate, fmtMetres, levelBadge, badge, shortID, field, empty, loading,
  flash, showError, problemText, errorBox, busy, later, select, termSelect, tableWrap,
} from './ui.js';
import { itemLabel, gridSelect, officerSelect } from './lookups.js';
import { documentsTable } from './papers.js';

// The queue's filters and sort stay while the page is open.
const filters = { type: '', kind: '', grid_id: '', by: '', off_site: '', major: '', late: '', sort: '' };

/** decisionFailed says why a decision failed; a conflict (decided meanwhile) reloads the item. */
function decisionFailed(ex, box, reload) {
  if (ex && ex.status === 409) {
    flash(problemText(ex), 'error');
    reload();
    return;
  }
  showError(ex, box);
}

// Users' names and venues, fetched once each while the page is open.
const cache = { users: new Map(), venues: new Map() };

function userName(id) {
  if (!id) return Promise.resolve('—');
  if (!cache.users.has(id)) {
    cache.users.set(id, api.get('/users/' + id).then((u) => `${u.name} (${u.username})`, () => shortID(id)));
  }
  return cache.users.get(id);
}

function venueOf(id) {
  if (!cache.venues.has(id)) {
    const p = api.get('/venues/' + id);
    p.catch(() => cache.venues.delete(id));
    cache.venues.set(id, p);
  }
  return cache.venues.get(id);
}

function photo(id) {
  const img = h('img', { class: 'photo', alt: t('review.photo'), 'data-test': 'photo', 'data-photo-id': id, loading: 'lazy' });
  const box = h('button', { type: 'button', class: 'photo-box', title: t('review.photo_open') }, img);
  photoURL(id).then((url) => {
    img.src = url;
    img.dataset.loaded = 'true';
  }, (err) => {
    box.replaceChildren(h('span', { class: 'form-error' }, err.message));
  });
  box.addEventListener('click', async () => {
    const url = await photoURL(id);
    // A modal dialog: it takes focus, Esc or a click closes it, and focus goes back.
    const close = h('button', { type: 'button', class: 'lightbox-close', 'aria-label': t('common.close') }, '×');
    const overlay = h('div', { class: 'lightbox', role: 'dialog', 'aria-modal': 'true', 'aria-label': t('review.photo'), tabindex: -1 },
      h('img', { src: url, alt: t('review.photo') }), close);
    const done = () => {
      overlay.remove();
      document.removeEventListener('keydown', onKey, true);
      box.focus();
    };
    const onKey = (e) => {
      if (e.key === 'Escape') { e.preventDefault(); done(); }
      if (e.key === 'Tab') { e.preventDefault(); close.focus(); }
    };
    overlay.addEventListener('click', done);
    document.addEventListener('keydown', onKey, true);
    document.body.append(overlay);
    close.focus();
  });
  return box;
}

function photos(ids) {
  return ids && ids.length ? h('div', { class: 'photos' }, ids.map(photo)) : h('p', { class: 'muted' }, t('review.no_photos'));
}

// ---- the queue -------------------------------------------------------------

function queueItem(it, active) {
  const flags = [];
  if (it.off_site) flags.push(h('span', { class: 'badge off-site' }, t('review.off_site')));
  if (it.major) flags.push(badge('severity', 'major'));
  if (it.late) flags.push(h('span', { class: 'badge alert' }, t('review.late')));
  const what = it.type === 'inspection' ? term('span', {}, 'inspection_kind', it.kind) : later(itemLabel(it.kind), it.kind);
  if (it.due_on) flags.push(h('span', { class: 'badge due', 'data-test': 'due-on' }, t('review.decide_by'), ' ', fmtDate(it.due_on)));
  return h('li', {},
    h('a', {
      href: `#/review/${it.type}/${it.id}`, class: 'qi' + (active ? ' active' : ''), 'aria-current': active ? 'true' : false,
      'data-type': it.type, 'data-id': it.id, 'data-test': 'queue-item',
    },
    h('span', { class: 'qi-type badge type-' + it.type }, t('review.type_' + it.type)),
    h('strong', {}, it.venue_name),
    h('span', { class: 'muted small qi-address' }, it.venue_address, it.grid_name ? ` · ${it.grid_name}` : ''),
    h('span', { class: 'muted' }, what, ' · ', it.by_owner ? t('owners.by_owner') : it.by_name || t('review.system')),
    h('span', { class: 'muted small' }, fmtTime(it.at)),
    flags.length ? h('span', { class: 'flags' }, flags) : null));
}

function queueQuery() {
  const q = {};
  for (const [k, v] of Object.entries(filters)) if (v) q[k] = v;
  if (q.kind && q.type !== 'inspection') q.type = 'inspection';
  return q;
}

/** queueFilters is the form of the queue's filters; onChange reloads the queue. */
function queueFilters(onChange) {
  const yes = (name, text) => h('label', { class: 'inline' },
    h('input', { type: 'checkbox', id: 'qf-' + name, name, checked: filters[name] === 'true' }), text);
  const form = h('form', { id: 'queue-filters', class: 'toolbar compact no-print', 'aria-label': t('review.filters') },
    h('label', {}, t('review.filter_type'), select({ id: 'qf-type', name: 'type' },
      [['', t('common.any')], ['inspection', t('review.type_inspection')], ['hazard', t('review.type_hazard')]], filters.type)),
    h('label', {}, setLabel('inspection_kind'), termSelect({ id: 'qf-kind', name: 'kind' }, 'inspection_kind', t('common.any'), filters.kind)),
    h('label', {}, label('org_unit_kind', 'grid'), gridSelect('qf-grid', filters.grid_id)),
    h('label', {}, label('role', 'officer'), officerSelect('qf-by', 'by', filters.by)),
    h('label', {}, t('review.sort'), select({ id: 'qf-sort', name: 'sort' },
      [['', t('review.sort_oldest')], ['newest', t('review.sort_newest')]], filters.sort)),
    h('div', { class: 'checks' }, yes('off_site', t('review.off_site')), yes('major', t('review.major_only')), yes('late', t('review.late'))));
  form.addEventListener('change', () => {
    for (const el of form.elements) {
      if (!el.name) continue;
      filters[el.name] = el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value;
    }
    onChange();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

/** queue shows the queue's first page (and more on demand); it returns the ids shown, in order. */
async function queue(box, type, id) {
  box.replaceChildren(loading());
  const first = await api.get('/review/queue', { ...queueQuery(), limit: 50 });
  const items = [...first.items];
  let cursor = first.next_cursor;
  box.dataset.count = first.total;
  const count = h('p', { class: 'muted', id: 'queue-count', 'data-total': first.total }, t('review.queue_count', { n: first.total }));
  if (!items.length) {
    box.replaceChildren(count, empty(t('review.queue_empty')));
    return items;
  }
  const list = h('ul', { class: 'queue', id: 'queue-list' }, items.map((it) => queueItem(it, it.type === type && it.id === id)));
  const more = h('button', { type: 'button', id: 'queue-more', class: 'ghost', hidden: !cursor }, t('common.more'));
  more.addEventListener('click', () => busy(more, async () => {
    try {
      const page = await api.get('/review/queue', { ...queueQuery(), limit: 50, cursor });
      items.push(...page.items);
      cursor = page.next_cursor;
      list.append(...page.items.map((it) => queueItem(it, false)));
      more.hidden = !cursor;
    } catch (e) {
      showError(e);
    }
  }));
  box.replaceChildren(count, list, more);
  return items;
}

// ---- an inspection ---------------------------------------------------------

function checkin(ins) {
  if (!ins.started_at) return h('p', { class: 'muted' }, t('review.not_started'));
  const pos = ins.start_lat != null ? `${ins.start_lat.toFixed(6)}, ${ins.start_lng.toFixed(6)}` : '—';
  const acc = ins.start_accuracy_m != null ? ` (±${Math.round(ins.start_accuracy_m)} m)` : '';
  return h('dl', { class: 'fields', id: 'checkin' },
    field(t('review.started_at'), fmtTime(ins.started_at)),
    field(t('review.position'), pos + acc),
    field(t('review.distance'),
      h('span', { 'data-test': 'distance' }, fmtMetres(ins.start_distance_m)), ' ',
      ins.off_site
        ? h('span', { class: 'badge off-site', 'data-test': 'off-site' }, t('review.off_site_long'))
        : h('span', { class: 'badge on-site' }, t('review.on_site'))));
}

async function checklistTable(answers) {
  if (!answers || !answers.length) return h('p', { class: 'muted' }, t('review.no_checklist'));
  const rows = await Promise.all(answers.map(async (a) => h('tr', { class: 'result-' + a.result, 'data-code': a.item_code },
    h('td', {}, await itemLabel(a.item_code)),
    h('td', {}, badge('check_result', a.result)),
    h('td', {}, a.note || ''))));
  return tableWrap(h('table', { class: 'table checklist', id: 'checklist' },
    h('thead', {}, h('tr', {}, h('th', {}, t('review.item')), h('th', {}, setLabel('check_result')), h('th', {}, t('review.note')))),
    h('tbody', {}, rows)));
}

/** verifyForm decides a rectified hazard: accept or reject the fix. */
function verifyForm(hz, onDone, reload) {
  const comment = h('textarea', { class: 'verify-comment', rows: 2, maxlength: 1000, placeholder: t('review.verify_comment_ph') });
  const err = errorBox();
  const decide = (accepted) => async (e) => {
    err.hidden = true;
    if (!accepted && !comment.value.trim()) {
      err.textContent = t('review.reject_needs_comment');
      err.hidden = false;
      return;
    }
    await busy(e.currentTarget, async () => {
      try {
        await api.post(`/hazards/${hz.id}/verify`, { accepted, comment: comment.value.trim() });
        flash(accepted ? t('review.verified_ok') : t('review.rejected_ok'));
        onDone();
      } catch (ex) {
        decisionFailed(ex, err, reload);
      }
    });
  };
  return h('div', { class: 'decision', 'data-test': 'verify-form' },
    h('label', {}, t('review.verify_comment'), comment),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'primary', 'data-action': 'verify-accept', 'data-hazard-id': hz.id, onclick: decide(true) }, t('review.verify_accept')),
      h('button', { type: 'button', class: 'danger', 'data-action': 'verify-reject', 'data-hazard-id': hz.id, onclick: decide(false) }, t('review.verify_reject'))),
    err);
}

async function hazardCard(hz, onDone, { showVenue = false, reload = onDone } = {}) {
  const venue = showVenue ? venueOf(hz.venue_id) : null;
  return h('article', { class: 'hazard card-inner', 'data-hazard-id': hz.id, 'data-status': hz.status, 'data-test': 'hazard' },
    h('header', {},
      h('strong', {}, await itemLabel(hz.code)), ' ',
      badge('severity', hz.severity), ' ', badge('fix_mode', hz.fix_mode), ' ',
      h('span', { 'data-test': 'hazard-status' }, badge('hazard_status', hz.status)),
      hz.overdue ? h('span', { class: 'badge alert' }, t('review.overdue')) : ''),
    h('dl', { class: 'fields' },
      showVenue ? field(t('review.venue'), later(venue.then((v) => h('a', { href: '#/venues/' + v.id }, v.name)))) : null,
      field(t('review.description'), hz.description),
      hz.fix_mode === 'deadline' ? field(t('review.deadline'), fmtDate(hz.deadline)) : null,
      field(t('review.found_in'), h('a', { href: '#/review/inspection/' + hz.inspection_id }, t('review.open_inspection'))),
      hz.review_comment ? field(t('review.review_comment'), hz.review_comment) : null,
      hz.verified_by ? field(t('review.decided_by'), h('span', { 'data-test': 'decided-by' }, later(userName(hz.verified_by)), ' · ', fmtTime(hz.verified_at))) : null),
    term('h4', {}, 'photo_role', 'finding'),
    photos(hz.photo_ids),
    hz.rectification ? [
      h('h4', {}, t('review.rectification')),
      h('dl', { class: 'fields' },
        field(t('review.description'), hz.rectification.description),
        field(t('review.rectified_at'), fmtTime(hz.rectification.at)),
        field(t('review.rectified_by'), later(userName(hz.rectification.by)))),
      photos(hz.rectification.photo_ids),
    ] : null,
    hz.status === 'rectified' ? verifyForm(hz, onDone, reload) : null);
}

function reviewForm(ins, onDone, reload) {
  const comment = h('textarea', { id: 'review-comment', rows: 3, maxlength: 2000, placeholder: t('review.comment_ph') });
  const err = errorBox('review-error');
  const act = (approve) => async (e) => {
    err.hidden = true;
    if (!approve && !comment.value.trim()) {
      err.textContent = t('review.return_needs_comment');
      err.hidden = false;
      comment.focus();
      return;
    }
    await busy(e.currentTarget, async () => {
      try {
        await api.post(`/inspections/${ins.id}/${approve ? 'approve' : 'return'}`, { comment: comment.value.trim() });
        flash(approve ? t('review.approved_ok') : t('review.returned_ok'));
        onDone();
      } catch (ex) {
        decisionFailed(ex, err, reload);
      }
    });
  };
  return h('div', { class: 'decision', id: 'review-form', 'data-test': 'review-form' },
    h('h3', {}, t('review.decision')),
    h('label', {}, t('review.comment'), comment),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'approve', class: 'primary', 'data-action': 'approve', onclick: act(true) }, t('review.approve')),
      h('button', { type: 'button', id: 'return', class: 'danger', 'data-action': 'return', onclick: act(false) }, t('review.return'))),
    err);
}

async function inspectionView(box, id, refresh, decided) {
  const ins = await api.get('/inspections/' + id);
  const hazards = await Promise.all((ins.hazard_ids || []).map((hid) => api.get('/hazards/' + hid)));
  const docs = await api.all('/documents', { inspection_id: id }, 50);
  const v = ins.venue;
  box.replaceChildren(h('div', { class: 'detail', id: 'inspection-detail', 'data-test': 'inspection-detail', 'data-id': ins.id, 'data-status': ins.status },
    h('div', { class: 'detail-head' },
      h('button', { type: 'button', class: 'ghost no-print print-btn', id: 'print-inspection', onclick: () => window.print() }, t('print.print')),
      h('p', { class: 'print-only print-title' }, t('print.inspection_title')),
      h('h2', {}, h('a', { href: '#/venues/' + ins.venue_id }, v.name), ' ', levelBadge(v.risk_level)),
      h('p', { class: 'muted' }, term('span', {}, 'category', v.category), ' · ', v.address)),
    h('dl', { class: 'fields' },
      field(setLabel('inspection_kind'), term('span', {}, 'inspection_kind', ins.kind)),
      field(setLabel('inspection_status'), h('span', { 'data-test': 'inspection-status' }, badge('inspection_status', ins.status)),
        ins.overdue ? h('span', { class: 'badge alert' }, t('review.overdue')) : ''),
      field(t('review.due_date'), fmtDate(ins.due_date)),
      field(t('review.officer'), h('span', { 'data-test': 'officer' }, later(userName(ins.assignee_id)))),
      field(t('review.submitted_at'), fmtTime(ins.submitted_at)),
      ins.review_comment ? field(t('review.review_comment'), h('span', { 'data-test': 'review-comment' }, ins.review_comment)) : null,
      ins.reviewed_by ? field(t('review.decided_by'), h('span', { 'data-test': 'decided-by' }, later(userName(ins.reviewed_by)), ' · ', fmtTime(ins.reviewed_at))) : null),
    h('h3', {}, t('review.checkin')),
    checkin(ins),
    h('h3', {}, t('review.checklist')),
    await checklistTable(ins.checklist),
    h('h3', {}, t('review.hazards'), ` (${hazards.length})`),
    hazards.length ? await Promise.all(hazards.map((hz) => hazardCard(hz, refresh))) : h('p', { class: 'muted' }, t('review.no_hazards')),
    ins.notes ? [h('h3', {}, t('review.notes')), h('p', { class: 'notes' }, ins.notes)] : null,
    h('h3', {}, t('documents.of_inspection'), ` (${docs.length})`),
    documentsTable(docs, { id: 'inspection-documents', canVoid: true, onDone: refresh }),
    ins.status === 'submitted' ? reviewForm(ins, decided, refresh) : null));
}

// ---- an extension ----------------------------------------------------------

async function extensionView(box, id, refresh, decided) {
  const x = await api.get('/extensions/' + id);
  const hz = await api.get('/hazards/' + x.hazard_id);
  const comment = h('textarea', { id: 'extension-comment', rows: 2 });
  const decide = (approve) => {
    const b = h('button', { type: 'button', class: approve ? 'primary' : 'ghost', id: approve ? 'extension-approve' : 'extension-reject' },
      t(approve ? 'review.approve_extension' : 'review.reject_extension'));
    b.addEventListener('click', () => busy(b, async () => {
      try {
        await api.post(`/extensions/${id}/${approve ? 'approve' : 'reject'}`, { comment: comment.value.trim() });
        flash(t('review.extension_decided'));
        await (decided || refresh)();
      } catch (e) {
        decisionFailed(e, undefined, refresh);
      }
    }));
    return b;
  };
  box.replaceChildren(h('div', { class: 'detail', id: 'extension-detail', 'data-test': 'extension-detail', 'data-id': x.id, 'data-status': x.status },
    h('div', { class: 'detail-head' }, h('h2', {}, t('review.extension_title'), ' ', badge('extension_status', x.status))),
    h('dl', { class: 'fields' },
      field(t('review.old_deadline'), fmtDate(x.old_deadline)),
      field(t('review.requested_deadline'), h('strong', {}, fmtDate(x.requested_deadline))),
      field(t('review.reason'), x.reason),
      field(t('review.decide_by'), fmtDate(x.decide_by)),
      field(t('review.officer'), later(userName(x.filed_by)))),
    await hazardCard(hz, decided, { showVenue: true, reload: refresh }),
    x.status === 'pending' ? h('div', { class: 'decide' }, h('label', {}, t('review.review_comment'), comment), h('div', { class: 'buttons' }, decide(true), decide(false))) : null));
}

async function hazardView(box, id, refresh, decided) {
  const hz = await api.get('/hazards/' + id);
  box.replaceChildren(h('div', { class: 'detail', id: 'hazard-detail', 'data-test': 'hazard-detail', 'data-id': hz.id, 'data-status': hz.status },
    h('div', { class: 'detail-head' }, h('h2', {}, t('review.hazard_title'))),
    await hazardCard(hz, decided, { showVenue: true, reload: refresh })));
}

// ---- reclassifications -----------------------------------------------------

function reclassItem(r, onDone) {
  const comment = h('input', { class: 'reclass-comment', maxlength: 1000, placeholder: t('review.reclass_comment_ph'), 'aria-label': t('review.comment') });
  const err = errorBox();
  const decide = (approve) => async (e) => {
    err.hidden = true;
    if (!approve && !comment.value.trim()) {
      err.textContent = t('review.reclass_reject_needs_comment');
      err.hidden = false;
      comment.focus();
      return;
    }
    await busy(e.currentTarget, async () => {
      try {
        await api.post(`/reclassifications/${r.id}/${approve ? 'approve' : 'reject'}`, { comment: comment.value.trim() });
        flash(approve ? t('review.reclass_approved') : t('review.reclass_rejected'));
        onDone();
      } catch (ex) {
        decisionFailed(ex, err, onDone);
      }
    });
  };
  return h('li', { class: 'reclass', 'data-id': r.id, 'data-test': 'reclass-item' },
    h('div', {},
      h('strong', {}, later(venueOf(r.venue_id).then((v) => h('a', { href: '#/venues/' + v.id }, v.name)), shortID(r.venue_id))), ' ',
      levelBadge(r.from_level), ' → ', levelBadge(r.to_level)),
    h('p', {}, r.reason),
    h('p', { class: 'muted small' }, t('review.filed_by'), ' ', later(userName(r.filed_by), t('review.system')), ' · ', fmtTime(r.created_at)),
    h('div', { class: 'buttons' }, comment,
      h('button', { type: 'button', class: 'primary', 'data-action': 'reclass-approve', onclick: decide(true) }, t('review.approve')),
      h('button', { type: 'button', class: 'danger', 'data-action': 'reclass-reject', onclick: decide(false) }, t('review.reject'))),
    err);
}

async function reclassifications(box) {
  const items = await api.all('/reclassifications', { status: 'pending' });
  box.dataset.count = items.length;
  const reload = () => reclassifications(box).catch((e) => showError(e));
  box.replaceChildren(items.length
    ? h('ul', { class: 'reclass-list', id: 'reclass-list' }, items.map((r) => reclassItem(r, reload)))
    : empty(t('review.reclass_empty')));
}

// ---- the page --------------------------------------------------------------

export async function render(view, ctx, type, id) {
  const queueBox = h('div', { id: 'review-queue', class: 'card' });
  const detailBox = h('div', { id: 'review-detail', class: 'card', tabindex: -1 });
  const reclassBox = h('div', { id: 'reclass' });
  let shown = [];
  const loadQueue = () => queue(queueBox, type, id).then((items) => { shown = items; }, (e) => showError(e));
  const refresh = () => {
    loadQueue();
    openDetail();
  };
  // After a decision the next item of the queue opens (the queue without it).
  const decided = async () => {
    const at = shown.findIndex((it) => it.id === id);
    await loadQueue();
    const next = shown.find((it, i) => it.id !== id && i >= at) || shown.find((it) => it.id !== id);
    if (next) location.hash = `#/review/${next.type}/${next.id}`;
    else refresh();
  };
  const openDetail = () => {
    if (!type) {
      detailBox.replaceChildren(empty(t('review.pick')));
      return Promise.resolve();
    }
    detailBox.replaceChildren(loading());
    const show = { inspection: inspectionView, hazard: hazardView, extension: extensionView }[type];
    return show(detailBox, id, refresh, decided).catch((e) => {
      detailBox.replaceChildren(h('p', { class: 'form-error', 'data-test': 'page-error' }, problemText(e)));
    });
  };
  // data-state is "ready" once the queue and the item are shown and the
  // keyboard is back on the item.
  const page = h('div', { class: 'split', id: 'review', 'data-state': 'loading' },
    h('div', { class: 'no-print' }, h('h2', {}, t('review.queue')), queueBox),
    h('div', { class: 'grow' }, detailBox));
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('review.title'))),
    queueFilters(loadQueue),
    page,
    h('div', { class: 'card no-print' }, h('h2', {}, t('review.reclassifications')), reclassBox));
  await Promise.all([
    loadQueue(),
    openDetail(),
    reclassifications(reclassBox).catch((e) => showError(e)),
  ]);
  if (!type) {
    page.dataset.state = 'ready';
    return;
  }
  // Keep the keyboard where it was (the item opened, in the queue) and, on
  // a narrow screen where the detail is below the queue, bring it into view.
  const active = queueBox.querySelector('a.qi.active');
  if (active && document.activeElement === document.body) active.focus({ preventScroll: true });
  if (window.matchMedia('(max-width: 900px)').matches) detailBox.scrollIntoView({ block: 'start' });
  page.dataset.state = 'ready';
}
