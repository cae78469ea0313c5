// Hash routing (/console/#/boites/...): every deep link loads the same index.html.
export type Role = 'operator-admin' | 'tenant-admin' | 'practitioner';

export interface Route { name: string; params: Record<string, string> }

export interface NavItem { name: string; path: string; label: string; roles: Role[]; testid: string }

const ADMINS: Role[] = ['operator-admin', 'tenant-admin'];

/** The navigation, in order; each entry visible only to the roles listed. */
export const NAV: NavItem[] = [
  { name: 'dashboard', path: '#/tableau-de-bord', label: 'Tableau de bord', roles: ADMINS, testid: 'nav-dashboard' },
  { name: 'establishments', path: '#/etablissements', label: 'Établissements', roles: ADMINS, testid: 'nav-establishments' },
  { name: 'mailboxes', path: '#/boites', label: 'Boîtes aux lettres', roles: ADMINS, testid: 'nav-mailboxes' },
  { name: 'import', path: '#/import', label: 'Import CSV', roles: ADMINS, testid: 'nav-import' },
  { name: 'audit', path: '#/audit', label: "Journal d'audit", roles: ADMINS, testid: 'nav-audit' },
  { name: 'trace', path: '#/tracage', label: 'Traçage des messages', roles: ADMINS, testid: 'nav-trace' },
  { name: 'me', path: '#/mon-espace', label: 'Mon espace', roles: ['operator-admin', 'tenant-admin', 'practitioner'], testid: 'nav-me' },
];

const PATTERNS: [RegExp, string, string[]][] = [
  [/^\/tableau-de-bord$/, 'dashboard', []],
  [/^\/etablissements$/, 'establishments', []],
  [/^\/etablissements\/nouveau$/, 'establishment-new', []],
  [/^\/etablissements\/([^/]+)$/, 'establishment', ['finess']],
  [/^\/etablissements\/([^/]+)\/modifier$/, 'establishment-edit', ['finess']],
  [/^\/boites$/, 'mailboxes', []],
  [/^\/boites\/nouvelle$/, 'mailbox-new', []],
  [/^\/boites\/([^/]+)$/, 'mailbox', ['address']],
  [/^\/boites\/([^/]+)\/modifier$/, 'mailbox-edit', ['address']],
  [/^\/import$/, 'import', []],
  [/^\/audit$/, 'audit', []],
  [/^\/tracage$/, 'trace', []],
  [/^\/mon-espace$/, 'me', []],
];

/** Which top-level section a route belongs to (for the role check and aria-current). */
export const SECTION: Record<string, string> = {
  dashboard: 'dashboard', establishments: 'establishments', 'establishment-new': 'establishments',
  establishment: 'establishments', 'establishment-edit': 'establishments', mailboxes: 'mailboxes',
  'mailbox-new': 'mailboxes', mailbox: 'mailboxes', 'mailbox-edit': 'mailboxes', import: 'import',
  audit: 'audit', trace: 'trace', me: 'me',
};

/** Routes that only an operator administrator may open (a tenant admin sees their establishment only). */
const OPERATOR_ONLY = new Set(['establishment-new', 'establishment-edit']);

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, search = ''] = raw.split('?');
  const params: Record<string, string> = {};
  new URLSearchParams(search).forEach((v, k) => { params[k] = v; });
  for (const [re, name, keys] of PATTERNS) {
    const m = re.exec(path || '/');
    if (m) {
      keys.forEach((k, i) => { params[k] = decodeURIComponent(m[i + 1]); });
      return { name, params };
    }
  }
  return { name: path === '' || path === '/' ? 'home' : 'not-found', params };
}

export function href(name: string, params: Record<string, string> = {}): string {
  const e = encodeURIComponent;
  switch (name) {
    case 'establishment': return `#/etablissements/${e(params.finess)}`;
    case 'establishment-edit': return `#/etablissements/${e(params.finess)}/modifier`;
    case 'establishment-new': return '#/etablissements/nouveau';
    case 'mailbox': return `#/boites/${e(params.address)}`;
    case 'mailbox-edit': return `#/boites/${e(params.address)}/modifier`;
    case 'mailbox-new': return '#/boites/nouvelle';
    default: {
      const item = NAV.find(n => n.name === name);
      return item ? item.path : '#/';
    }
  }
}

/** Hash with a query (filters kept in the URL so that back/forward and links keep them). */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== '') {
      p.set(k, String(v));
    }
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export function navFor(roles: string[]): NavItem[] {
  return NAV.filter(n => n.roles.some(r => roles.includes(r)));
}

export function isAdmin(roles: string[]): boolean {
  return roles.includes('operator-admin') || roles.includes('tenant-admin');
}

/** Where a user lands: the dashboard for administrators, their own space otherwise. */
export function homeFor(roles: string[]): string {
  return isAdmin(roles) ? '#/tableau-de-bord' : '#/mon-espace';
}

/** Whether the roles may open the route; home/not-found are always allowed (handled by the shell). */
export function canOpen(route: Route, roles: string[]): boolean {
  if (OPERATOR_ONLY.has(route.name)) {
    return roles.includes('operator-admin');
  }
  const section = SECTION[route.name];
  if (!section) {
    return true;
  }
  const item = NAV.find(n => n.name === section);
  return !!item && item.roles.some(r => roles.includes(r));
}
