import { html, nothing, render } from 'lit-html';
import type { PageOf, Query } from '../api';
import type { View } from '../context';
import { formatDateTime, formatDetails } from '../format';
import type { AuditEvent } from '../model';
import { withQuery } from '../router';
import { accessMessage, announce, errorBox, field, formValues, pager, saveBlob } from '../ui';

/** datetime-local value (Paris wall clock as typed) → ISO-8601 instant for the API. */
export function toInstant(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export const auditView: View = async (root, ctx, route) => {
  const p = route.params;
  const filters = { from: p.from || '', to: p.to || '', actor: p.actor || '', mailbox: p.mailbox || '', type: p.type || '' };
  const page = Number(p.page || 0);
  const apiQuery = (): Query => ({ from: toInstant(filters.from), to: toInstant(filters.to), actor: filters.actor, mailbox: filters.mailbox, type: filters.type });
  const go = (c: Record<string, string | number | undefined>) => ctx.navigate(withQuery('#/audit', { ...filters, page, ...c }));
  let exportError: unknown = null;
  let exporting = false;

  const exportCsv = async () => {
    exportError = null; exporting = true; draw(current);
    try {
      const { blob, filename } = await ctx.api.download('/api/v1/audit/export', apiQuery(), 'journal-audit.csv');
      saveBlob(blob, filename);
      announce(`Export téléchargé : ${filename}.`);
    } catch (e) {
      exportError = e;
      announce(e instanceof Error ? e.message : String(e));
    }
    exporting = false; draw(current);
  };

  let current: unknown = null;
  const draw = (body: unknown) => {
    current = body;
    render(html`<h1>Journal d'audit</h1>
      <form class="filters" role="search" id="audit-filters" data-testid="audit-filters" @submit=${(e: Event) => {
        e.preventDefault();
        go({ ...formValues(e.target as HTMLFormElement), page: 0 });
      }}>
        ${field({ id: 'audit-from', name: 'from', label: 'Du', type: 'datetime-local', value: filters.from })}
        ${field({ id: 'audit-to', name: 'to', label: 'Au', type: 'datetime-local', value: filters.to })}
        ${field({ id: 'audit-actor', name: 'actor', label: 'Acteur', value: filters.actor })}
        ${field({ id: 'audit-mailbox', name: 'mailbox', label: 'Boîte aux lettres', value: filters.mailbox })}
        ${field({ id: 'audit-type', name: 'type', label: "Type d'événement", value: filters.type, placeholder: 'ex. MAILBOX_CREATED' })}
        <div class="actions"><button type="submit" id="audit-search" data-testid="audit-search">Filtrer</button>
          <button type="button" class="secondary" id="audit-export" data-testid="audit-export" ?disabled=${exporting} @click=${exportCsv}>Exporter CSV</button></div>
      </form>
      ${errorBox(exportError, 'audit-export-error')}
      ${exporting ? html`<p role="status">Export en cours…</p>` : nothing}
      ${body}`, root);
  };
  draw(html`<p role="status">Chargement…</p>`);
  try {
    const result = await ctx.api.get<PageOf<AuditEvent>>('/api/v1/audit', { ...apiQuery(), page, size: 50 });
    if (!ctx.alive()) return;
    const total = result.total ?? result.items.length;
    draw(html`<div class="table-wrap" tabindex="0" role="region" aria-label="Événements d'audit (défilement horizontal)"><table class="data" id="audit-table" data-testid="audit-table">
        <caption class="visually-hidden">Événements d'audit, du plus récent au plus ancien</caption>
        <thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Acteur</th><th scope="col">Boîte</th><th scope="col">Détails</th></tr></thead>
        <tbody>${result.items.map(ev => html`<tr data-id=${String(ev.id)}><td>${formatDateTime(ev.occurredAt)}</td><td><code>${ev.type}</code></td>
          <td>${ev.actor}</td><td>${ev.mailbox ?? '—'}</td><td class="details">${formatDetails(ev.details)}</td></tr>`)}</tbody></table></div>
      ${result.items.length === 0 ? html`<p>Aucun événement pour ces critères.</p>` : nothing}
      ${pager({ page: result.page ?? page, size: result.size ?? 50, total, items: result.items }, n => go({ page: n }), 'audit-pager')}`);
    announce(`${total} événement(s).`);
  } catch (e) {
    if (!ctx.alive()) return;
    draw(accessMessage(e));
    announce(e instanceof Error ? e.message : String(e));
  }
};
