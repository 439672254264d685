// A thin typed client for the Jiuxiao API: openapi-fetch over the types that
// generate.mjs makes from handlers/openapi.yaml, plus what a mobile app needs
// besides: a session that refreshes itself once on a 401, Idempotency-Key
// and If-Match helpers, and multipart photo bodies.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Schemas = components["schemas"];
export type Session = Schemas["Session"];

/** A problem (RFC 9457) the API answered, thrown by `ok`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Schemas["Problem"]> | undefined,
  ) {
    super(`${status} ${problem?.title ?? ""}: ${problem?.detail ?? ""}`.trim());
    this.name = "ProblemError";
  }
}

export interface JiuxiaoOptions {
  /** The server's root, e.g. "https://jiuxiao.example.cn" (paths start with /api/v1). */
  baseUrl: string;
  /** Defaults to the platform's fetch. */
  fetch?: (input: Request) => Promise<Response>;
  /** Told of every new session (after login and each refresh) and of its end (null), to persist it. */
  onSession?: (s: Session | null) => void;
}

export interface Jiuxiao {
  /** The typed openapi-fetch client: api.GET("/api/v1/inspections", {...}). */
  api: Client<paths>;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  /** Resumes a session persisted from onSession. */
  resume(s: Session): void;
  session(): Session | null;
}

const AUTH = "/api/v1/auth/";

/**
 * createJiuxiao makes a client. Every request carries the session's access
 * token; a 401 on any other path than /auth/ refreshes the session once (one
 * refresh at a time: refresh tokens are single use) and retries the request
 * once with the new token. A failed refresh ends the session.
 */
export function createJiuxiao(opts: JiuxiaoOptions): Jiuxiao {
  const baseFetch = opts.fetch ?? ((r: Request) => globalThis.fetch(r));
  let current: Session | null = null;
  let refreshing: Promise<boolean> | null = null;

  const set = (s: Session | null) => {
    current = s;
    opts.onSession?.(s);
  };
  const authorized = (req: Request, s: Session | null): Request => {
    const r = new Request(req);
    if (s) r.headers.set("Authorization", `Bearer ${s.access_token}`);
    return r;
  };

  // refresh trades the refresh token for a new session; concurrent callers
  // share the one in flight.
  const refresh = (stale: Session): Promise<boolean> => {
    if (current !== stale) return Promise.resolve(current !== null); // someone refreshed already
    refreshing ??= (async () => {
      const { data } = await auth.POST("/api/v1/auth/refresh", { body: { refresh_token: stale.refresh_token } });
      set(data ?? null);
      return data !== undefined;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const sessionFetch = async (req: Request): Promise<Response> => {
    const s = current;
    const retry = req.clone(); // a body can be read once
    const res = await baseFetch(authorized(req, s));
    if (res.status !== 401 || s === null || new URL(req.url).pathname.startsWith(AUTH)) return res;
    if (!(await refresh(s))) return res;
    await res.body?.cancel();
    return baseFetch(authorized(retry, current));
  };

  // auth carries no token and never retries.
  const auth = createClient<paths>({ baseUrl: opts.baseUrl, fetch: baseFetch });
  const api = createClient<paths>({
    baseUrl: opts.baseUrl,
    fetch: sessionFetch,
    // As the document declares its array parameters (style form, explode
    // false: status=a,b); the server takes status=a&status=b as well.
    querySerializer: { array: { style: "form", explode: false } },
  });

  return {
    api,
    async login(username, password) {
      const s = ok(await auth.POST("/api/v1/auth/login", { body: { username, password } }));
      set(s);
      return s;
    },
    async logout() {
      if (current) await api.POST("/api/v1/auth/logout", { body: { refresh_token: current.refresh_token } });
      set(null);
    },
    resume(s) {
      set(s);
    },
    session: () => current,
  };
}

/** ok returns an answer's data, or throws its problem as a ProblemError. */
export function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) {
    throw new ProblemError(r.response.status, r.error as Partial<Schemas["Problem"]> | undefined);
  }
  return r.data as T;
}

/** A fresh Idempotency-Key header, to send again unchanged when a POST is retried. */
export function idempotencyKey(key: string = globalThis.crypto.randomUUID()): { "Idempotency-Key": string } {
  return { "Idempotency-Key": key };
}

/** An If-Match header from a read's ETag ('"3"') or its version (3). */
export function ifMatch(etagOrVersion: string | number | null): { "If-Match": string } {
  if (etagOrVersion === null) throw new Error("no ETag to send in If-Match");
  return { "If-Match": typeof etagOrVersion === "number" ? `"${etagOrVersion}"` : etagOrVersion };
}

/**
 * multipart is a bodySerializer for multipart/form-data operations (the photo
 * upload): Blob fields go as files, the others as text.
 */
export function multipart(body: Record<string, Blob | string | number | boolean | undefined>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined) continue;
    if (v instanceof Blob) form.append(k, v, v instanceof File ? v.name : k);
    else form.append(k, String(v));
  }
  return form;
}
