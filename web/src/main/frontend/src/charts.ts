// Inline SVG charts (no chart library). Each chart is an image with a text alternative and its
// data as a table for screen readers and keyboard users.
import { html, svg, type TemplateResult } from 'lit-html';
import { formatNumber } from './format';

export interface Bar { label: string; value: number; color?: string }

export function niceMax(max: number): number {
  if (max <= 0) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) {
      return step * magnitude;
    }
  }
  return 10 * magnitude;
}

/** Horizontal bars: one row per category, the value written at the end of the bar. */
export function barChart(id: string, title: string, bars: Bar[]): TemplateResult {
  const rowH = 30;
  const labelW = 140;
  const width = 420;
  const barW = width - labelW - 60;
  const max = niceMax(Math.max(0, ...bars.map(b => b.value)));
  const height = bars.length * rowH + 10;
  const summary = bars.map(b => `${b.label} : ${formatNumber(b.value)}`).join(', ');
  return html`<figure class="chart" id=${id} data-testid=${id}>
    <figcaption>${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title} — ${summary}" preserveAspectRatio="xMinYMin meet">
      ${bars.map((b, i) => {
        const y = 5 + i * rowH;
        const w = Math.round((b.value / max) * barW);
        return svg`<g class="bar">
          <text x=${labelW - 8} y=${y + rowH / 2 + 4} text-anchor="end" class="axis-label">${b.label}</text>
          <rect x=${labelW} y=${y + 4} width=${Math.max(w, b.value > 0 ? 2 : 0)} height=${rowH - 10} class="bar-fill ${b.color || ''}"></rect>
          <text x=${labelW + w + 6} y=${y + rowH / 2 + 4} class="value-label">${formatNumber(b.value)}</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}

export interface Series { name: string; className: string; values: number[] }

/** Line chart over days (x) with several series; y axis from 0 to a round maximum. */
export function lineChart(id: string, title: string, labels: string[], series: Series[]): TemplateResult {
  const width = 640;
  const height = 240;
  const left = 44;
  const right = 28;
  const top = 12;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap(s => s.values)));
  const n = Math.max(labels.length, 1);
  const x = (i: number) => left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => f * max);
  const step = Math.max(1, Math.ceil(n / 6));
  const totals = series.map(s => `${s.name} : ${formatNumber(s.values.reduce((a, b) => a + b, 0))} au total`).join(', ');
  return html`<figure class="chart" id=${id} data-testid=${id}>
    <figcaption>${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title} — ${totals}" preserveAspectRatio="xMinYMin meet">
      ${ticks.map(t => svg`<g class="grid">
        <line x1=${left} x2=${width - right} y1=${y(t)} y2=${y(t)}></line>
        <text x=${left - 6} y=${y(t) + 4} text-anchor="end" class="axis-label">${formatNumber(Math.round(t))}</text></g>`)}
      ${labels.map((l, i) => i % step === 0 || i === n - 1
        ? svg`<text x=${x(i)} y=${height - 12} text-anchor="middle" class="axis-label">${l}</text>` : svg``)}
      ${series.map(s => svg`<polyline class="line ${s.className}" fill="none"
        points=${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}></polyline>
        ${s.values.map((v, i) => svg`<circle class="dot ${s.className}" cx=${x(i).toFixed(1)} cy=${y(v).toFixed(1)} r="2.5"><title>${labels[i]} — ${s.name} : ${formatNumber(v)}</title></circle>`)}`)}
    </svg>
    <ul class="legend">${series.map(s => html`<li><span class="swatch ${s.className}" aria-hidden="true"></span>${s.name}</li>`)}</ul>
    <details><summary>Données du graphique</summary>
      <table class="data"><caption class="visually-hidden">${title}</caption>
        <thead><tr><th scope="col">Jour</th>${series.map(s => html`<th scope="col">${s.name}</th>`)}</tr></thead>
        <tbody>${labels.map((l, i) => html`<tr><th scope="row">${l}</th>${series.map(s => html`<td>${formatNumber(s.values[i])}</td>`)}</tr>`)}</tbody>
      </table>
    </details>
  </figure>`;
}
