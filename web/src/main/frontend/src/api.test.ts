import { describe, expect, it } from 'vitest';
import { Api, ApiError, filenameFrom, pageInfo, queryString, splitFieldErrors, statusMessage, toggleSort } from './api';
import { json, mockFetch, problem } from './test-helpers';

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('the call should have failed');
}

function client(routes: Parameters<typeof mockFetch>[0]) {
  const { fetchImpl, calls } = mockFetch(routes);
  const unauthorized: number[] = [];
  const api = new Api(async () => 'T0KEN', fetchImpl, () => unauthorized.push(1));
  return { api, calls, unauthorized };
}

describe('Api client', () => {
  it('sends the bearer token on every call, with the filters and paging in the query', async () => {
    const { api, calls } = client({ 'GET /api/v1/mailboxes': () => json({ items: [], page: 2, size: 25, total: 60 }) });
    const page = await api.get('/api/v1/mailboxes', { q: 'dupont', type: 'PER', status: '', page: 2, size: 25, sort: 'address,desc' });
    expect(page).toEqual({ items: [], page: 2, size: 25, total: 60 });
    expect(calls[0].headers.Authorization).toBe('Bearer T0KEN');
    expect(calls[0].url).toBe('/api/v1/mailboxes?q=dupont&type=PER&page=2&size=25&sort=address%2Cdesc');
  });

  it('maps a problem+json 400 errors[] to field errors, with the server detail in French', async () => {
    const { api } = client({
      'POST /api/v1/mailboxes': () => problem(400, "l'adresse doit être en minuscules", [
        { field: 'address', message: 'doit être en minuscules' },
        { field: 'address', message: 'domaine inconnu' },
        { field: 'ownerNationalId', message: 'obligatoire pour une boîte PER' },
      ]),
    });
    const error = await failure(api.post('/api/v1/mailboxes', { address: 'X@y' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe("Requête refusée : vérifiez les champs signalés. L'adresse doit être en minuscules");
    expect(error.fieldMap()).toEqual({ address: 'doit être en minuscules domaine inconnu', ownerNationalId: 'obligatoire pour une boîte PER' });
  });

  it('asks for a new login on 401', async () => {
    const { api, unauthorized } = client({ 'GET /api/v1/dashboard': () => new Response('', { status: 401 }) });
    const error = await failure(api.get('/api/v1/dashboard'));
    expect(error.status).toBe(401);
    expect(error.message).toBe('Session expirée : reconnexion en cours.');
    expect(unauthorized).toHaveLength(1);
  });

  it('explains 403 and 404 clearly', async () => {
    const { api, unauthorized } = client({
      'GET /api/v1/establishments': () => problem(403, 'réservé aux administrateurs'),
      'GET /api/v1/mailboxes/a%40b.fr': () => problem(404, 'boîte inconnue'),
    });
    const forbidden = await failure(api.get('/api/v1/establishments'));
    expect(forbidden.message).toBe('Accès refusé : vos droits ne permettent pas cette action. Réservé aux administrateurs');
    const missing = await failure(api.get('/api/v1/mailboxes/a%40b.fr'));
    expect(missing.message).toMatch(/^Introuvable/);
    expect(unauthorized).toHaveLength(0);
  });

  it('returns the ETag and sends If-Match with a JSON merge patch; 412 says reload', async () => {
    const { api, calls } = client({
      'GET /api/v1/mailboxes/a%40b.fr': () => json({ address: 'a@b.fr' }, 200, { ETag: '"v3"' }),
      'PATCH /api/v1/mailboxes/a%40b.fr': () => problem(412, 'version 4 sur le serveur'),
    });
    const r = await api.request('GET', '/api/v1/mailboxes/a%40b.fr');
    expect(r.etag).toBe('"v3"');
    const error = await failure(api.patch('/api/v1/mailboxes/a%40b.fr', { displayName: 'X' }, r.etag));
    expect(calls[1].headers['If-Match']).toBe('"v3"');
    expect(calls[1].headers['Content-Type']).toBe('application/merge-patch+json');
    expect(calls[1].body).toEqual({ displayName: 'X' });
    expect(error.status).toBe(412);
    expect(error.message).toContain('modifiée entre-temps');
    expect(error.message).toContain('rechargez');
  });

  it('sends an Idempotency-Key on creates, the same one when a failed request is retried', async () => {
    let attempt = 0;
    const { api, calls } = client({
      'POST /api/v1/mailboxes': () => { attempt++; return attempt === 1 ? problem(503, 'indisponible') : json({ address: 'a@b.fr' }, 201); },
    });
    await failure(api.post('/api/v1/mailboxes', { address: 'a@b.fr' }));
    await api.post('/api/v1/mailboxes', { address: 'a@b.fr' });
    await api.post('/api/v1/mailboxes', { address: 'a@b.fr' });
    const keys = calls.map(c => c.headers['Idempotency-Key']);
    expect(keys[0]).toMatch(/\S{8,}/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('turns a network failure into a French message', async () => {
    const api = new Api(async () => 'T', async () => { throw new TypeError('Failed to fetch'); });
    const error = await failure(api.get('/api/v1/me'));
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Serveur injoignable/);
  });

  it('does not show server internals of a 500, and copes with a non-JSON error body', async () => {
    const { api } = client({ 'GET /api/v1/dashboard': () => new Response('<html>oops</html>', { status: 500, headers: { 'Content-Type': 'text/html' } }) });
    const error = await failure(api.get('/api/v1/dashboard'));
    expect(error.message).toBe('Erreur du serveur (500) : réessayez plus tard.');
    expect(error.fieldErrors).toEqual([]);
  });

  it('answers null on 204 and uploads CSV as is', async () => {
    const { api, calls } = client({
      'DELETE /api/v1/mailboxes/a%40b.fr/delegations/123': () => new Response(null, { status: 204 }),
      'POST /api/v1/mailboxes/import': () => json({ dryRun: true, lines: [], created: 0, unchanged: 0, failed: 0 }),
    });
    await expect(api.del('/api/v1/mailboxes/a%40b.fr/delegations/123')).resolves.toBeUndefined();
    await api.request('POST', '/api/v1/mailboxes/import', { query: { dryRun: true }, rawBody: { content: 'address\n', contentType: 'text/csv' } });
    expect(calls[1].url).toBe('/api/v1/mailboxes/import?dryRun=true');
    expect(calls[1].headers['Content-Type']).toBe('text/csv');
    expect(calls[1].body).toBe('address\n');
  });

  it('downloads with the bearer token and names the file from Content-Disposition', async () => {
    const { api, calls } = client({
      'GET /api/v1/audit/export': () => new Response('id,type\n1,LOGIN\n', {
        status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="audit-2026-03.csv"' },
      }),
    });
    const { blob, filename } = await api.download('/api/v1/audit/export', { actor: 'admin' }, 'x.csv');
    expect(filename).toBe('audit-2026-03.csv');
    expect(await blob.text()).toBe('id,type\n1,LOGIN\n');
    expect(calls[0].headers.Authorization).toBe('Bearer T0KEN');
    expect(calls[0].headers.Accept).toBe('text/csv');
  });
});

describe('errors, paging and sorting helpers', () => {
  it('splits field errors between the form inputs and the rest', () => {
    const { byField, other } = splitFieldErrors([
      { field: 'name', message: 'obligatoire' },
      { field: 'contacts[0].email', message: 'adresse invalide' },
      { field: 'idempotencyKey', message: 'déjà utilisée' },
    ], ['name', 'contacts']);
    expect(byField).toEqual({ name: 'obligatoire', contacts: 'adresse invalide' });
    expect(other).toEqual([{ field: 'idempotencyKey', message: 'déjà utilisée' }]);
  });

  it('gives every status a French message', () => {
    for (const s of [0, 400, 401, 403, 404, 409, 412, 422, 429, 500, 503, 418]) {
      expect(statusMessage(s)).toMatch(/\S/);
    }
  });

  it('describes a page', () => {
    expect(pageInfo({ page: 0, size: 50, total: 120 })).toMatchObject({ first: 1, last: 50, pages: 3, hasPrevious: false, hasNext: true, label: '1–50 sur 120' });
    expect(pageInfo({ page: 2, size: 50, total: 120 })).toMatchObject({ first: 101, last: 120, hasPrevious: true, hasNext: false });
    expect(pageInfo({ page: 0, size: 50, total: 0, items: [] })).toMatchObject({ label: 'Aucun résultat', hasNext: false, pages: 1 });
  });

  it('toggles the sort of a column', () => {
    expect(toggleSort('address,asc', 'address')).toBe('address,desc');
    expect(toggleSort('address,desc', 'address')).toBe('address,asc');
    expect(toggleSort('address,desc', 'status')).toBe('status,asc');
    expect(toggleSort(undefined, 'createdAt')).toBe('createdAt,asc');
  });

  it('builds query strings without empty filters', () => {
    expect(queryString({ a: '', b: undefined, c: null, d: 0, e: false, f: 'x y' })).toBe('?d=0&e=false&f=x+y');
    expect(queryString({})).toBe('');
  });

  it('reads file names from Content-Disposition', () => {
    expect(filenameFrom("attachment; filename*=UTF-8''journal%20d%C3%A9c.csv")).toBe('journal déc.csv');
    expect(filenameFrom('attachment; filename=audit.csv')).toBe('audit.csv');
    expect(filenameFrom(null)).toBeNull();
  });
});
