// Boot: where Keycloak is (GET /api/v1/config), login (keycloak-js, PKCE S256), then the shell
// (navigation by role) and the hash router.
import Keycloak from 'keycloak-js';
import { html, render, nothing } from 'lit-html';
import './style.css';
import { Api } from './api';
import { label, ROLE_LABELS } from './format';
import type { Ctx, View } from './context';
import type { ClientConfig } from './model';
import { canOpen, homeFor, navFor, parseHash, SECTION, type Route } from './router';
import { announce } from './ui';
import { dashboardView } from './views/dashboard';
import { establishmentsView, establishmentView, establishmentFormView } from './views/establishments';
import { mailboxesView, mailboxFormView } from './views/mailboxes';
import { mailboxDetailView } from './views/mailbox-detail';
import { importView } from './views/import';
import { auditView } from './views/audit';
import { traceView } from './views/trace';
import { meView } from './views/me';

const VIEWS: Record<string, View> = {
  dashboard: dashboardView,
  establishments: establishmentsView,
  establishment: establishmentView,
  'establishment-new': establishmentFormView,
  'establishment-edit': establishmentFormView,
  mailboxes: mailboxesView,
  'mailbox-new': mailboxFormView,
  'mailbox-edit': mailboxFormView,
  mailbox: mailboxDetailView,
  import: importView,
  audit: auditView,
  trace: traceView,
  me: meView,
};

const RETURN_KEY = 'mssante-console-return';
const $ = (id: string) => document.getElementById(id) as HTMLElement;

function pageUrl(): string {
  return window.location.origin + window.location.pathname;
}

async function boot(): Promise<void> {
  document.getElementById('boot-status')?.remove();   // static text: lit renders into an empty <main>
  const response = await fetch('/api/v1/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`configuration indisponible (${response.status})`);
  }
  const config = await response.json() as ClientConfig;
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId || 'mssante-console' });
  const login = () => {
    if (window.location.hash.length > 2) {
      sessionStorage.setItem(RETURN_KEY, window.location.hash);
    }
    return keycloak.login({ redirectUri: pageUrl() });
  };
  // check-sso and login leave for Keycloak and come back to pageUrl(): keep the deep link (#/...) meanwhile.
  if (!/[?&]state=/.test(window.location.search) && window.location.hash.length > 2) {
    sessionStorage.setItem(RETURN_KEY, window.location.hash);
  }
  keycloak.onTokenExpired = () => { keycloak.updateToken(30).catch(() => login()); };
  const authenticated = await keycloak.init({
    onLoad: 'check-sso',        // an existing Keycloak session logs in without a click
    checkLoginIframe: false,
    pkceMethod: 'S256',
    responseMode: 'query',      // the fragment belongs to the router
    redirectUri: pageUrl(),
  });
  // Back from Keycloak (logged in or not): put the deep link back into the address.
  const back = sessionStorage.getItem(RETURN_KEY);
  if (back) {
    sessionStorage.removeItem(RETURN_KEY);
    if (back.length > 2 && !window.location.hash) {
      history.replaceState(null, '', pageUrl() + back);
    }
  }
  if (!authenticated) {
    renderAnonymous(login);
    return;
  }
  const token = (keycloak.tokenParsed || {}) as Record<string, unknown>;
  const roles = ((token.realm_access as { roles?: string[] } | undefined)?.roles || []).filter(r => typeof r === 'string');
  const api = new Api(async () => {
    try {
      await keycloak.updateToken(30);
    } catch {
      await login();
      throw new Error('Session expirée : reconnexion en cours.');
    }
    return keycloak.token as string;
  }, undefined, () => { void login(); });

  let generation = 0;
  const ctx: Ctx = {
    api,
    roles,
    finess: typeof token.finess === 'string' ? token.finess : undefined,
    username: String(token.preferred_username || token.rpps || ''),
    isOperator: roles.includes('operator-admin'),
    navigate: (hash: string) => { window.location.hash = hash; },
    alive: () => true,
  };
  (window as unknown as Record<string, unknown>).mssanteConsole = {
    tokenParsed: () => keycloak.tokenParsed,
    roles: () => roles.slice(),
  };

  renderShell(ctx, () => keycloak.logout({ redirectUri: pageUrl() }));

  const route = async () => {
    const current = ++generation;
    const r = parseHash(window.location.hash);
    if (r.name === 'home') {
      history.replaceState(null, '', pageUrl() + homeFor(roles));
      void route();
      return;
    }
    highlight(r);
    closeNav();
    const main = $('main');
    render(nothing, main);
    const routeCtx: Ctx = { ...ctx, alive: () => current === generation };
    if (r.name === 'not-found') {
      render(html`<h1>Page introuvable</h1><p role="alert">Cette adresse ne correspond à aucun écran de la console.
        <a href=${homeFor(roles)}>Revenir à l'accueil</a></p>`, main);
    } else if (!canOpen(r, roles)) {
      render(html`<h1>Accès refusé</h1><p role="alert" id="access-error" data-testid="access-error">Votre rôle ne permet pas d'ouvrir cet écran.
        <a href=${homeFor(roles)}>Revenir à l'accueil</a></p>`, main);
    } else {
      await VIEWS[r.name](main, routeCtx, r);
    }
    if (current === generation) {
      const h1 = main.querySelector('h1');
      document.title = `${h1?.textContent?.trim() || 'Console'} — MSSanté`;
    }
  };
  let lastPath = '';
  window.addEventListener('hashchange', () => {
    const path = window.location.hash.split('?')[0];
    const focusMain = path !== lastPath;
    lastPath = path;
    void route().then(() => { if (focusMain) { $('main').focus({ preventScroll: false }); } });
  });
  lastPath = window.location.hash.split('?')[0];
  await route();
}

function renderAnonymous(login: () => Promise<void>): void {
  $('session').textContent = '';
  render(html`<section class="login" aria-labelledby="login-title">
    <h1 id="login-title">Console d'administration MSSanté</h1>
    <p>Connectez-vous avec votre compte d'opérateur ou d'administrateur d'établissement, ou avec Pro Santé Connect
      (carte CPS, e-CPS) sur la page de connexion.</p>
    <button type="button" id="login" data-testid="login" @click=${() => login()}>Se connecter</button>
    <p><a href="../self-service/">Espace professionnel de santé (ancienne page)</a></p>
  </section>`, $('main'));
  announce('Non connecté.');
}

function renderShell(ctx: Ctx, logout: () => Promise<void>): void {
  const items = navFor(ctx.roles);
  render(html`<ul class="nav-list">
      ${items.map(i => html`<li><a href=${i.path} id=${i.testid} data-testid=${i.testid} data-section=${i.name}>${i.label}</a></li>`)}
      <li><a href="../api/" id="nav-api" data-testid="nav-api">API (OpenAPI)</a></li>
    </ul>`, $('nav'));
  render(html`<span id="session-user" data-testid="session-user">${ctx.username}</span>
    <span class="roles" id="session-roles">${ctx.roles.filter(r => ['operator-admin', 'tenant-admin', 'practitioner'].includes(r)).map(roleLabel).join(', ')}
      ${ctx.finess ? ` — FINESS ${ctx.finess}` : ''}</span>
    <button type="button" class="secondary" id="logout" data-testid="logout" @click=${() => logout()}>Se déconnecter</button>`, $('session'));
  const toggle = $('nav-toggle') as HTMLButtonElement;
  toggle.hidden = false;
  toggle.onclick = () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    $('nav').classList.toggle('open', open);
  };
}

function closeNav(): void {
  $('nav-toggle').setAttribute('aria-expanded', 'false');
  $('nav').classList.remove('open');
}

function highlight(r: Route): void {
  const section = SECTION[r.name];
  document.querySelectorAll<HTMLAnchorElement>('#nav a[data-section]').forEach(a => {
    if (a.dataset.section === section) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
}

function roleLabel(role: string): string {
  return label(ROLE_LABELS, role);
}

boot().catch(e => {
  render(html`<h1>Console MSSanté</h1><div class="alert error" role="alert" id="boot-error" data-testid="boot-error">
    Impossible de démarrer la console : ${e instanceof Error ? e.message : String(e)}</div>`, $('main'));
});
