// The legal documents (法律文书) of a venue, an inspection or a station, as a
// table: number, kind, status, serve-by, a link to each PDF (fetched with
// the token and opened as a blob), and voiding with a reason.
import { api, raw } from './api.js';
import { t } from './i18n.js';
import { setLabel } from './vocab.js';
import { h, badge, term, empty, fmtDate, fmtTime, flash, showError, busy } from './ui.js';

/** openPDF fetches a document's PDF and opens it in a new tab. */
export async function openPDF(id) {
  const res = await raw('GET', `/documents/${id}/pdf`);
  const url = URL.createObjectURL(await res.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function voidButton(d, onDone) {
  const b = h('button', { type: 'button', class: 'ghost small', 'data-action': 'void', 'data-id': d.id }, t('documents.void'));
  b.addEventListener('click', () => {
    const reason = window.prompt(t('documents.void_reason'));
    if (reason === null) return;
    busy(b, async () => {
      try {
        await api.post(`/documents/${d.id}/void`, { reason });
        flash(t('documents.voided'));
        if (onDone) await onDone();
      } catch (e) {
        showError(e);
      }
    });
  });
  return b;
}

/** documentsTable lists documents; canVoid shows a void button on those that may be voided. */
export function documentsTable(items, { id = 'documents', showVenue = false, canVoid = false, onDone } = {}) {
  if (!items.length) return empty(t('common.none'));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table doc-table', id },
    h('thead', {}, h('tr', {},
      h('th', {}, t('documents.number')), h('th', {}, setLabel('document_kind')),
      showVenue ? h('th', {}, t('review.venue')) : null,
      h('th', {}, setLabel('document_status')), h('th', {}, t('documents.serve_by')), h('th', {}, t('documents.issued_at')), h('th', {}, ''))),
    h('tbody', {}, items.map((d) => {
      const pdf = h('a', { href: '#', 'data-action': 'pdf', 'data-id': d.id }, t('documents.pdf'));
      pdf.addEventListener('click', (e) => { e.preventDefault(); openPDF(d.id).catch((err) => showError(err)); });
      return h('tr', { 'data-id': d.id, 'data-status': d.status, 'data-test': 'document-row' },
        h('td', { class: 'doc-number' }, d.number || t('documents.unnumbered')),
        term('td', {}, 'document_kind', d.kind),
        showVenue ? h('td', {}, h('a', { href: '#/venues/' + d.venue_id }, d.venue_name)) : null,
        h('td', {}, badge('document_status', d.status), d.overdue ? [' ', h('span', { class: 'badge alert' }, t('review.overdue'))] : '',
          d.void_reason ? [' ', h('span', { class: 'muted small' }, d.void_reason)] : ''),
        h('td', {}, fmtDate(d.serve_by)),
        h('td', {}, fmtTime(d.issued_at)),
        h('td', { class: 'actions' }, pdf, canVoid && (d.status === 'draft' || d.status === 'issued') ? [' ', voidButton(d, onDone)] : ''));
    }))));
}
