// #/documents: the station's legal documents still to serve (drafts and
// issued ones), those overdue to serve (past serve_by), or all, with a link
// to each PDF and voiding with a reason.
import { api } from './api.js';
import { t } from './i18n.js';
import { setLabel } from './vocab.js';
import { h, loading, select, termSelect, showError } from './ui.js';
import { documentsTable } from './papers.js';

const state = { show: 'unserved', kind: '' };

function query() {
  const q = { kind: state.kind };
  if (state.show === 'unserved') q.status = 'draft,issued';
  if (state.show === 'overdue') q.overdue = 'true';
  return q;
}

export async function render(view) {
  const show = select({ id: 'documents-show' }, [['unserved', t('documents.unserved')], ['overdue', t('documents.overdue')], ['all', t('common.any')]], state.show);
  const kind = termSelect({ id: 'documents-kind' }, 'document_kind', t('common.any'), state.kind);
  const box = h('div', { class: 'card', id: 'documents-list' });
  const count = h('p', { class: 'muted', id: 'documents-count' });
  const load = async () => {
    state.show = show.value;
    state.kind = kind.value;
    box.replaceChildren(loading());
    try {
      const items = await api.all('/documents', query(), 1000);
      count.textContent = t('documents.count', { n: items.length });
      box.dataset.count = items.length;
      box.replaceChildren(documentsTable(items, { id: 'documents-table', showVenue: true, canVoid: true, onDone: load }));
    } catch (e) {
      box.replaceChildren();
      showError(e);
    }
  };
  show.addEventListener('change', load);
  kind.addEventListener('change', load);
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('documents.title'))),
    h('p', { class: 'muted' }, t('documents.hint')),
    h('form', { class: 'toolbar', id: 'documents-filters', onsubmit: (e) => e.preventDefault() },
      h('label', {}, t('documents.show'), show), h('label', {}, setLabel('document_kind'), kind)),
    count, box);
  await load();
}
