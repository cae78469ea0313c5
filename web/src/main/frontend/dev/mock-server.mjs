// Development stand-in for WildFly + Keycloak: serves the built console (../../../../target/console) under
// /console/, a fake Keycloak (any login succeeds; unsigned tokens with the roles of MOCK_ROLES) and the
// admin API v1 answered from fixtures. For screenshots and trying the screens without the platform:
//   npm run build && MOCK_ROLES=operator-admin node dev/mock-server.mjs   →  http://127.0.0.1:5180/console/
// MOCK_KEYCLOAK_URL=http://127.0.0.1:8180/auth uses a real Keycloak instead (with MOCK_PORT=8080, the origin the
// realm's mssante-console client allows); the API fixtures then ignore the token. Never used by the build or the tests.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const PORT = Number(process.env.MOCK_PORT || 5180);
const ROLES = (process.env.MOCK_ROLES || 'operator-admin').split(',');
const DIST = fileURLToPath(new URL('../../../../target/console/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const b64 = o => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(nonce) {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
    iat: now, exp: now + 3600, nonce, sub: 'u1', sid: 's1', azp: 'mssante-console', typ: 'Bearer',
    preferred_username: ROLES.includes('practitioner') && ROLES.length === 1 ? '810001234567' : 'operator',
    realm_access: { roles: ROLES }, ...(ROLES.includes('tenant-admin') ? { finess: '750000001' } : {}),
  })}.c2ln`;
}

const day = i => new Date(Date.now() - (29 - i) * 86400000).toISOString().slice(0, 10);
const mailboxes = [
  { address: 'jean.martin@hopital-demo.mssante.fr', type: 'PER', status: 'ACTIVE', displayName: 'Dr Jean Martin', ownerNationalId: '810001234567', quotaBytes: 1073741824, usedBytes: 52428800, domain: 'hopital-demo.mssante.fr', establishment: '750000001', createdAt: '2026-01-05T09:00:00Z', publishedInDirectory: true, redList: false },
  { address: 'cardiologie@hopital-demo.mssante.fr', type: 'ORG', status: 'SUSPENDED', displayName: 'Service de cardiologie', owners: ['810001234567'], usedBytes: 1048576, domain: 'hopital-demo.mssante.fr', establishment: '750000001', createdAt: '2026-01-06T09:00:00Z' },
  { address: 'dpi@hopital-demo.mssante.fr', type: 'APP', status: 'ACTIVE', displayName: 'Dossier patient', usedBytes: 0, domain: 'hopital-demo.mssante.fr', establishment: '750000001', createdAt: '2026-01-07T09:00:00Z' },
];
const API = {
  'GET /api/v1/dashboard': () => ({ mailboxesByType: { PER: 120, ORG: 14, APP: 6 }, mailboxesByStatus: { ACTIVE: 131, SUSPENDED: 5, CLOSED: 4 },
    messagesPerDay: Array.from({ length: 30 }, (_, i) => ({ day: day(i), received: 200 + Math.round(80 * Math.sin(i / 3)) + (i % 7 > 4 ? -150 : 0), sent: 120 + (i * 7) % 50 })),
    queue: { depth: 3, oldestAgeSeconds: 184 }, authFailures24h: 7 }),
  'GET /api/v1/mailboxes': () => ({ items: mailboxes, page: 0, size: 25, total: 3 }),
  'GET /api/v1/mailboxes/jean.martin@hopital-demo.mssante.fr': () => mailboxes[0],
  'GET /api/v1/mailboxes/dpi@hopital-demo.mssante.fr': () => mailboxes[2],
  'GET /api/v1/mailboxes/dpi@hopital-demo.mssante.fr/delegations': () => [],
  'GET /api/v1/mailboxes/dpi@hopital-demo.mssante.fr/app-passwords': () => [],
  'GET /api/v1/mailboxes/jean.martin@hopital-demo.mssante.fr/certificates': () => [],
  'GET /api/v1/mailboxes/dpi@hopital-demo.mssante.fr/certificates': () => [{ id: 'c1', subject: 'CN=dpi.hopital-demo,O=Hopital Demo,C=FR', issuer: 'CN=AC IGC-Santé', sha256Fingerprint: '3F:A2:91:0C:7B:55:E0:19:AA:42:08:6D:C3:11:9E:2B:70:4F:D8:63:01:BC:5A:77:E2:93:0D:46:8F:21:C9:AB', notAfter: new Date(Date.now() + 12 * 86400000).toISOString(), expiresWithin30Days: true, match: 'fingerprint' }],
  'GET /api/v1/mailboxes/jean.martin@hopital-demo.mssante.fr/delegations': () => [{ nationalId: '810009876543', rights: ['READ', 'SEND_AS'], grantedAt: '2026-02-01T10:00:00Z', grantedBy: 'admin.demo' }],
  'GET /api/v1/mailboxes/jean.martin@hopital-demo.mssante.fr/app-passwords': () => [{ id: 'p1', name: 'Thunderbird', createdAt: '2026-02-01T10:00:00Z', lastUsedAt: null, nationalId: '810001234567' }],
  'POST /api/v1/mailboxes': () => ({ $status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'la boîte ne peut pas être créée', errors: [{ field: 'address', message: "le domaine n'appartient pas à l'établissement" }] } }),
  'POST /api/v1/mailboxes/import': () => ({ dryRun: true, created: 2, unchanged: 1, failed: 1, lines: [
    { line: 2, address: 'a.durand@hopital-demo.mssante.fr', action: 'CREATE', errors: [] },
    { line: 3, address: 'accueil@hopital-demo.mssante.fr', action: 'CREATE', errors: [] },
    { line: 4, address: 'jean.martin@hopital-demo.mssante.fr', action: 'UNCHANGED', errors: [] },
    { line: 5, address: 'B.Petit@autre.fr', action: 'ERROR', errors: [{ field: 'address', message: 'doit être en minuscules' }, { field: 'ownerNationalId', message: 'obligatoire pour une boîte PER' }] }] }),
  'GET /api/v1/audit/export': () => ({ $raw: 'id,occurredAt,type,actor\n2,2026-03-01T10:00:00Z,MAILBOX_SUSPENDED,admin.demo\n', type: 'text/csv', headers: { 'Content-Disposition': 'attachment; filename="audit.csv"' } }),
  'GET /api/v1/establishments': () => ({ items: [{ finess: '750000001', name: 'Hôpital Démo', contacts: [], domainCount: 1, mailboxCount: 3, createdAt: '2026-01-01T00:00:00Z' }], page: 0, size: 50, total: 1 }),
  'GET /api/v1/establishments/750000001': () => ({ finess: '750000001', name: 'Hôpital Démo', contacts: [{ name: 'Alice Admin', role: 'DSI', email: 'dsi@hopital-demo.fr', phone: '01 02 03 04 05' }], mailboxCount: 3, createdAt: '2026-01-01T00:00:00Z' }),
  'GET /api/v1/establishments/750000001/domains': () => [{ name: 'hopital-demo.mssante.fr', createdAt: '2026-01-01T00:00:00Z', mailboxCount: 3, expectedDns: [{ type: 'MX', name: 'hopital-demo.mssante.fr.', value: '10 mx.operateur.example.' }, { type: 'TXT', name: 'hopital-demo.mssante.fr.', value: 'v=spf1 include:_spf.operateur.example -all' }] }],
  'GET /api/v1/audit': () => ({ items: [{ id: 2, occurredAt: '2026-03-01T10:00:00Z', type: 'MAILBOX_SUSPENDED', actor: 'admin.demo', mailbox: 'cardiologie@hopital-demo.mssante.fr', details: { reason: 'réorganisation' } }, { id: 1, occurredAt: '2026-03-01T09:00:00Z', type: 'LOGIN_FAILED', actor: '810001234567', details: { protocol: 'IMAP' } }], page: 0, size: 50, total: 2 }),
  'GET /api/v1/trace': () => [{ queueId: '7F3A2B', messageId: '<abc@hopital-demo.mssante.fr>', sender: 'jean.martin@hopital-demo.mssante.fr', recipients: ['cardiologie@hopital-demo.mssante.fr'], receivedAt: '2026-03-01T10:00:00Z',
    events: [{ at: '2026-03-01T10:00:00Z', type: 'ACCEPTED', details: { client: '10.0.0.5', tls: 'TLSv1.3' } }, { at: '2026-03-01T10:00:01Z', type: 'QUEUED' }, { at: '2026-03-01T10:00:02Z', type: 'DELIVERED', details: { folder: 'INBOX' } }] }],
  'GET /api/v1/me': () => ({ nationalId: '810001234567', displayName: 'Jean Martin', roles: ROLES, mailboxes: [{ address: 'jean.martin@hopital-demo.mssante.fr', type: 'PER', access: 'OWNER' }] }),
  'GET /api/v1/me/mailboxes/jean.martin@hopital-demo.mssante.fr/app-passwords': () => [{ id: 'p1', name: 'Thunderbird', createdAt: '2026-02-01T10:00:00Z' }],
};

const nonces = new Map();
createServer(async (req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${PORT}`);
  const path = decodeURIComponent(url.pathname);
  const send = (status, body, type = 'application/json') => { res.writeHead(status, { 'Content-Type': type }); res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)); };
  if (path === '/api/v1/config') return send(200, { keycloakUrl: process.env.MOCK_KEYCLOAK_URL || `http://127.0.0.1:${PORT}/auth`, realm: 'mssante', clientId: 'mssante-console' });
  if (path.endsWith('/openid-connect/auth')) {
    const code = `c${nonces.size}`;
    nonces.set(code, url.searchParams.get('nonce'));
    const back = new URL(url.searchParams.get('redirect_uri'));
    back.searchParams.set('state', url.searchParams.get('state'));
    back.searchParams.set('session_state', 's1');
    back.searchParams.set('code', code);
    res.writeHead(302, { Location: back.toString() });
    return res.end();
  }
  if (path.endsWith('/openid-connect/token')) {
    let body = '';
    for await (const chunk of req) body += chunk;
    const nonce = nonces.get(new URLSearchParams(body).get('code')) || null;
    const t = token(nonce);
    return send(200, { access_token: t, refresh_token: t, id_token: t, expires_in: 3600, refresh_expires_in: 3600, token_type: 'Bearer' });
  }
  if (path.endsWith('/openid-connect/logout')) { res.writeHead(302, { Location: url.searchParams.get('post_logout_redirect_uri') || '/console/' }); return res.end(); }
  if (path.startsWith('/api/')) {
    const handler = API[`${req.method} ${path}`];
    if (!handler) return send(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `${path} inconnu` });
    const r = handler();
    if (r && r.$raw) { res.writeHead(200, { 'Content-Type': r.type, ...r.headers }); return res.end(r.$raw); }
    return r && r.$status ? send(r.$status, r.body, 'application/problem+json') : send(200, r);
  }
  if (path === '/console') { res.writeHead(302, { Location: '/console/' }); return res.end(); }
  if (path.startsWith('/console/')) {
    const file = normalize(join(DIST, path.slice('/console/'.length) || 'index.html'));
    if (!file.startsWith(DIST)) return send(403, 'no', 'text/plain');
    try { return send(200, await readFile(file), TYPES[extname(file)] || 'application/octet-stream'); } catch { return send(404, 'not found', 'text/plain'); }
  }
  send(404, 'not found', 'text/plain');
}).listen(PORT, '127.0.0.1', () => console.log(`console mock on http://127.0.0.1:${PORT}/console/ roles=${ROLES}`));
