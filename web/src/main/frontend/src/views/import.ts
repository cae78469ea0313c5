import { html, nothing, render } from 'lit-html';
import type { View } from '../context';
import { ACTION_LABELS, label } from '../format';
import type { ImportReport } from '../model';
import { announce, errorBox } from '../ui';

export const CSV_HEADER = 'address,type,displayName,ownerNationalId,quotaMb,publishedInDirectory,redList';

export function importSummary(r: ImportReport): string {
  const verb = r.dryRun ? 'Simulation' : 'Import appliqué';
  const create = r.dryRun ? 'à créer' : 'créée(s)';
  return `${verb} : ${r.created} boîte(s) ${create}, ${r.unchanged} inchangée(s), ${r.failed} ligne(s) en erreur.`;
}

/** The per-line report (dry run or final). */
export function importReportTemplate(r: ImportReport) {
  const id = r.dryRun ? 'import-dry-run-report' : 'import-final-report';
  return html`<section aria-labelledby="${id}-title" id=${id} data-testid=${id}>
    <h2 id="${id}-title">${r.dryRun ? 'Rapport de simulation' : 'Rapport final'}</h2>
    <p class="summary" id="${id}-summary" data-testid="${id}-summary" data-created=${r.created} data-unchanged=${r.unchanged} data-failed=${r.failed}>${importSummary(r)}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Rapport ligne par ligne (défilement horizontal)"><table class="data import-report">
      <caption class="visually-hidden">${r.dryRun ? 'Simulation' : 'Résultat'}, ligne par ligne</caption>
      <thead><tr><th scope="col">Ligne</th><th scope="col">Adresse</th><th scope="col">Action</th><th scope="col">Erreurs</th></tr></thead>
      <tbody>${r.lines.map(l => html`<tr class="action-${l.action.toLowerCase()}" data-line=${l.line} data-action=${l.action}>
        <td>${l.line}</td><td>${l.address || '—'}</td>
        <td><span class="badge action-${l.action.toLowerCase()}">${label(ACTION_LABELS, l.action)}</span></td>
        <td>${l.errors?.length ? html`<ul class="plain">${l.errors.map(e => html`<li><strong>${e.field}</strong> : ${e.message}</li>`)}</ul>` : ''}</td></tr>`)}
      </tbody></table></div>
  </section>`;
}

export const importView: View = (root, ctx) => {
  let content: string | null = null;
  let fileName = '';
  let dryRun: ImportReport | null = null;
  let final: ImportReport | null = null;
  let error: unknown = null;
  let busy = false;

  const send = async (isDryRun: boolean) => {
    if (content === null) return;
    error = null; busy = true; draw();
    try {
      const r = await ctx.api.request<ImportReport>('POST', '/api/v1/mailboxes/import', {
        query: { dryRun: isDryRun }, rawBody: { content, contentType: 'text/csv' },
      });
      if (isDryRun) { dryRun = r.data; final = null; } else { final = r.data; }
      announce(importSummary(r.data));
    } catch (e) {
      error = e;
      announce(e instanceof Error ? e.message : String(e));
    }
    busy = false; draw();
    (document.getElementById(final ? 'import-final-report-title' : dryRun ? 'import-dry-run-report-title' : 'import-error') as HTMLElement | null)?.focus?.();
  };

  const draw = () => render(html`<h1>Import CSV de boîtes aux lettres</h1>
    <p>Une ligne par boîte ; en-tête : <code>${CSV_HEADER}</code>. Le fichier est d'abord simulé (rien n'est créé) ;
      « Appliquer » crée ensuite les boîtes. Rejouer le même fichier ne crée rien de nouveau.</p>
    ${errorBox(error, 'import-error')}
    <form id="import-form" data-testid="import-form" novalidate @submit=${async (e: Event) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('file') as HTMLInputElement;
      const file = input.files?.[0];
      if (!file) { error = new Error('Choisissez un fichier CSV.'); draw(); return; }
      fileName = file.name;
      content = await file.text();
      dryRun = null; final = null;
      await send(true);
    }}>
      <div class="field"><label for="import-file">Fichier CSV</label>
        <input type="file" id="import-file" data-testid="import-file" name="file" accept=".csv,text/csv" required></div>
      <button type="submit" id="import-dry-run" data-testid="import-dry-run" ?disabled=${busy}>Simuler l'import</button>
    </form>
    ${busy ? html`<p role="status">Traitement en cours…</p>` : nothing}
    ${dryRun ? html`${importReportTemplate(dryRun)}
      ${!final ? html`<p>Fichier : <strong>${fileName}</strong>.
        ${dryRun.created === 0 ? ' Rien à créer.' : nothing}</p>
        <button type="button" id="import-apply" data-testid="import-apply" ?disabled=${busy || dryRun.created === 0}
          @click=${() => send(false)}>Appliquer (${dryRun.created} création(s))</button>
        ${dryRun.failed ? html`<p class="hint">Les lignes en erreur seront ignorées ; corrigez-les et réimportez le fichier.</p>` : nothing}` : nothing}` : nothing}
    ${final ? importReportTemplate(final) : nothing}`, root);
  draw();
};
