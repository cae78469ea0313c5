import { html, nothing, render } from 'lit-html';
import { ApiError, enc } from '../api';
import type { View } from '../context';
import { daysUntil, formatBytes, formatDate, formatDateTime, label, RIGHT_LABELS, STATUS_LABELS, TYPE_LABELS } from '../format';
import type { AppPassword, Certificate, Delegation, Mailbox, Right } from '../model';
import { href } from '../router';
import { accessMessage, announce, confirmDialog, confirmWithReason, errorBox, field, focusFirstError, notice, select } from '../ui';

const RIGHTS: Right[] = ['READ', 'READ_WRITE', 'SEND_AS'];

/** Lifecycle actions offered for a status: ACTIVE → SUSPENDED → CLOSED, and back to ACTIVE. */
export function lifecycleActions(status: string): { action: 'suspend' | 'close' | 'reactivate'; label: string }[] {
  switch (status) {
    case 'ACTIVE': return [{ action: 'suspend', label: 'Suspendre' }, { action: 'close', label: 'Clôturer' }];
    case 'SUSPENDED': return [{ action: 'reactivate', label: 'Réactiver' }, { action: 'close', label: 'Clôturer' }];
    case 'CLOSED': return [{ action: 'reactivate', label: 'Réactiver' }];
    default: return [];
  }
}

const CONFIRM: Record<string, [string, string]> = {
  suspend: ['Suspendre la boîte', 'La boîte ne recevra plus de messages et ses utilisateurs ne pourront plus se connecter. Vous pourrez la réactiver.'],
  close: ['Clôturer la boîte', 'La boîte sera fermée, puis ses messages purgés à l\'échéance de conservation. Elle peut être réactivée avant la purge.'],
  reactivate: ['Réactiver la boîte', 'La boîte recevra de nouveau des messages et ses utilisateurs pourront se connecter.'],
};

export function certificateWarning(c: Certificate, now: Date = new Date()): string {
  const days = daysUntil(c.notAfter, now);
  if (days !== null && days < 0) return 'Expiré';
  if (c.expiresWithin30Days || (days !== null && days < 30)) return `Expire dans ${Math.max(days ?? 0, 0)} jour(s)`;
  return '';
}

export const mailboxDetailView: View = async (root, ctx, route) => {
  const address = route.params.address;
  const path = `/api/v1/mailboxes/${enc(address)}`;
  let mailbox: Mailbox;
  let delegations: Delegation[] = [];
  let certificates: Certificate[] = [];
  let passwords: AppPassword[] = [];
  let message = route.params.ok === 'created' ? 'Boîte aux lettres créée.' : route.params.ok === 'saved' ? 'Modifications enregistrées.' : '';
  const errors: Record<string, unknown> = {};
  let delegationFieldErrors: Record<string, string> = {};
  let certificateFieldErrors: Record<string, string> = {};
  const list = <T,>(x: T[] | { items: T[] }) => Array.isArray(x) ? x : (x?.items || []);

  const loadAll = async () => {
    const [m, d, c, p] = await Promise.all([
      ctx.api.get<Mailbox>(path),
      ctx.api.get<Delegation[] | { items: Delegation[] }>(`${path}/delegations`).then(list).catch(e => { errors.delegations = e; return []; }),
      ctx.api.get<Certificate[] | { items: Certificate[] }>(`${path}/certificates`).then(list).catch(e => { errors.certificates = e; return []; }),
      ctx.api.get<AppPassword[] | { items: AppPassword[] }>(`${path}/app-passwords`).then(list).catch(e => { errors.passwords = e; return []; }),
    ]);
    mailbox = m; delegations = d; certificates = c; passwords = p;
  };
  render(html`<h1>${address}</h1><p role="status">Chargement…</p>`, root);
  try { await loadAll(); } catch (e) { if (ctx.alive()) render(html`<h1>${address}</h1>${accessMessage(e)}`, root); return; }
  if (!ctx.alive()) return;

  const done = (msg: string) => { message = msg; draw(); announce(msg); };
  const failed = (key: string, e: unknown) => { errors[key] = e; message = ''; draw(); announce(e instanceof Error ? e.message : String(e)); focusFirstError(root); };

  async function lifecycle(action: 'suspend' | 'close' | 'reactivate') {
    const [title, text] = CONFIRM[action];
    const answer = await confirmWithReason(title, `${address} : ${text}`, title.split(' ')[0]);
    if (!answer.ok) return;
    delete errors.lifecycle;
    try {
      await ctx.api.post(`${path}/${action}`, answer.reason ? { reason: answer.reason } : {});
      mailbox = await ctx.api.get<Mailbox>(path);
      done(`Boîte ${label(STATUS_LABELS, mailbox.status).toLowerCase()}.`);
    } catch (e) { failed('lifecycle', e); }
  }

  async function grant(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const nationalId = (form.elements.namedItem('nationalId') as HTMLInputElement).value;
    const rights = RIGHTS.filter(r => (form.elements.namedItem(`right-${r}`) as HTMLInputElement).checked);
    delete errors.delegations; delegationFieldErrors = {};
    if (rights.length === 0) {
      delegationFieldErrors.rights = 'Choisissez au moins un droit.';
      failed('delegations', new Error('Le formulaire contient des erreurs.'));
      return;
    }
    try {
      await ctx.api.post(`${path}/delegations`, { nationalId, rights });
      delegations = list(await ctx.api.get(`${path}/delegations`));
      form.reset();
      done(`Délégation accordée à ${nationalId}.`);
    } catch (err) {
      if (err instanceof ApiError) delegationFieldErrors = err.fieldMap();
      failed('delegations', err);
    }
  }

  async function revokeDelegation(d: Delegation) {
    if (!await confirmDialog('Révoquer la délégation', `Retirer à ${d.nationalId} l'accès à ${address} ?`, 'Révoquer')) return;
    delete errors.delegations;
    try {
      await ctx.api.del(`${path}/delegations/${enc(d.nationalId)}`);
      delegations = delegations.filter(x => x.nationalId !== d.nationalId);
      done(`Délégation de ${d.nationalId} révoquée.`);
    } catch (e) { failed('delegations', e); }
  }

  async function upload(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const file = (form.elements.namedItem('pem') as HTMLInputElement).files?.[0];
    const match = (form.elements.namedItem('match') as HTMLSelectElement).value;
    delete errors.certificates; certificateFieldErrors = {};
    if (!file) {
      certificateFieldErrors.pem = 'Choisissez un fichier PEM.';
      failed('certificates', new Error('Le formulaire contient des erreurs.'));
      return;
    }
    try {
      const pem = await file.text();
      await ctx.api.post(`${path}/certificates`, { pem, match });
      certificates = list(await ctx.api.get(`${path}/certificates`));
      form.reset();
      done('Certificat enregistré.');
    } catch (err) {
      if (err instanceof ApiError) certificateFieldErrors = err.fieldMap();
      failed('certificates', err);
    }
  }

  async function revokeCertificate(c: Certificate) {
    if (!await confirmDialog('Révoquer le certificat', `Révoquer le certificat ${c.subject} ? Le logiciel qui l'utilise ne pourra plus se connecter.`, 'Révoquer')) return;
    delete errors.certificates;
    try {
      await ctx.api.del(`${path}/certificates/${enc(c.id)}`);
      certificates = certificates.filter(x => x.id !== c.id);
      done('Certificat révoqué.');
    } catch (e) { failed('certificates', e); }
  }

  async function revokePassword(p: AppPassword) {
    if (!await confirmDialog("Révoquer le mot de passe d'application", `Révoquer « ${p.name} » ? Le logiciel qui l'utilise ne pourra plus se connecter.`, 'Révoquer')) return;
    delete errors.passwords;
    try {
      await ctx.api.del(`${path}/app-passwords/${enc(p.id)}`);
      passwords = passwords.filter(x => x.id !== p.id);
      done(`Mot de passe « ${p.name} » révoqué.`);
    } catch (e) { failed('passwords', e); }
  }

  const draw = () => {
    const m = mailbox;
    render(html`<h1>${m.address}</h1>
      <p><a href=${href('mailboxes')}>← Boîtes aux lettres</a></p>
      ${notice(message, 'mailbox-notice')}
      ${errorBox(errors.lifecycle, 'lifecycle-error')}
      <section aria-labelledby="mb-info-title"><h2 id="mb-info-title">Informations</h2>
        <dl class="props">
          <dt>Statut</dt><dd><span id="mailbox-status" data-testid="mailbox-status" data-status=${m.status} class="badge status-${m.status.toLowerCase()}">${label(STATUS_LABELS, m.status)}</span>
            ${m.statusChangedAt ? html` depuis le ${formatDateTime(m.statusChangedAt)}` : nothing}</dd>
          ${m.purgeAfter ? html`<dt>Purge après le</dt><dd>${formatDate(m.purgeAfter)}</dd>` : nothing}
          <dt>Type</dt><dd>${label(TYPE_LABELS, m.type)}</dd>
          <dt>Nom affiché</dt><dd id="mailbox-display-name-value">${m.displayName}</dd>
          ${m.type === 'PER' ? html`<dt>Titulaire</dt><dd>${m.ownerNationalId ?? '—'}</dd>` : nothing}
          ${m.type === 'ORG' ? html`<dt>Responsables</dt><dd>${(m.owners || []).join(', ') || '—'}</dd>` : nothing}
          <dt>Occupation</dt><dd>${formatBytes(m.usedBytes)} sur ${m.quotaBytes ? formatBytes(m.quotaBytes) : 'quota par défaut'}</dd>
          <dt>Annuaire</dt><dd>${m.publishedInDirectory ? 'Publiée' : 'Non publiée'}${m.redList ? ', liste rouge' : ''}</dd>
          <dt>Domaine</dt><dd>${m.domain ?? '—'}</dd>
          <dt>Établissement</dt><dd>${m.establishment ? html`<a href=${href('establishment', { finess: m.establishment })}>${m.establishment}</a>` : '—'}</dd>
          <dt>Créée le</dt><dd>${formatDateTime(m.createdAt)}</dd>
        </dl>
        <div class="actions" role="group" aria-label="Actions sur la boîte">
          ${m.status !== 'CLOSED' ? html`<a class="button secondary" href=${href('mailbox-edit', { address })} id="mailbox-edit" data-testid="mailbox-edit">Modifier</a>` : nothing}
          ${lifecycleActions(m.status).map(a => html`<button type="button" class=${a.action === 'reactivate' ? '' : 'danger'}
            id="mailbox-${a.action}" data-testid="mailbox-${a.action}" @click=${() => lifecycle(a.action)}>${a.label}</button>`)}
        </div>
      </section>

      <section aria-labelledby="delegations-title"><h2 id="delegations-title">Délégations</h2>
        ${errorBox(errors.delegations, 'delegation-error')}
        ${delegations.length ? html`<table class="data" id="delegations-table" data-testid="delegations-table">
          <thead><tr><th scope="col">Identifiant national</th><th scope="col">Droits</th><th scope="col">Accordée le</th><th scope="col">Par</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${delegations.map(d => html`<tr data-national-id=${d.nationalId}><td>${d.nationalId}</td>
            <td>${(d.rights || []).map(r => label(RIGHT_LABELS, r)).join(', ')}</td><td>${formatDateTime(d.grantedAt)}</td><td>${d.grantedBy ?? '—'}</td>
            <td><button type="button" class="danger small" data-testid="delegation-revoke" id="delegation-revoke-${d.nationalId}"
              aria-label="Révoquer la délégation de ${d.nationalId}" @click=${() => revokeDelegation(d)}>Révoquer</button></td></tr>`)}</tbody></table>`
          : html`<p id="no-delegation">Aucune délégation.</p>`}
        <form id="delegation-form" data-testid="delegation-form" class="inline-form" novalidate @submit=${grant}>
          ${field({ id: 'delegation-national-id', name: 'nationalId', label: 'Identifiant national du délégataire', required: true, inputmode: 'numeric', error: delegationFieldErrors.nationalId })}
          <fieldset class="rights" aria-describedby=${delegationFieldErrors.rights ? 'delegation-rights-error' : nothing}><legend>Droits</legend>
            ${RIGHTS.map(r => html`<span class="check"><input type="checkbox" id="delegation-right-${r}" data-testid="delegation-right-${r}" name="right-${r}" ?checked=${r === 'READ'}>
              <label for="delegation-right-${r}">${RIGHT_LABELS[r]}</label></span>`)}
            ${delegationFieldErrors.rights ? html`<p class="field-error" id="delegation-rights-error">${delegationFieldErrors.rights}</p>` : nothing}
          </fieldset>
          <button type="submit" id="delegation-grant" data-testid="delegation-grant">Accorder la délégation</button>
        </form>
      </section>

      ${m.type === 'APP' || certificates.length ? html`<section aria-labelledby="certificates-title"><h2 id="certificates-title">Certificats</h2>
        ${errorBox(errors.certificates, 'certificate-error')}
        ${certificates.length ? html`<table class="data" id="certificates-table" data-testid="certificates-table">
          <thead><tr><th scope="col">Sujet (DN)</th><th scope="col">Empreinte SHA-256</th><th scope="col">Expiration</th><th scope="col">Correspondance</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${certificates.map(c => {
            const warning = certificateWarning(c);
            return html`<tr data-id=${c.id} class=${warning ? 'expiring' : ''}><td><code class="wrap">${c.subject}</code>${c.issuer ? html`<br><small>Émetteur : ${c.issuer}</small>` : nothing}</td>
              <td><code class="wrap fingerprint">${c.sha256Fingerprint}</code></td>
              <td>${formatDate(c.notAfter)}${warning ? html` <strong class="badge warn" data-testid="certificate-expiry-warning">⚠ ${warning}</strong>` : nothing}</td>
              <td>${c.match === 'subject' ? 'Sujet (survit au renouvellement)' : 'Empreinte'}</td>
              <td><button type="button" class="danger small" data-testid="certificate-revoke" aria-label="Révoquer le certificat ${c.subject}" @click=${() => revokeCertificate(c)}>Révoquer</button></td></tr>`;
          })}</tbody></table>` : html`<p>Aucun certificat.</p>`}
        <form id="certificate-form" data-testid="certificate-form" class="inline-form" novalidate @submit=${upload}>
          <div class="field ${certificateFieldErrors.pem ? 'has-error' : ''}"><label for="certificate-file">Certificat (fichier PEM)</label>
            <input type="file" id="certificate-file" data-testid="certificate-file" name="pem" accept=".pem,.crt,.cer,application/x-pem-file"
              aria-invalid=${certificateFieldErrors.pem ? 'true' : 'false'} aria-describedby=${certificateFieldErrors.pem ? 'certificate-file-error' : nothing}>
            ${certificateFieldErrors.pem ? html`<p class="field-error" id="certificate-file-error">${certificateFieldErrors.pem}</p>` : nothing}</div>
          ${select({ id: 'certificate-match', name: 'match', label: 'Reconnaître le certificat par', value: 'fingerprint', error: certificateFieldErrors.match,
            options: [['fingerprint', 'Empreinte (ce certificat seulement)'], ['subject', 'Sujet (DN, survit au renouvellement)']] })}
          <button type="submit" id="certificate-upload" data-testid="certificate-upload">Enregistrer le certificat</button>
        </form>
      </section>` : nothing}

      <section aria-labelledby="passwords-title"><h2 id="passwords-title">Mots de passe d'application</h2>
        <p class="hint">Les mots de passe ne sont jamais affichés : seul leur titulaire les voit, une fois, à la création (Mon espace).</p>
        ${errorBox(errors.passwords, 'password-error')}
        ${passwords.length ? html`<table class="data" id="app-passwords-table" data-testid="app-passwords-table">
          <thead><tr><th scope="col">Nom</th><th scope="col">Titulaire</th><th scope="col">Créé le</th><th scope="col">Dernière utilisation</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${passwords.map(p => html`<tr data-id=${p.id}><td>${p.name}</td><td>${p.nationalId ?? '—'}</td><td>${formatDateTime(p.createdAt)}</td>
            <td>${formatDateTime(p.lastUsedAt, 'jamais')}</td>
            <td><button type="button" class="danger small" data-testid="app-password-revoke" aria-label="Révoquer le mot de passe ${p.name}" @click=${() => revokePassword(p)}>Révoquer</button></td></tr>`)}</tbody></table>`
          : html`<p>Aucun mot de passe d'application.</p>`}
      </section>`, root);
  };
  draw();
  announce(`Boîte ${address}, ${label(STATUS_LABELS, mailbox!.status).toLowerCase()}.`);
};
