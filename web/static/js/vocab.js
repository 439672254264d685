// The domain's words: every term set (risk levels, categories, statuses,
// kinds, roles, …) with each value's Chinese and English label, as
// GET /api/v1/vocabulary serves them. The console fetches them once, before
// the first page, and takes every label of a term from here; no value list
// is written in the console itself (i18n.js holds only its own wording).
import { raw } from './api.js';
import { getLang } from './i18n.js';

let sets = null; // name → { zh, en, terms: [{value, zh, en}], byValue: Map }
let loading = null;

/** loadVocabulary fetches the vocabulary once; a failed fetch is tried again on the next call. */
export function loadVocabulary() {
  if (sets) return Promise.resolve();
  if (!loading) {
    // No token: the vocabulary is public, and is read before logging in.
    loading = raw('GET', '/vocabulary', { auth: false }).then((res) => res.json()).then((v) => {
      sets = new Map(v.sets.map((s) => [s.name, { ...s, byValue: new Map(s.terms.map((t) => [t.value, t])) }]));
    }).finally(() => { loading = null; });
  }
  return loading;
}

function set(name) {
  const s = sets && sets.get(name);
  if (!s) throw new Error(`vocabulary: no set ${name}${sets ? '' : ' (not loaded yet)'}`);
  return s;
}

function pick(x) {
  return getLang() === 'zh' ? x.zh : x.en;
}

/** label is the word for a value of a set, in the current language (the value itself when unknown). */
export function label(setName, value) {
  const t = set(setName).byValue.get(value);
  return t ? pick(t) : String(value ?? '');
}

/** setLabel is what a set is called (the name of the risk levels, say), for a column or a filter. */
export function setLabel(setName) {
  return pick(set(setName));
}

/** values are a set's values, in the vocabulary's order. */
export function values(setName) {
  return set(setName).terms.map((t) => t.value);
}

/** openValues are a set's statuses of work still to be done (the vocabulary marks them open). */
export function openValues(setName) {
  return set(setName).terms.filter((t) => t.open).map((t) => t.value);
}
