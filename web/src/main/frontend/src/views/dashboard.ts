import { html, render } from 'lit-html';
import { barChart, lineChart } from '../charts';
import type { View } from '../context';
import { formatDay, formatDuration, formatNumber, STATUS_LABELS, TYPE_LABELS } from '../format';
import type { Dashboard } from '../model';
import { accessMessage, announce } from '../ui';

export function dashboardTemplate(d: Dashboard) {
  const days = d.messagesPerDay || [];
  return html`
    <div class="cards">
      <div class="card" id="kpi-queue-depth" data-testid="kpi-queue-depth"><h2>File d'attente</h2>
        <p class="kpi">${formatNumber(d.queue?.depth ?? 0)}</p><p>message(s) en attente</p></div>
      <div class="card" id="kpi-queue-age" data-testid="kpi-queue-age"><h2>Plus ancien en file</h2>
        <p class="kpi">${d.queue?.oldestAgeSeconds ? formatDuration(d.queue.oldestAgeSeconds) : '—'}</p><p>ancienneté</p></div>
      <div class="card ${d.authFailures24h > 0 ? 'warn' : ''}" id="kpi-auth-failures" data-testid="kpi-auth-failures"><h2>Échecs d'authentification</h2>
        <p class="kpi">${formatNumber(d.authFailures24h ?? 0)}</p><p>sur les dernières 24 h</p></div>
    </div>
    <div class="charts">
      ${barChart('chart-by-type', 'Boîtes aux lettres par type',
        (['PER', 'ORG', 'APP'] as const).map(t => ({ label: TYPE_LABELS[t], value: d.mailboxesByType?.[t] ?? 0, color: `c-${t.toLowerCase()}` })))}
      ${barChart('chart-by-status', 'Boîtes aux lettres par statut',
        (['ACTIVE', 'SUSPENDED', 'CLOSED'] as const).map(s => ({ label: STATUS_LABELS[s], value: d.mailboxesByStatus?.[s] ?? 0, color: `c-${s.toLowerCase()}` })))}
    </div>
    ${lineChart('chart-messages', 'Messages par jour (30 derniers jours)', days.map(x => formatDay(x.day)), [
      { name: 'Reçus', className: 's-received', values: days.map(x => x.received ?? 0) },
      { name: 'Envoyés', className: 's-sent', values: days.map(x => x.sent ?? 0) },
    ])}`;
}

export const dashboardView: View = async (root, ctx) => {
  render(html`<h1>Tableau de bord</h1><p role="status">Chargement…</p>`, root);
  try {
    const d = await ctx.api.get<Dashboard>('/api/v1/dashboard');
    if (!ctx.alive()) return;
    render(html`<h1>Tableau de bord</h1>
      <p class="lead">${ctx.isOperator ? 'Toute la plateforme.' : `Votre établissement${ctx.finess ? ` (FINESS ${ctx.finess})` : ''}.`}
        <button type="button" class="link" id="dashboard-refresh" @click=${() => dashboardView(root, ctx, { name: 'dashboard', params: {} })}>Actualiser</button></p>
      ${dashboardTemplate(d)}`, root);
    announce('Tableau de bord chargé.');
  } catch (e) {
    if (!ctx.alive()) return;
    render(html`<h1>Tableau de bord</h1>${accessMessage(e)}`, root);
    announce(e instanceof Error ? e.message : String(e));
  }
};
