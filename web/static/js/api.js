// The console's only way to the server: /api/v1 with the access token kept
// in this tab's memory, one refresh (POST /auth/refresh) on a 401, and every
// error turned into an ApiError that carries the API's problem details.
//
// The refresh token is no script's: the API keeps it in an httpOnly,
// SameSite=Strict cookie for its auth paths (cookie mode, asked for by the
// X-Requested-With header), so that a new tab logs itself in by a refresh
// and a script in the page can read no long-lived token.

const BASE = '/api/v1';
const MODE = { 'X-Requested-With': 'jiuxiao-console' };

/** An error answer of the API, with its RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let current = null; // { access, user } of this tab

/** getSession is this tab's session, or null before a login or a refresh. */
export function getSession() {
  return current;
}

function setSession(s) {
  current = { access: s.access_token, user: s.user };
}

export function clearSession() {
  current = null;
  photos.forEach((p) => p.then((u) => URL.revokeObjectURL(u), () => {}));
  photos.clear();
}

function qs(query) {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

async function problemOf(res) {
  let p = { status: res.status, title: res.statusText || `HTTP ${res.status}` };
  const ct = res.headers.get('Content-Type') || '';
  if (ct.includes('json')) {
    try {
      p = { ...p, ...(await res.json()) };
    } catch {
      /* not JSON after all: keep the status line */
    }
  }
  return new ApiError(res.status, p);
}

// One refresh at a time: refresh tokens are single-use, so parallel 401s
// share the same rotation.
let refreshing = null;

function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const res = await fetch(BASE + '/auth/refresh', { method: 'POST', headers: MODE, credentials: 'same-origin' });
      if (!res.ok) return false;
      setSession(await res.json());
      return true;
    })()
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/** resume logs this tab in from the refresh cookie, when there is one; it reports whether it did. */
export async function resume() {
  if (current) return true;
  return refresh();
}

/**
 * raw sends a request and returns the Response when it is a success, or
 * throws an ApiError. A 401 is retried once after a refresh; when that fails
 * too the session ends and 'jx:signedout' is dispatched on window.
 */
export async function raw(method, path, { body, query, auth = true, retried = false, quiet = false } = {}) {
  const headers = { ...MODE };
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const s = getSession();
  if (auth && s) headers.Authorization = 'Bearer ' + s.access;
  const res = await fetch(BASE + path + qs(query), { method, headers, body: payload });
  if (res.status === 401 && auth) {
    if (!retried && (await refresh())) {
      return raw(method, path, { body, query, auth, retried: true, quiet });
    }
    if (!quiet) {
      clearSession();
      window.dispatchEvent(new CustomEvent('jx:signedout'));
    }
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

async function json(method, path, opts) {
  const res = await raw(method, path, opts);
  if (res.status === 204) return null;
  return res.json();
}

export const api = {
  get: (path, query) => json('GET', path, { query }),
  post: (path, body = {}) => json('POST', path, { body }),
  patch: (path, body = {}) => json('PATCH', path, { body }),
  del: (path) => json('DELETE', path, {}),
  /** all follows next_cursor and returns every item, up to max. */
  async all(path, query = {}, max = 2000) {
    const out = [];
    let cursor;
    do {
      const page = await json('GET', path, { query: { ...query, limit: 200, cursor } });
      out.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && out.length < max);
    return out;
  },
};

export async function login(username, password) {
  const res = await json('POST', '/auth/login', { body: { username, password }, auth: false });
  setSession(res);
  return res.user;
}

export async function logout() {
  try {
    // No body: the cookie names the session to end, and the answer clears it.
    await json('POST', '/auth/logout', { quiet: true, retried: true });
  } catch {
    /* the session ends here whatever the server says */
  }
  clearSession();
}

// Photos need the bearer token, so an <img> cannot fetch them itself: they
// are fetched as blobs and shown through object URLs, kept for the session
// (a photo never changes).
const photos = new Map();

export function photoURL(id) {
  if (!photos.has(id)) {
    const p = raw('GET', '/photos/' + id).then(async (res) => URL.createObjectURL(await res.blob()));
    p.catch(() => photos.delete(id));
    photos.set(id, p);
  }
  return photos.get(id);
}

function filenameOf(disposition) {
  if (!disposition) return '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : '';
}

/** download fetches a file with the token and saves it through a blob URL. */
export async function download(path, query) {
  const res = await raw('GET', path, { query });
  const blob = await res.blob();
  const name = filenameOf(res.headers.get('Content-Disposition')) || path.split('/').pop();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  return { name, size: blob.size };
}
