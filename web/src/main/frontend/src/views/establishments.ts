import { html, nothing, render } from 'lit-html';
import { ApiError, enc, splitFieldErrors, type FieldError, type PageOf } from '../api';
import type { View } from '../context';
import { formatDateTime, formatNumber, isValidFiness } from '../format';
import type { Contact, Domain, Establishment } from '../model';
import { href, withQuery } from '../router';
import { accessMessage, announce, confirmDialog, errorBox, field, focusFirstError, notice, pager } from '../ui';

const BASE = '/api/v1/establishments';

export const establishmentsView: View = async (root, ctx, route) => {
  const q = route.params.q || '';
  const page = Number(route.params.page || 0);
  const go = (p: Record<string, string | number | undefined>) => ctx.navigate(withQuery('#/etablissements', { q, page, ...p }));
  const head = html`<h1>Établissements</h1>
    ${ctx.isOperator ? html`<p><a class="button" href=${href('establishment-new')} id="establishment-new" data-testid="establishment-new">Nouvel établissement</a></p>` : nothing}
    <form class="filters" role="search" id="establishment-search" @submit=${(e: Event) => {
      e.preventDefault();
      go({ q: ((e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value, page: 0 });
    }}>
      ${field({ id: 'establishment-q', name: 'q', label: 'Rechercher (FINESS ou nom)', value: q, type: 'search' })}
      <button type="submit" id="establishment-search-submit">Rechercher</button>
    </form>`;
  render(html`${head}<p role="status">Chargement…</p>`, root);
  try {
    const result = await ctx.api.get<PageOf<Establishment>>(BASE, { q, page, size: 50 });
    if (!ctx.alive()) return;
    render(html`${head}
      <table class="data" id="establishments-table" data-testid="establishments-table">
        <caption class="visually-hidden">Liste des établissements</caption>
        <thead><tr><th scope="col">FINESS</th><th scope="col">Nom</th><th scope="col">Domaines</th><th scope="col">Boîtes</th><th scope="col">Créé le</th></tr></thead>
        <tbody>${result.items.map(e => html`<tr data-finess=${e.finess}>
          <td><a href=${href('establishment', { finess: e.finess })}>${e.finess}</a></td><td>${e.name}</td>
          <td>${formatNumber(e.domainCount)}</td><td>${formatNumber(e.mailboxCount)}</td><td>${formatDateTime(e.createdAt)}</td></tr>`)}
        </tbody>
      </table>
      ${result.items.length === 0 ? html`<p>Aucun établissement.</p>` : nothing}
      ${pager(result, p => go({ page: p }), 'establishments-pager')}`, root);
    announce(`${result.total} établissement(s).`);
  } catch (e) {
    if (!ctx.alive()) return;
    render(html`${head}${accessMessage(e)}`, root);
    announce(e instanceof Error ? e.message : String(e));
  }
};

const CONTACT_FIELDS: [keyof Contact, string, string][] = [
  ['name', 'Nom', 'text'], ['role', 'Fonction', 'text'], ['email', 'Courriel', 'email'], ['phone', 'Téléphone', 'tel'],
];

export const establishmentFormView: View = async (root, ctx, route) => {
  const editing = route.name === 'establishment-edit';
  const finessParam = route.params.finess;
  let est: Establishment = { finess: '', name: '', contacts: [{ name: '', role: '', email: '', phone: '' }] };
  let etag: string | null = null;
  let error: unknown = null;
  let byField: Record<string, string> = {};
  let other: FieldError[] = [];
  let busy = false;
  const title = editing ? `Modifier l'établissement ${finessParam}` : 'Nouvel établissement';

  if (editing) {
    render(html`<h1>${title}</h1><p role="status">Chargement…</p>`, root);
    try {
      const r = await ctx.api.request<Establishment>('GET', `${BASE}/${enc(finessParam)}`);
      est = { ...r.data, contacts: r.data.contacts?.length ? r.data.contacts : [] };
      etag = r.etag;
    } catch (e) {
      if (ctx.alive()) render(html`<h1>${title}</h1>${accessMessage(e)}`, root);
      return;
    }
  }
  if (!ctx.alive()) return;

  const readForm = (form: HTMLFormElement) => {
    const v = (n: string) => ((form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '');
    est = {
      ...est,
      finess: editing ? est.finess : v('finess'),
      name: v('name'),
      contacts: est.contacts.map((_, i) => ({
        name: v(`contacts[${i}].name`), role: v(`contacts[${i}].role`), email: v(`contacts[${i}].email`), phone: v(`contacts[${i}].phone`),
      })),
    };
  };

  const draw = () => render(html`<h1>${title}</h1>
    <p><a href=${editing ? href('establishment', { finess: finessParam }) : href('establishments')}>← Retour</a></p>
    ${errorBox(error, 'establishment-form-error', other)}
    <form id="establishment-form" data-testid="establishment-form" novalidate @submit=${submit}>
      ${field({ id: 'establishment-finess', name: 'finess', label: 'N° FINESS', value: est.finess, required: true, readonly: editing,
        hint: '9 chiffres, le dernier est une clé de contrôle (Luhn).', inputmode: 'numeric', maxlength: 9, error: byField.finess })}
      ${field({ id: 'establishment-name', name: 'name', label: 'Raison sociale', value: est.name, required: true, error: byField.name })}
      <fieldset id="establishment-contacts"><legend>Contacts</legend>
        ${est.contacts.map((c, i) => html`<fieldset class="contact" data-index=${i}><legend>Contact ${i + 1}</legend>
          <div class="grid">${CONTACT_FIELDS.map(([k, l, t]) => field({ id: `contact-${i}-${k}`, name: `contacts[${i}].${k}`, label: l, type: t,
            value: c[k], error: byField[`contacts[${i}].${k}`] }))}</div>
          <button type="button" class="secondary" id="contact-${i}-remove" @click=${(e: Event) => {
            readForm((e.target as HTMLElement).closest('form') as HTMLFormElement);
            est.contacts.splice(i, 1); draw();
          }}>Retirer le contact ${i + 1}</button></fieldset>`)}
        ${byField.contacts ? html`<p class="field-error" id="contacts-error">${byField.contacts}</p>` : nothing}
        <button type="button" class="secondary" id="contact-add" data-testid="contact-add" @click=${(e: Event) => {
          readForm((e.target as HTMLElement).closest('form') as HTMLFormElement);
          est.contacts.push({ name: '', role: '', email: '', phone: '' }); draw();
          (document.getElementById(`contact-${est.contacts.length - 1}-name`) as HTMLElement | null)?.focus();
        }}>Ajouter un contact</button>
      </fieldset>
      <div class="actions"><button type="submit" id="establishment-submit" data-testid="establishment-submit" ?disabled=${busy}>
        ${editing ? 'Enregistrer' : "Créer l'établissement"}</button></div>
    </form>`, root);

  const known = () => ['finess', 'name', 'contacts', ...est.contacts.flatMap((_, i) => CONTACT_FIELDS.map(([k]) => `contacts[${i}].${k}`))];

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    readForm(form);
    error = null; byField = {}; other = [];
    if (!editing && !isValidFiness(est.finess)) {
      byField.finess = 'N° FINESS invalide : 9 chiffres dont une clé de contrôle.';
    }
    if (!est.name.trim()) {
      byField.name = 'La raison sociale est obligatoire.';
    }
    if (Object.keys(byField).length) {
      error = new Error('Le formulaire contient des erreurs.');
      draw(); focusFirstError(root); announce('Le formulaire contient des erreurs.');
      return;
    }
    busy = true; draw();
    try {
      if (editing) {
        await ctx.api.patch(`${BASE}/${enc(est.finess)}`, { name: est.name, contacts: est.contacts }, etag);
      } else {
        await ctx.api.post(BASE, { finess: est.finess, name: est.name, contacts: est.contacts });
      }
      announce(editing ? 'Établissement enregistré.' : 'Établissement créé.');
      ctx.navigate(withQuery(href('establishment', { finess: est.finess }), { ok: editing ? 'saved' : 'created' }));
    } catch (err) {
      busy = false;
      error = err;
      if (err instanceof ApiError) {
        ({ byField, other } = splitFieldErrors(err.fieldErrors, known()));
      }
      draw(); focusFirstError(root);
      announce(err instanceof Error ? err.message : String(err));
    }
  }
  draw();
};

export function dnsTable(domain: Domain) {
  return html`<table class="data dns" data-testid="dns-${domain.name}">
    <caption>Enregistrements DNS attendus pour ${domain.name}</caption>
    <thead><tr><th scope="col">Type</th><th scope="col">Nom</th><th scope="col">Valeur</th></tr></thead>
    <tbody>${(domain.expectedDns || []).map(r => html`<tr><td>${r.type}</td><td><code>${r.name}</code></td><td><code class="wrap">${r.value}</code></td></tr>`)}</tbody>
  </table>`;
}

export const establishmentView: View = async (root, ctx, route) => {
  const finess = route.params.finess;
  const path = `${BASE}/${enc(finess)}`;
  let est: Establishment;
  let domains: Domain[] = [];
  let domainError: unknown = null;
  let domainFieldError = '';
  let message = route.params.ok === 'created' ? 'Établissement créé.' : route.params.ok === 'saved' ? 'Modifications enregistrées.' : '';
  render(html`<h1>Établissement ${finess}</h1><p role="status">Chargement…</p>`, root);
  try {
    [est, domains] = await Promise.all([
      ctx.api.get<Establishment>(path),
      ctx.api.get<Domain[] | PageOf<Domain>>(`${path}/domains`).then(d => Array.isArray(d) ? d : d.items),
    ]);
  } catch (e) {
    if (ctx.alive()) render(html`<h1>Établissement ${finess}</h1>${accessMessage(e)}`, root);
    return;
  }
  if (!ctx.alive()) return;

  const reloadDomains = async () => {
    const d = await ctx.api.get<Domain[] | PageOf<Domain>>(`${path}/domains`);
    domains = Array.isArray(d) ? d : d.items;
  };

  const draw = () => render(html`<h1>${est.name}</h1>
    <p><a href=${href('establishments')}>← Établissements</a></p>
    ${notice(message)}
    <dl class="props">
      <dt>N° FINESS</dt><dd id="establishment-finess-value">${est.finess}</dd>
      <dt>Créé le</dt><dd>${formatDateTime(est.createdAt)}</dd>
      <dt>Boîtes aux lettres</dt><dd><a href=${withQuery('#/boites', { establishment: est.finess })}>${formatNumber(est.mailboxCount)}</a></dd>
    </dl>
    ${ctx.isOperator ? html`<p><a class="button" id="establishment-edit" data-testid="establishment-edit" href=${href('establishment-edit', { finess })}>Modifier</a></p>` : nothing}
    <h2>Contacts</h2>
    ${est.contacts?.length ? html`<table class="data" id="contacts-table"><thead><tr><th scope="col">Nom</th><th scope="col">Fonction</th><th scope="col">Courriel</th><th scope="col">Téléphone</th></tr></thead>
      <tbody>${est.contacts.map(c => html`<tr><td>${c.name}</td><td>${c.role}</td><td>${c.email}</td><td>${c.phone}</td></tr>`)}</tbody></table>`
      : html`<p>Aucun contact.</p>`}
    <h2 id="domains-title">Domaines</h2>
    ${errorBox(domainError, 'domain-error')}
    ${domains.length === 0 ? html`<p>Aucun domaine.</p>` : nothing}
    <ul class="domains" aria-labelledby="domains-title" id="domains-list" data-testid="domains-list">
      ${domains.map(d => html`<li class="domain" data-domain=${d.name}>
        <h3>${d.name}</h3>
        <p>${formatNumber(d.mailboxCount)} boîte(s) — ajouté le ${formatDateTime(d.createdAt)}</p>
        ${dnsTable(d)}
        ${ctx.isOperator ? html`<button type="button" class="danger" id="domain-remove-${d.name}" data-testid="domain-remove"
          aria-label="Retirer le domaine ${d.name}" @click=${() => removeDomain(d)}>Retirer</button>` : nothing}
      </li>`)}
    </ul>
    ${ctx.isOperator ? html`<form id="domain-form" data-testid="domain-form" class="inline-form" novalidate @submit=${addDomain}>
      ${field({ id: 'domain-name', name: 'name', label: 'Nouveau domaine', required: true, placeholder: 'exemple.mssante.fr', error: domainFieldError })}
      <button type="submit" id="domain-add" data-testid="domain-add">Ajouter le domaine</button>
    </form>` : nothing}`, root);

  async function addDomain(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    domainError = null; domainFieldError = ''; message = '';
    try {
      await ctx.api.post(`${path}/domains`, { name: input.value });
      await reloadDomains();
      message = `Domaine ${input.value} ajouté : publiez les enregistrements DNS attendus.`;
      input.value = '';
    } catch (err) {
      domainError = err;
      if (err instanceof ApiError) domainFieldError = err.fieldMap().name || '';
    }
    draw();
    announce(domainError instanceof Error ? domainError.message : message);
    if (domainError) focusFirstError(root);
  }

  async function removeDomain(d: Domain) {
    if (!await confirmDialog('Retirer le domaine', `Retirer le domaine ${d.name} ? Impossible tant que des boîtes l'utilisent.`, 'Retirer')) return;
    domainError = null; message = '';
    try {
      await ctx.api.del(`${path}/domains/${enc(d.name)}`);
      await reloadDomains();
      message = `Domaine ${d.name} retiré.`;
    } catch (err) {
      domainError = err;
    }
    draw();
    announce(domainError instanceof Error ? domainError.message : message);
  }
  draw();
  announce(`Établissement ${est.name}.`);
};
