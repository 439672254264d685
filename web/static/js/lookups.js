// Lookups the pages share, fetched once and kept for the page's life: the
// grids in scope and the checklist catalogue.
import { api } from './api.js';
import { t, getLang } from './i18n.js';
import { h, select } from './ui.js';

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

let checklistPromise = null;

function checklist() {
  if (!checklistPromise) {
    checklistPromise = api.get('/checklist-items').then((r) => new Map(r.items.map((i) => [i.code, i])), () => new Map());
  }
  return checklistPromise;
}

/** itemLabel is a checklist item's label in the current language (its code when unknown). */
export async function itemLabel(code) {
  const it = (await checklist()).get(code);
  if (!it) return code;
  return getLang() === 'zh' ? it.label_zh : it.label_en;
}
