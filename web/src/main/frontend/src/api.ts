// REST client of the admin API v1 (docs/api/admin-api-v1.md): bearer token on every call,
// problem+json errors turned into French messages and per-field errors for the forms.

export interface FieldError { field: string; message: string }

export interface Problem {
  type?: string; title?: string; status?: number; detail?: string; instance?: string; errors?: FieldError[];
}

/** Generic French message per HTTP status; the server's detail is appended when there is one. */
export function statusMessage(status: number): string {
  switch (status) {
    case 0: return 'Serveur injoignable : vérifiez votre connexion et réessayez.';
    case 400: return 'Requête refusée : vérifiez les champs signalés.';
    case 401: return 'Session expirée : reconnexion en cours.';
    case 403: return 'Accès refusé : vos droits ne permettent pas cette action.';
    case 404: return "Introuvable : la ressource n'existe pas ou n'appartient pas à votre établissement.";
    case 409: return 'Conflit : l\'opération est impossible dans l\'état actuel.';
    case 412: return 'Cette ressource a été modifiée entre-temps par quelqu\'un d\'autre : rechargez la page avant de réessayer.';
    case 422: return 'Requête non traitable.';
    case 429: return 'Trop de requêtes : patientez un instant.';
    default: return status >= 500 ? `Erreur du serveur (${status}) : réessayez plus tard.` : `Erreur ${status}.`;
  }
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly fieldErrors: FieldError[];

  constructor(status: number, problem: Problem = {}) {
    const generic = statusMessage(status);
    const detail = problem.detail || (status >= 500 || !problem.title ? '' : problem.title);
    super(detail && status !== 401 ? `${generic} ${detail.charAt(0).toUpperCase()}${detail.slice(1)}` : generic);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors.filter(e => e && typeof e.field === 'string') : [];
  }

  /** field → message (several messages of one field joined). */
  fieldMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const e of this.fieldErrors) {
      map[e.field] = map[e.field] ? `${map[e.field]} ${e.message}` : e.message;
    }
    return map;
  }
}

/** Splits field errors between the fields a form shows and the rest (shown at the top of the form). */
export function splitFieldErrors(errors: FieldError[], known: string[]): { byField: Record<string, string>; other: FieldError[] } {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  for (const e of errors) {
    const key = known.includes(e.field) ? e.field : known.find(k => e.field.startsWith(k + '.') || e.field.startsWith(k + '['));
    if (key) {
      byField[key] = byField[key] ? `${byField[key]} ${e.message}` : e.message;
    } else {
      other.push(e);
    }
  }
  return { byField, other };
}

export interface PageOf<T> { items: T[]; page: number; size: number; total: number }
export interface PageRequest { page?: number; size?: number; sort?: string }

export type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') {
      params.append(k, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** "1–50 sur 120" and whether there is a previous/next page. */
export function pageInfo(p: { page: number; size: number; total: number; items?: unknown[] }) {
  const count = p.items ? p.items.length : Math.max(0, Math.min(p.size, p.total - p.page * p.size));
  const first = p.total === 0 || count === 0 ? 0 : p.page * p.size + 1;
  const last = first === 0 ? 0 : p.page * p.size + count;
  const pages = p.size > 0 ? Math.max(1, Math.ceil(p.total / p.size)) : 1;
  return {
    first, last, pages,
    hasPrevious: p.page > 0,
    hasNext: (p.page + 1) * p.size < p.total,
    label: p.total === 0 ? 'Aucun résultat' : `${first}–${last} sur ${p.total}`,
  };
}

/** Next sort parameter when a column header is activated: asc first, then desc. */
export function toggleSort(current: string | undefined, field: string): string {
  const [f, dir] = (current || '').split(',');
  return f === field && dir !== 'desc' ? `${field},desc` : `${field},asc`;
}

export interface ApiResponse<T> { data: T; etag: string | null; status: number }

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Raw body (text/csv upload); sent as is with its content type. */
  rawBody?: { content: string | Blob; contentType: string };
  ifMatch?: string | null;
  accept?: string;
}

export type TokenProvider = () => Promise<string>;
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const enc = encodeURIComponent;

function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') {
    return c.randomUUID();
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export class Api {
  /** Idempotency-Key of each POST not yet answered (path + body): a retry of the same request reuses it. */
  private readonly pendingKeys = new Map<string, string>();

  constructor(
    private readonly token: TokenProvider,
    private readonly fetchImpl: FetchLike = (i, init) => fetch(i, init),
    private readonly onUnauthorized: () => void = () => undefined,
    private readonly base = '',
  ) {}

  async send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await this.token()}`,
      Accept: opts.accept || 'application/json, application/problem+json',
      ...(opts.headers || {}),
    };
    let body: BodyInit | undefined;
    if (opts.rawBody) {
      headers['Content-Type'] = opts.rawBody.contentType;
      body = opts.rawBody.content;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
      body = JSON.stringify(opts.body);
    }
    if (opts.ifMatch) {
      headers['If-Match'] = opts.ifMatch;
    }
    const keyId = method === 'POST' && typeof body === 'string' ? `${path}${queryString(opts.query)} ${body}` : null;
    if (keyId) {
      const key = this.pendingKeys.get(keyId) || newKey();
      this.pendingKeys.set(keyId, key);
      headers['Idempotency-Key'] = key;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path + queryString(opts.query), { method, headers, body });
    } catch {
      throw new ApiError(0, {});   // the key is kept: retrying the same request replays the first answer
    }
    if (keyId && response.status !== 409 && response.status < 500) {
      this.pendingKeys.delete(keyId);
    }
    if (!response.ok) {
      if (response.status === 401) {
        this.onUnauthorized();
      }
      throw new ApiError(response.status, await readProblem(response));
    }
    return response;
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await this.send(method, path, opts);
    const etag = response.headers.get('ETag');
    if (response.status === 204) {
      return { data: null as T, etag, status: 204 };
    }
    const type = response.headers.get('Content-Type') || '';
    const text = await response.text();
    const data = (type.includes('json') && text ? JSON.parse(text) : text) as T;
    return { data, etag, status: response.status };
  }

  get<T>(path: string, query?: Query) { return this.request<T>('GET', path, { query }).then(r => r.data); }
  post<T>(path: string, body?: unknown, query?: Query) { return this.request<T>('POST', path, { body: body ?? {}, query }).then(r => r.data); }
  del(path: string) { return this.request<null>('DELETE', path).then(() => undefined); }
  patch<T>(path: string, body: unknown, ifMatch: string | null) { return this.request<T>('PATCH', path, { body, ifMatch }); }

  /** Downloads a file (audit export) with the bearer token: fetch → Blob. */
  async download(path: string, query: Query, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
    const response = await this.send('GET', path, { query, accept: 'text/csv' });
    const blob = await response.blob();
    return { blob, filename: filenameFrom(response.headers.get('Content-Disposition')) || fallbackName };
  }
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const text = await response.text();
    if (!text) {
      return {};
    }
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      const parsed = JSON.parse(text);
      return parsed && typeof parsed === 'object' ? parsed as Problem : {};
    }
    return {};
  } catch {
    return {};
  }
}

export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) {
    return null;
  }
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}
