import { html, nothing, render } from 'lit-html';
import { ApiError, enc, splitFieldErrors, toggleSort, type FieldError, type PageOf } from '../api';
import type { View } from '../context';
import { formatBytes, formatDateTime, label, STATUS_LABELS, TYPE_LABELS } from '../format';
import type { Mailbox, MailboxType } from '../model';
import { href, withQuery } from '../router';
import { accessMessage, announce, checkbox, errorBox, field, focusFirstError, formValues, pager, select } from '../ui';

const BASE = '/api/v1/mailboxes';
const SORTABLE: [string, string][] = [['address', 'Adresse'], ['displayName', 'Nom affiché'], ['status', 'Statut'], ['createdAt', 'Créée le']];

export const mailboxesView: View = async (root, ctx, route) => {
  const p = route.params;
  const filters = { q: p.q || '', type: p.type || '', status: p.status || '', domain: p.domain || '', establishment: p.establishment || '' };
  const page = Number(p.page || 0);
  const size = Number(p.size || 25);
  const sort = p.sort || 'address,asc';
  const go = (changes: Record<string, string | number | undefined>) =>
    ctx.navigate(withQuery('#/boites', { ...filters, page, size: size === 25 ? undefined : size, sort: sort === 'address,asc' ? undefined : sort, ...changes }));

  const filterForm = html`<form class="filters" role="search" id="mailbox-filters" data-testid="mailbox-filters" @submit=${(e: Event) => {
      e.preventDefault();
      const v = formValues(e.target as HTMLFormElement);
      go({ q: v.q, type: v.type, status: v.status, domain: v.domain, establishment: v.establishment, page: 0 });
    }}>
    ${field({ id: 'mailbox-q', name: 'q', label: 'Adresse ou nom', value: filters.q, type: 'search' })}
    ${select({ id: 'mailbox-filter-type', name: 'type', label: 'Type', value: filters.type, options: [['', 'Tous'], ['PER', 'Personnelle'], ['ORG', 'Organisationnelle'], ['APP', 'Applicative']] })}
    ${select({ id: 'mailbox-filter-status', name: 'status', label: 'Statut', value: filters.status, options: [['', 'Tous'], ['ACTIVE', 'Active'], ['SUSPENDED', 'Suspendue'], ['CLOSED', 'Clôturée']] })}
    ${field({ id: 'mailbox-filter-domain', name: 'domain', label: 'Domaine', value: filters.domain })}
    ${ctx.isOperator ? field({ id: 'mailbox-filter-establishment', name: 'establishment', label: 'FINESS', value: filters.establishment, inputmode: 'numeric' }) : nothing}
    <div class="actions"><button type="submit" id="mailbox-search" data-testid="mailbox-search">Filtrer</button>
      <a href="#/boites" class="button secondary" id="mailbox-filters-reset">Réinitialiser</a></div>
  </form>`;
  const head = html`<h1>Boîtes aux lettres</h1>
    <p><a class="button" href=${href('mailbox-new')} id="mailbox-new" data-testid="mailbox-new">Nouvelle boîte aux lettres</a>
      <a class="button secondary" href="#/import" id="mailbox-import-link">Importer un CSV</a></p>
    ${filterForm}`;
  render(html`${head}<p role="status">Chargement…</p>`, root);
  try {
    const result = await ctx.api.get<PageOf<Mailbox>>(BASE, { ...filters, establishment: ctx.isOperator ? filters.establishment : undefined, page, size, sort });
    if (!ctx.alive()) return;
    const [sortField, sortDir] = sort.split(',');
    render(html`${head}
      <div class="table-wrap" tabindex="0" role="region" aria-label="Boîtes aux lettres (défilement horizontal)"><table class="data" id="mailboxes-table" data-testid="mailboxes-table">
        <caption class="visually-hidden">Boîtes aux lettres, triées par ${SORTABLE.find(s => s[0] === sortField)?.[1] ?? sortField}</caption>
        <thead><tr>
          ${SORTABLE.map(([f, l]) => html`<th scope="col" aria-sort=${f === sortField ? (sortDir === 'desc' ? 'descending' : 'ascending') : 'none'}>
            <button type="button" class="sort" id="sort-${f}" data-testid="sort-${f}" @click=${() => go({ sort: toggleSort(sort, f), page: 0 })}>
              ${l}<span aria-hidden="true">${f === sortField ? (sortDir === 'desc' ? ' ▼' : ' ▲') : ''}</span></button></th>`)}
          <th scope="col">Type</th><th scope="col">Domaine</th><th scope="col">Occupation</th>
        </tr></thead>
        <tbody>${result.items.map(m => html`<tr data-address=${m.address}>
          <td><a href=${href('mailbox', { address: m.address })} class="mailbox-link">${m.address}</a></td>
          <td>${m.displayName}</td>
          <td><span class="badge status-${m.status.toLowerCase()}">${label(STATUS_LABELS, m.status)}</span></td>
          <td>${formatDateTime(m.createdAt)}</td>
          <td>${label(TYPE_LABELS, m.type)}</td><td>${m.domain ?? '—'}</td>
          <td>${formatBytes(m.usedBytes)} / ${m.quotaBytes ? formatBytes(m.quotaBytes) : '∞'}</td></tr>`)}
        </tbody></table></div>
      ${result.items.length === 0 ? html`<p id="mailboxes-empty">Aucune boîte ne correspond à ces critères.</p>` : nothing}
      ${pager(result, n => go({ page: n }), 'mailboxes-pager')}`, root);
    announce(`${result.total} boîte(s) aux lettres trouvée(s).`);
  } catch (e) {
    if (!ctx.alive()) return;
    render(html`${head}${accessMessage(e)}`, root);
    announce(e instanceof Error ? e.message : String(e));
  }
};

export const MAILBOX_FIELDS = ['address', 'type', 'displayName', 'ownerNationalId', 'owners', 'quotaBytes', 'publishedInDirectory', 'redList'];

/** The body sent for a create, from the form's values (quota typed in Mo). */
export function mailboxBody(v: Record<string, string>, checks: { publishedInDirectory: boolean; redList: boolean }, editing: boolean) {
  const owners = (v.owners || '').split(/[\s,;]+/).filter(Boolean);
  const quotaMb = (v.quotaMb || '').trim();
  const body: Record<string, unknown> = {
    displayName: v.displayName,
    quotaBytes: quotaMb === '' ? null : Math.round(Number(quotaMb.replace(',', '.')) * 1024 * 1024),
    publishedInDirectory: checks.publishedInDirectory,
    redList: checks.redList,
  };
  if (!editing) {
    body.address = v.address;
    body.type = v.type;
    if (v.type === 'PER') body.ownerNationalId = v.ownerNationalId;
  }
  if (v.type === 'ORG') body.owners = owners;
  return body;
}

export const mailboxFormView: View = async (root, ctx, route) => {
  const editing = route.name === 'mailbox-edit';
  const address = route.params.address;
  let mailbox: Partial<Mailbox> = { type: 'PER', publishedInDirectory: true, redList: false };
  let etag: string | null = null;
  let error: unknown = null;
  let byField: Record<string, string> = {};
  let other: FieldError[] = [];
  let busy = false;
  let stale = false;
  const title = editing ? `Modifier ${address}` : 'Nouvelle boîte aux lettres';

  const load = async () => {
    const r = await ctx.api.request<Mailbox>('GET', `${BASE}/${enc(address)}`);
    mailbox = r.data; etag = r.etag;
  };
  if (editing) {
    render(html`<h1>${title}</h1><p role="status">Chargement…</p>`, root);
    try { await load(); } catch (e) { if (ctx.alive()) render(html`<h1>${title}</h1>${accessMessage(e)}`, root); return; }
  }
  if (!ctx.alive()) return;

  const draw = () => {
    const type = (mailbox.type || 'PER') as MailboxType;
    render(html`<h1>${title}</h1>
      <p><a href=${editing ? href('mailbox', { address }) : href('mailboxes')}>← Retour</a></p>
      ${errorBox(error, 'mailbox-form-error', other)}
      ${stale ? html`<p><button type="button" id="mailbox-reload" data-testid="mailbox-reload" @click=${async () => {
        await load(); stale = false; error = null; draw(); announce('Boîte rechargée : vos modifications non enregistrées sont perdues.');
      }}>Recharger la boîte</button></p>` : nothing}
      <form id="mailbox-form" data-testid="mailbox-form" novalidate @submit=${submit} @change=${(e: Event) => {
        const t = e.target as HTMLSelectElement;
        if (t.name === 'type') { mailbox = { ...mailbox, ...snapshot(t.form as HTMLFormElement), type: t.value as MailboxType }; draw(); }
      }}>
        ${field({ id: 'mailbox-address', name: 'address', label: 'Adresse', type: 'email', value: mailbox.address, required: true, readonly: editing,
          hint: editing ? undefined : 'En minuscules, sur un domaine de votre établissement, ex. jean.dupont@chu-exemple.mssante.fr',
          autocomplete: 'off', error: byField.address })}
        ${editing ? html`<p>Type : <strong id="mailbox-type-value">${label(TYPE_LABELS, type)}</strong></p>`
          : select({ id: 'mailbox-type', name: 'type', label: 'Type', value: type, required: true, error: byField.type,
            options: [['PER', 'Personnelle (un professionnel)'], ['ORG', 'Organisationnelle (un service)'], ['APP', 'Applicative (un logiciel)']] })}
        ${field({ id: 'mailbox-display-name', name: 'displayName', label: 'Nom affiché', value: mailbox.displayName, required: true, error: byField.displayName })}
        ${type === 'PER' && !editing ? field({ id: 'mailbox-owner', name: 'ownerNationalId', label: 'Identifiant national du titulaire (RPPS)',
          value: mailbox.ownerNationalId, required: true, inputmode: 'numeric', hint: 'Ex. 810001234567', error: byField.ownerNationalId }) : nothing}
        ${type === 'PER' && editing ? html`<p>Titulaire : <strong>${mailbox.ownerNationalId}</strong></p>` : nothing}
        ${type === 'ORG' ? field({ id: 'mailbox-owners', name: 'owners', label: 'Responsables (identifiants nationaux)',
          value: (mailbox.owners || []).join(', '), hint: 'Séparés par des virgules.', error: byField.owners }) : nothing}
        ${field({ id: 'mailbox-quota', name: 'quotaMb', label: 'Quota (Mo)', type: 'number', min: 0,
          value: mailbox.quotaBytes ? Math.round(mailbox.quotaBytes / 1048576) : '', hint: 'Vide : quota par défaut de la plateforme.', error: byField.quotaBytes })}
        ${checkbox({ id: 'mailbox-published', name: 'publishedInDirectory', label: "Publiée dans l'annuaire national", checked: mailbox.publishedInDirectory, error: byField.publishedInDirectory })}
        ${checkbox({ id: 'mailbox-red-list', name: 'redList', label: 'Liste rouge (non communiquée hors annuaire)', checked: mailbox.redList, error: byField.redList })}
        <div class="actions"><button type="submit" id="mailbox-submit" data-testid="mailbox-submit" ?disabled=${busy}>${editing ? 'Enregistrer' : 'Créer la boîte'}</button></div>
      </form>`, root);
  };

  function snapshot(form: HTMLFormElement): Partial<Mailbox> {
    const v = formValues(form);
    const checked = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | null)?.checked ?? false;
    return {
      address: editing ? mailbox.address : v.address, displayName: v.displayName, ownerNationalId: v.ownerNationalId ?? mailbox.ownerNationalId,
      owners: v.owners !== undefined ? v.owners.split(/[\s,;]+/).filter(Boolean) : mailbox.owners,
      quotaBytes: v.quotaMb ? Number(v.quotaMb) * 1048576 : null,
      publishedInDirectory: checked('publishedInDirectory'), redList: checked('redList'),
    };
  }

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    if (editing) v.type = mailbox.type as string;
    const checks = {
      publishedInDirectory: (form.elements.namedItem('publishedInDirectory') as HTMLInputElement).checked,
      redList: (form.elements.namedItem('redList') as HTMLInputElement).checked,
    };
    mailbox = { ...mailbox, ...snapshot(form) };
    error = null; byField = {}; other = []; stale = false; busy = true; draw();
    try {
      const body = mailboxBody(v, checks, editing);
      if (editing) {
        await ctx.api.patch(`${BASE}/${enc(address)}`, body, etag);
        announce('Boîte aux lettres enregistrée.');
        ctx.navigate(withQuery(href('mailbox', { address }), { ok: 'saved' }));
      } else {
        const created = await ctx.api.post<Mailbox>(BASE, body);
        announce('Boîte aux lettres créée.');
        ctx.navigate(withQuery(href('mailbox', { address: created?.address || v.address }), { ok: 'created' }));
      }
    } catch (err) {
      busy = false; error = err;
      if (err instanceof ApiError) {
        ({ byField, other } = splitFieldErrors(err.fieldErrors, MAILBOX_FIELDS));
        stale = err.status === 412;
      }
      draw(); focusFirstError(root);
      announce(err instanceof Error ? err.message : String(err));
    }
  }
  draw();
};
