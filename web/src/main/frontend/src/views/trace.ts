import { html, nothing, render } from 'lit-html';
import type { View } from '../context';
import { formatDateTime, formatDetails, label, TRACE_LABELS } from '../format';
import type { TracedMessage } from '../model';
import { withQuery } from '../router';
import { accessMessage, announce, field, formValues } from '../ui';
import { toInstant } from './audit';

const STEPS = ['ACCEPTED', 'QUEUED', 'DELIVERED', 'READ'];

/** One message's timeline: events in time order; the usual steps not reached yet are shown as pending. */
export function timeline(m: TracedMessage) {
  const events = [...(m.events || [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const reached = new Set(events.map(e => e.type));
  const pending = STEPS.filter(s => !reached.has(s));
  return html`<article class="trace" data-queue-id=${m.queueId} data-testid="trace-result">
    <h2>Message ${m.queueId}</h2>
    <dl class="props">
      ${m.messageId ? html`<dt>Message-ID</dt><dd><code class="wrap">${m.messageId}</code></dd>` : nothing}
      <dt>Expéditeur</dt><dd>${m.sender || '—'}</dd>
      <dt>Destinataires</dt><dd>${(m.recipients || []).join(', ') || '—'}</dd>
      <dt>Reçu le</dt><dd>${formatDateTime(m.receivedAt)}</dd>
    </dl>
    <ol class="timeline" aria-label="Étapes du message ${m.queueId}">
      ${events.map(e => html`<li class="step done step-${e.type.toLowerCase()}" data-type=${e.type}>
        <span class="step-name">${label(TRACE_LABELS, e.type)}</span>
        <time datetime=${e.at}>${formatDateTime(e.at)}</time>
        ${formatDetails(e.details) ? html`<span class="step-details">${formatDetails(e.details)}</span>` : nothing}</li>`)}
      ${pending.map(s => html`<li class="step pending" data-type=${s}><span class="step-name">${label(TRACE_LABELS, s)}</span> <span class="step-details">pas encore</span></li>`)}
    </ol>
  </article>`;
}

const FIELDS: [string, string, string][] = [
  ['messageId', 'Message-ID', 'trace-message-id'], ['queueId', "Identifiant de file (queue id)", 'trace-queue-id'],
  ['sender', 'Expéditeur', 'trace-sender'], ['recipient', 'Destinataire', 'trace-recipient'],
];

export const traceView: View = async (root, ctx, route) => {
  const p = route.params;
  const searched = FIELDS.some(([k]) => p[k]) || p.from || p.to;
  const form = html`<h1>Traçage des messages</h1>
    <p>Le parcours d'un message (jamais son contenu) : accepté, mis en file, distribué, lu.</p>
    <form class="filters" role="search" id="trace-form" data-testid="trace-form" @submit=${(e: Event) => {
      e.preventDefault();
      ctx.navigate(withQuery('#/tracage', { ...formValues(e.target as HTMLFormElement), t: Date.now() }));
    }}>
      ${FIELDS.map(([k, l, id]) => field({ id, name: k, label: l, value: p[k] || '' }))}
      ${field({ id: 'trace-from', name: 'from', label: 'Du', type: 'datetime-local', value: p.from || '' })}
      ${field({ id: 'trace-to', name: 'to', label: 'Au', type: 'datetime-local', value: p.to || '' })}
      <div class="actions"><button type="submit" id="trace-search" data-testid="trace-search">Rechercher</button></div>
    </form>`;
  if (!searched) {
    render(html`${form}<p>Renseignez au moins un critère.</p>`, root);
    return;
  }
  render(html`${form}<p role="status">Recherche…</p>`, root);
  try {
    const result = await ctx.api.get<TracedMessage[] | { items: TracedMessage[] }>('/api/v1/trace', {
      messageId: p.messageId, queueId: p.queueId, sender: p.sender, recipient: p.recipient, from: toInstant(p.from), to: toInstant(p.to),
    });
    if (!ctx.alive()) return;
    const messages = Array.isArray(result) ? result : result.items || [];
    render(html`${form}<div id="trace-results" data-testid="trace-results">
      <p id="trace-count">${messages.length === 0 ? 'Aucun message trouvé.' : `${messages.length} message(s) trouvé(s).`}</p>
      ${messages.map(timeline)}</div>`, root);
    announce(messages.length === 0 ? 'Aucun message trouvé.' : `${messages.length} message(s) trouvé(s).`);
  } catch (e) {
    if (!ctx.alive()) return;
    render(html`${form}${accessMessage(e)}`, root);
    announce(e instanceof Error ? e.message : String(e));
  }
};
