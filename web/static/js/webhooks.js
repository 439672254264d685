// #/webhooks (admins only): the webhook subscriptions — url, event types,
// org unit, active, the last delivery's status — with create (the secret is
// shown once), pause and resume (PATCH with the version), rotate the secret
// (shown once), send a test, delete; and a subscription's deliveries, the
// failed ones first, each failed one with a retry button.
import { api } from './api.js';
import { t } from './i18n.js';
import { setLabel } from './vocab.js';
import { h, badge, empty, loading, fmtTime, flash, showError, errorBox, busy, tableWrap } from './ui.js';

// The event types a subscription may name: the API's EventType enum
// (models.EventTypes; web/console_webhooks_test.go checks this list against it).
export const EVENT_TYPES = [
  'inspection.created', 'inspection.started', 'inspection.submitted', 'inspection.approved', 'inspection.returned', 'inspection.cancelled',
  'hazard.found', 'hazard.rectified', 'hazard.verified', 'hazard.reopened', 'hazard.reinspected', 'hazard.corrected',
  'hazard.overdue', 'reclassification.filed', 'reclassification.decided', 'schedule.generated', 'document.issued', 'document.served',
  'document.voided', 'report.received', 'report.overdue', 'report.closed', 'extension.requested', 'extension.decided',
  'venue.created', 'venue.updated', 'venue.reclassified', 'org_unit.created', 'org_unit.updated', 'user.created',
  'user.updated', 'user.grids_changed', 'photo.uploaded', 'policy.updated', 'calendar.updated', 'webhook.created',
  'webhook.updated', 'webhook.deleted', 'webhook.secret_rotated', 'document.drafted', 'hazard.extended', 'service_consent.recorded',
  'document_template.updated', 'checklist_item.updated', 'venue.public_code_rotated', 'report.venue_created', 'report.venue_linked', 'owner_invite.created', 'owner_invite.revoked',
  'owner_session.created', 'owner_session.revoked', 'hazard.reinspection_requested', 'self_inspection.filed',
];

let unitsPromise = null;

function units() {
  if (!unitsPromise) {
    unitsPromise = api.all('/org-units').then((us) => us.sort((a, b) => a.code.localeCompare(b.code)));
    unitsPromise.catch(() => { unitsPromise = null; });
  }
  return unitsPromise;
}

/** secretBox shows a secret once, with a hint to copy it now. */
function secretBox(secret, hintKey) {
  const input = h('input', { id: 'webhook-secret', readonly: true, value: secret, 'aria-label': t('webhooks.secret'), class: 'secret' });
  const copy = h('button', { type: 'button', class: 'ghost small', id: 'webhook-secret-copy' }, t('webhooks.copy'));
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(secret);
      flash(t('webhooks.copied'));
    } catch {
      /* selected: the admin copies it by hand */
    }
  });
  return h('div', { class: 'card notice', id: 'webhook-secret-box', 'data-test': 'webhook-secret' },
    h('p', {}, h('strong', {}, t(hintKey))), h('div', { class: 'buttons' }, input, copy));
}

function createForm(onCreated, unitName) {
  const url = h('input', { id: 'webhook-url', name: 'url', type: 'url', required: true, placeholder: 'https://', class: 'wide' });
  const unit = h('select', { id: 'webhook-unit', name: 'org_unit_id' }, h('option', { value: '' }, t('webhooks.all_units')));
  units().then((us) => { for (const u of us) unit.append(h('option', { value: u.id }, `${u.name} (${u.code})`)); unitName.resolve(us); }, () => unitName.resolve([]));
  const types = h('fieldset', { id: 'webhook-types', class: 'event-types' }, h('legend', {}, t('webhooks.event_types')),
    EVENT_TYPES.map((v) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'event_types', value: v }), h('code', {}, v))));
  const err = errorBox('webhook-create-error');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'webhook-create' }, t('webhooks.create'));
  const form = h('form', { class: 'card', id: 'webhook-form' }, h('h2', {}, t('webhooks.new')),
    h('div', { class: 'toolbar' }, h('label', { class: 'grow' }, t('webhooks.url'), url), h('label', {}, t('webhooks.unit'), unit)),
    types, h('div', { class: 'buttons' }, submit), err);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    err.hidden = true;
    busy(submit, async () => {
      const body = { url: url.value.trim(), event_types: [...form.querySelectorAll('input[name=event_types]:checked')].map((c) => c.value) };
      if (unit.value) body.org_unit_id = unit.value;
      try {
        const w = await api.post('/webhooks', body);
        form.reset();
        await onCreated(w);
      } catch (x) {
        showError(x, err);
      }
    });
  });
  return form;
}

function deliveriesTable(items, onRetry) {
  if (!items.length) return empty(t('webhooks.no_deliveries'));
  return tableWrap(h('table', { class: 'table', id: 'deliveries-table', 'aria-label': t('webhooks.deliveries') },
    h('thead', {}, h('tr', {}, h('th', {}, t('webhooks.event')), h('th', {}, setLabel('delivery_status')), h('th', {}, t('webhooks.attempts')),
      h('th', {}, t('webhooks.last_code')), h('th', {}, t('webhooks.last_at')), h('th', {}, t('webhooks.next_at')), h('th', {}, ''))),
    h('tbody', {}, items.map((d) => {
      const retry = d.status === 'failed' ? h('button', { type: 'button', class: 'ghost small', 'data-action': 'retry', 'data-id': d.id }, t('webhooks.retry')) : '';
      if (retry) retry.addEventListener('click', () => busy(retry, () => onRetry(d)));
      return h('tr', { 'data-id': d.id, 'data-status': d.status, 'data-test': 'delivery-row' },
        h('td', {}, h('code', {}, d.event_type || 'webhook.test')),
        h('td', {}, badge('delivery_status', d.status), d.last_error ? h('span', { class: 'muted small block', title: d.last_error }, d.last_error.slice(0, 80)) : ''),
        h('td', { class: 'num' }, String(d.attempts)),
        h('td', { class: 'num' }, d.last_status == null ? '—' : String(d.last_status)),
        h('td', {}, fmtTime(d.last_attempt_at)),
        h('td', {}, d.next_attempt_at ? fmtTime(d.next_attempt_at) : '—'),
        h('td', { class: 'actions' }, retry));
    }))));
}

/** deliveriesOf is a subscription's failed deliveries, then the others, newest first. */
async function deliveriesOf(id) {
  const [failed, recent] = await Promise.all([
    api.get(`/webhooks/${id}/deliveries`, { status: 'failed', limit: 50 }),
    api.get(`/webhooks/${id}/deliveries`, { limit: 50 }),
  ]);
  const seen = new Set(failed.items.map((d) => d.id));
  return [...failed.items, ...recent.items.filter((d) => !seen.has(d.id))];
}

export async function render(view, ctx) {
  if (!ctx.user || ctx.user.role !== 'admin') {
    view.append(h('div', { class: 'card notice', 'data-test': 'admins-only' }, h('p', {}, t('webhooks.admins_only'))));
    return;
  }
  const secretSlot = h('div', { id: 'webhook-secret-slot', 'aria-live': 'polite' });
  const list = h('div', { class: 'card', id: 'webhooks-list' });
  const detail = h('div', { class: 'card', id: 'webhook-deliveries', hidden: true });
  let unitNames = new Map();
  const unitsReady = {};
  unitsReady.promise = new Promise((r) => { unitsReady.resolve = r; });
  let open = null; // the subscription whose deliveries are shown

  async function showDeliveries(w) {
    open = w;
    detail.hidden = false;
    const box = h('div', { id: 'deliveries-box' }, loading());
    const refresh = h('button', { type: 'button', class: 'ghost small', id: 'deliveries-refresh' }, t('webhooks.refresh'));
    refresh.addEventListener('click', () => busy(refresh, () => showDeliveries(w)));
    detail.replaceChildren(h('h2', {}, t('webhooks.deliveries_of', { url: w.url })), h('div', { class: 'buttons' }, refresh), box);
    try {
      const items = await deliveriesOf(w.id);
      box.dataset.count = items.length;
      box.replaceChildren(deliveriesTable(items, async (d) => {
        try {
          await api.post(`/deliveries/${d.id}/retry`);
          flash(t('webhooks.retried'));
          await showDeliveries(w);
        } catch (x) {
          showError(x);
        }
      }));
    } catch (x) {
      box.replaceChildren();
      showError(x);
    }
  }

  function action(w, key, name, fn) {
    const b = h('button', { type: 'button', class: 'ghost small', 'data-action': name, 'data-id': w.id }, t(key));
    b.addEventListener('click', () => busy(b, async () => {
      try {
        await fn();
      } catch (x) {
        showError(x);
      }
    }));
    return b;
  }

  function row(w, last) {
    return h('tr', { 'data-id': w.id, 'data-active': String(w.active), 'data-test': 'webhook-row' },
      h('td', { class: 'wrap' }, h('code', { class: 'webhook-url' }, w.url)),
      h('td', { class: 'wrap' }, w.event_types.map((e) => h('code', { class: 'event-type' }, e))),
      h('td', {}, w.org_unit_id ? (unitNames.get(w.org_unit_id) || w.org_unit_id.slice(0, 8)) : t('webhooks.all_units')),
      h('td', {}, h('span', { class: 'badge ' + (w.active ? 'on' : 'off'), 'data-test': 'webhook-active' }, t(w.active ? 'webhooks.active' : 'webhooks.paused'))),
      h('td', { 'data-test': 'webhook-last' }, last ? badge('delivery_status', last.status) : '—'),
      h('td', { class: 'actions' },
        action(w, 'webhooks.show_deliveries', 'deliveries', () => showDeliveries(w)), ' ',
        action(w, w.active ? 'webhooks.pause' : 'webhooks.resume', 'toggle', async () => {
          await api.patch(`/webhooks/${w.id}`, { active: !w.active, version: w.version });
          flash(t(w.active ? 'webhooks.paused_done' : 'webhooks.resumed_done'));
          await load();
        }), ' ',
        action(w, 'webhooks.test', 'test', async () => {
          await api.post(`/webhooks/${w.id}/test`);
          flash(t('webhooks.test_sent'));
          await showDeliveries(w);
        }), ' ',
        action(w, 'webhooks.rotate', 'rotate', async () => {
          if (!window.confirm(t('webhooks.rotate_confirm'))) return;
          const r = await api.post(`/webhooks/${w.id}/rotate-secret`, {});
          secretSlot.replaceChildren(secretBox(r.secret, 'webhooks.rotated_once'));
          await load();
        }), ' ',
        action(w, 'webhooks.delete', 'delete', async () => {
          if (!window.confirm(t('webhooks.delete_confirm', { url: w.url }))) return;
          await api.del(`/webhooks/${w.id}`);
          flash(t('webhooks.deleted'));
          if (open && open.id === w.id) detail.hidden = true;
          await load();
        })));
  }

  async function load() {
    list.dataset.state = 'loading';
    try {
      const items = await api.all('/webhooks');
      const lasts = await Promise.all(items.map((w) => api.get(`/webhooks/${w.id}/deliveries`, { limit: 1 }).then((r) => r.items[0], () => null)));
      list.dataset.count = items.length;
      list.replaceChildren(h('h2', {}, t('webhooks.subscriptions')), items.length ? tableWrap(h('table', { class: 'table', id: 'webhooks-table', 'aria-label': t('webhooks.subscriptions') },
        h('thead', {}, h('tr', {}, h('th', {}, t('webhooks.url')), h('th', {}, t('webhooks.event_types')), h('th', {}, t('webhooks.unit')),
          h('th', {}, t('webhooks.state')), h('th', {}, t('webhooks.last')), h('th', {}, ''))),
        h('tbody', {}, items.map((w, i) => row(w, lasts[i]))))) : empty(t('webhooks.none')));
      list.dataset.state = 'ready';
    } catch (x) {
      list.dataset.state = 'error';
      list.replaceChildren();
      showError(x);
    }
  }

  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('webhooks.title'))),
    h('p', { class: 'muted' }, t('webhooks.hint')),
    secretSlot,
    createForm(async (w) => {
      secretSlot.replaceChildren(secretBox(w.secret, 'webhooks.secret_once'));
      flash(t('webhooks.created'));
      await load();
    }, unitsReady),
    list, detail);
  list.replaceChildren(loading());
  unitNames = new Map((await unitsReady.promise).map((u) => [u.id, u.name]));
  await load();
}
