import { html, nothing, render } from 'lit-html';
import { ApiError, enc } from '../api';
import type { View } from '../context';
import { ACCESS_LABELS, formatDateTime, label, ROLE_LABELS, TYPE_LABELS } from '../format';
import type { MailboxGrant } from '../model';
import type { AppPassword, Me } from '../model';
import { accessMessage, announce, confirmDialog, errorBox, field } from '../ui';

/** Practitioner self-service (same API as /self-service/): identity, mailboxes, app passwords. */
export const meView: View = async (root, ctx) => {
  let me: Me;
  const passwords: Record<string, AppPassword[]> = {};
  const errors: Record<string, unknown> = {};
  const nameErrors: Record<string, string> = {};
  let created: { name: string; password: string; address: string } | null = null;
  const canManage = ctx.roles.includes('practitioner');
  const pwPath = (a: string) => `/api/v1/me/mailboxes/${enc(a)}/app-passwords`;

  render(html`<h1>Mon espace</h1><p role="status">Chargement…</p>`, root);
  try {
    me = await ctx.api.get<Me>('/api/v1/me');
    if (canManage) {
      await Promise.all((me.mailboxes || []).map(async m => {
        try { passwords[m.address] = await ctx.api.get<AppPassword[]>(pwPath(m.address)); } catch (e) { errors[m.address] = e; passwords[m.address] = []; }
      }));
    }
  } catch (e) {
    if (ctx.alive()) render(html`<h1>Mon espace</h1>${accessMessage(e)}`, root);
    return;
  }
  if (!ctx.alive()) return;

  const create = async (e: Event, address: string) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    delete errors[address]; delete nameErrors[address];
    try {
      const r = await ctx.api.post<{ name: string; password: string }>(pwPath(address), { name: input.value.trim() });
      created = { name: r.name, password: r.password, address };
      passwords[address] = await ctx.api.get<AppPassword[]>(pwPath(address));
      input.value = '';
      draw();
      (document.getElementById('new-password-title') as HTMLElement | null)?.focus();
      announce(`Mot de passe « ${r.name} » créé : copiez-le maintenant, il ne sera plus affiché.`);
    } catch (err) {
      errors[address] = err;
      if (err instanceof ApiError) nameErrors[address] = err.fieldMap().name || '';
      draw();
      announce(err instanceof Error ? err.message : String(err));
    }
  };

  const revoke = async (address: string, p: AppPassword) => {
    if (!await confirmDialog("Révoquer le mot de passe d'application", `Révoquer « ${p.name} » ? Le logiciel qui l'utilise ne pourra plus se connecter.`, 'Révoquer')) return;
    delete errors[address];
    try {
      await ctx.api.del(`${pwPath(address)}/${enc(p.id)}`);
      passwords[address] = passwords[address].filter(x => x.id !== p.id);
      announce(`Mot de passe « ${p.name} » révoqué.`);
    } catch (err) {
      errors[address] = err;
      announce(err instanceof Error ? err.message : String(err));
    }
    draw();
  };

  const all = me.mailboxes || [];
  const own = all.filter(m => m.access !== 'DELEGATE');
  const delegated = all.filter(m => m.access === 'DELEGATE');
  const box = (m: MailboxGrant) => {
    const i = all.indexOf(m);
    return html`<section class="mailbox card" data-address=${m.address} data-access=${m.access ?? ''} aria-labelledby="my-mb-${i}">
      <h3 id="my-mb-${i}">${m.address} <small>(${[label(TYPE_LABELS, m.type), m.access ? label(ACCESS_LABELS, m.access) : ''].filter(Boolean).join(', ')})</small></h3>
      ${m.displayName ? html`<p>${m.displayName}</p>` : nothing}
      ${canManage ? html`
        ${errorBox(errors[m.address], `me-error-${i}`)}
        ${passwords[m.address]?.length ? html`<table class="data"><caption class="visually-hidden">Mots de passe d'application de ${m.address}</caption>
          <thead><tr><th scope="col">Nom</th><th scope="col">Créé le</th><th scope="col">Dernière utilisation</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${passwords[m.address].map(p => html`<tr class="app-password" data-id=${p.id}><td>${p.name}</td><td>${formatDateTime(p.createdAt)}</td>
            <td>${formatDateTime(p.lastUsedAt, 'jamais')}</td><td><button type="button" class="danger small" data-testid="me-app-password-revoke"
            aria-label="Révoquer ${p.name}" @click=${() => revoke(m.address, p)}>Révoquer</button></td></tr>`)}</tbody></table>`
          : html`<p>Aucun mot de passe d'application.</p>`}
        <form class="inline-form create-password-form" data-testid="me-app-password-form" novalidate @submit=${(e: Event) => create(e, m.address)}>
          ${field({ id: `me-password-name-${i}`, name: 'name', label: "Nom du nouveau mot de passe d'application", required: true, maxlength: 100,
            placeholder: 'ex. Thunderbird portable', error: nameErrors[m.address] })}
          <button type="submit" id="me-password-create-${i}" data-testid="me-app-password-create">Créer un mot de passe d'application</button>
        </form>` : nothing}
    </section>`;
  };

  const draw = () => render(html`<h1>Mon espace</h1>
    <section aria-labelledby="identity-title"><h2 id="identity-title">Mon identité</h2>
      <dl class="props" id="identity">
        <dt>Nom</dt><dd id="me-display-name" data-testid="me-display-name">${me.displayName || '—'}</dd>
        <dt>Identifiant national</dt><dd id="me-national-id" data-testid="me-national-id">${me.nationalId || '—'}</dd>
        <dt>Rôles</dt><dd id="me-roles">${(me.roles || []).filter(r => ROLE_LABELS[r]).map(r => label(ROLE_LABELS, r)).join(', ') || '—'}</dd>
      </dl></section>
    ${created ? html`<section class="alert success" id="new-password-panel" data-testid="new-password-panel" aria-labelledby="new-password-title">
      <h2 id="new-password-title" tabindex="-1">Nouveau mot de passe d'application</h2>
      <p>Mot de passe pour <strong>${created.name}</strong> — ${created.address} :</p>
      <p><code id="new-password" data-testid="new-password" class="secret">${created.password}</code></p>
      <p>Copiez-le maintenant dans votre logiciel de messagerie : il ne sera plus jamais affiché.</p>
      <button type="button" id="new-password-done" data-testid="new-password-done" @click=${() => { created = null; draw(); announce('Mot de passe masqué.'); }}>J'ai copié le mot de passe</button>
    </section>` : nothing}
    <section aria-labelledby="my-mailboxes-title"><h2 id="my-mailboxes-title">Mes boîtes aux lettres</h2>
      ${own.length === 0 ? html`<p id="no-mailbox">Aucune boîte aux lettres n'est associée à votre identifiant national.</p>` : nothing}
      ${own.map(box)}
    </section>
    ${delegated.length ? html`<section aria-labelledby="delegated-title"><h2 id="delegated-title">Boîtes qui me sont déléguées</h2>
      ${delegated.map(box)}</section>` : nothing}`, root);
  draw();
  announce('Mon espace chargé.');
};
