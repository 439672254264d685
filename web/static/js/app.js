// The console's shell: sign-in, the header, and the hash router
// (#/dashboard, #/work, #/review, #/venues, #/venues/{id}, #/documents, #/reports, #/ledgers, and #/webhooks for admins).
import { api, getSession, login, logout, resume } from './api.js';
import { t, getLang, setLang, translateStatic } from './i18n.js';
import { label, loadVocabulary } from './vocab.js';
import { h, problemText, problemDetail, clearErrors, setClock } from './ui.js';
import * as dashboard from './dashboard.js';
import * as review from './review.js';
import * as venues from './venues.js';
import * as ledgers from './ledgers.js';
import * as documents from './documents.js';
import * as work from './work.js';
import * as reports from './reports.js';
import * as webhooks from './webhooks.js';

const UUID = '([0-9a-fA-F-]{36})';
const routes = [
  { re: /^#\/dashboard$/, nav: 'dashboard', page: dashboard.render },
  { re: new RegExp(`^#/review(?:/(inspection|hazard|extension)/${UUID})?$`), nav: 'review', page: review.render },
  { re: /^#\/venues(?:\?(.*))?$/, nav: 'venues', page: venues.renderList },
  { re: new RegExp(`^#/venues/${UUID}$`), nav: 'venues', page: venues.renderVenue },
  { re: /^#\/documents$/, nav: 'documents', page: documents.render },
  { re: /^#\/reports$/, nav: 'reports', page: reports.render },
  { re: /^#\/ledgers$/, nav: 'ledgers', page: ledgers.render },
  { re: /^#\/work(?:\?(.*))?$/, nav: 'work', page: work.render },
  { re: /^#\/webhooks$/, nav: 'webhooks', page: webhooks.render },
];

const main = document.getElementById('main');
const ctx = { user: null, unit: null };

/** A supervisor or an admin may use the console; an officer may not. */
function canDecide(user) {
  return user && (user.role === 'supervisor' || user.role === 'admin');
}

function chrome(user) {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  translateStatic(document.body);
  document.getElementById('lang-toggle').textContent = getLang() === 'zh' ? 'EN' : '中文';
  document.getElementById('nav').hidden = !canDecide(user);
  document.getElementById('menu-toggle').hidden = !canDecide(user);
  // The webhooks are admins' alone (the API answers 403 to anyone else).
  for (const a of document.querySelectorAll('#nav [data-admin]')) a.hidden = !(user && user.role === 'admin');
  document.getElementById('menu-toggle').setAttribute('aria-label', t('nav.menu'));
  document.getElementById('logout').hidden = !user;
  document.getElementById('user-box').hidden = !user;
  if (user) {
    const parts = [user.name || user.username, label('role', user.role), ctx.unit ? ctx.unit.name : ''];
    const box = document.getElementById('user-box');
    box.replaceChildren(
      h('span', { id: 'user-name', title: user.username }, parts[0]), ' · ',
      h('span', { id: 'user-role', 'data-role': user.role }, parts[1]));
    if (parts[2]) box.append(' · ', h('span', { id: 'user-unit' }, parts[2]));
  }
}

function highlight(nav) {
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.nav === nav);
  }
}

async function loadUnit(user) {
  if (!ctx.clock) {
    try {
      ctx.clock = await api.get('/clock');
      setClock(ctx.clock);
    } catch {
      /* the browser's date until the next page */
    }
  }
  if (ctx.unit && ctx.unit.id === user.org_unit_id) return;
  try {
    ctx.unit = await api.get('/org-units/' + user.org_unit_id);
  } catch {
    ctx.unit = null;
  }
}

let seq = 0;

async function route() {
  const mine = ++seq;
  // Every label of a term comes from the vocabulary: nothing is shown before it.
  try {
    await loadVocabulary();
  } catch (err) {
    if (mine !== seq) return;
    main.replaceChildren(h('section', { class: 'view center', 'data-page': 'error' },
      h('p', { class: 'form-error', 'data-test': 'page-error' }, problemText(err)),
      h('button', { type: 'button', class: 'primary', onclick: route }, t('common.retry'))));
    return;
  }
  if (mine !== seq) return;
  clearErrors();
  closeMenu();
  // A new tab has no token yet: the refresh cookie, when there is one, logs it in.
  if (!getSession()) await resume();
  if (mine !== seq) return;
  const session = getSession();
  ctx.user = session ? session.user : null;
  chrome(ctx.user);
  if (!ctx.user) {
    renderLogin();
    return;
  }
  await loadUnit(ctx.user);
  if (mine !== seq) return;
  chrome(ctx.user);
  if (!canDecide(ctx.user)) {
    renderOfficer();
    return;
  }
  const hash = location.hash || '#/dashboard';
  const r = routes.find((x) => x.re.test(hash));
  if (!r) {
    location.replace('#/dashboard');
    return;
  }
  highlight(r.nav);
  const view = h('section', { class: 'view', 'data-page': r.nav });
  main.replaceChildren(view);
  announce(r.nav);
  try {
    await r.page(view, ctx, ...hash.match(r.re).slice(1));
  } catch (err) {
    if (mine !== seq) return;
    // Said once, in the page, in place of what was loading.
    for (const el of view.querySelectorAll('.loading')) el.remove();
    view.append(h('div', { class: 'card notice', 'data-test': 'page-error', 'data-status': err.status || '' },
      h('p', { class: 'form-error', role: 'alert', title: problemDetail(err) }, err.status === 404 ? t('err.not_found_page') + ' ' + problemText(err) : problemText(err)),
      h('p', {}, h('a', { href: '#/' + r.nav }, '← ', t('err.back')))));
  }
}

// Page changes are announced to screen readers (the live region under the header).
function announce(nav) {
  const live = document.getElementById('page-announce');
  if (live) live.textContent = t('nav.' + nav);
}

function closeMenu() {
  const btn = document.getElementById('menu-toggle');
  document.getElementById('nav').classList.remove('open');
  if (btn) btn.setAttribute('aria-expanded', 'false');
}

function renderLogin(message = '') {
  highlight(null);
  const error = h('p', { id: 'login-error', class: 'form-error', role: 'alert', hidden: !message }, message);
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { id: 'login-submit', type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { id: 'login-form', class: 'card login' },
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.subtitle')),
    h('label', {}, t('login.username'), username),
    h('label', {}, t('login.password'), password),
    submit, error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await login(username.value.trim(), password.value);
      document.getElementById('flash').replaceChildren();
      ctx.clock = null;
      if (!location.hash || location.hash === '#/') location.hash = '#/dashboard';
      else route();
    } catch (err) {
      error.textContent = err.status === 401 ? t('login.failed') : problemText(err);
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(h('section', { class: 'view center', 'data-page': 'login' }, form));
  username.focus();
}

// An officer signs in with the same account, but the console is not for
// them: say so, and show what the API answers to a supervisor's request.
async function renderOfficer() {
  highlight(null);
  const probe = h('p', { id: 'officer-probe', class: 'muted' }, t('officer.probing'));
  main.replaceChildren(h('section', { class: 'view center', 'data-page': 'officer' },
    h('div', { id: 'officer-notice', class: 'card notice', 'data-test': 'officer-notice' },
      h('h1', {}, t('officer.title')),
      h('p', {}, t('officer.body')),
      probe,
      h('button', { type: 'button', class: 'primary', onclick: signOut }, t('nav.logout')))));
  try {
    await api.get('/review/queue', { limit: 1 });
    probe.textContent = t('officer.unexpected');
  } catch (err) {
    probe.textContent = t('officer.refused', { answer: problemText(err) });
    probe.dataset.status = err.status || '';
  }
}

async function signOut() {
  await logout();
  ctx.unit = null;
  location.hash = '#/dashboard';
  route();
}

document.getElementById('logout').addEventListener('click', signOut);
document.getElementById('menu-toggle').addEventListener('click', (e) => {
  const open = document.getElementById('nav').classList.toggle('open');
  e.currentTarget.setAttribute('aria-expanded', String(open));
});
document.getElementById('nav').addEventListener('click', (e) => { if (e.target.closest('a')) closeMenu(); });
document.getElementById('lang-toggle').addEventListener('click', () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('jx:signedout', () => {
  ctx.user = null;
  chrome(null);
  renderLogin(t('login.expired'));
});

route();
