// Small lit-html building blocks shared by the screens: labelled fields with inline errors,
// alerts, the aria-live announcer, the confirmation dialog, paging.
import { html, nothing, render, type TemplateResult } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { ApiError, pageInfo, type FieldError } from './api';

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  placeholder?: string;
  autocomplete?: string;
  readonly?: boolean;
  inputmode?: string;
  pattern?: string;
  min?: number;
  maxlength?: number;
}

/** A label, an input, its hint and its error; aria-describedby points at both, aria-invalid when in error. */
export function field(o: FieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : '';
  const errorId = o.error ? `${o.id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="field ${o.error ? 'has-error' : ''}">
    <label for=${o.id}>${o.label}${o.required ? html` <span aria-hidden="true" class="req">*</span>` : nothing}</label>
    ${o.hint ? html`<p class="hint" id=${hintId}>${o.hint}</p>` : nothing}
    <input id=${o.id} name=${o.name} data-testid=${o.id} type=${o.type || 'text'}
      .value=${o.value === null || o.value === undefined ? '' : String(o.value)}
      ?required=${!!o.required} ?readonly=${!!o.readonly}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy || undefined)}
      placeholder=${ifDefined(o.placeholder)} autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)} pattern=${ifDefined(o.pattern)}
      min=${ifDefined(o.min)} maxlength=${ifDefined(o.maxlength)}>
    ${o.error ? html`<p class="field-error" id=${errorId}>${o.error}</p>` : nothing}
  </div>`;
}

export interface SelectOptions {
  id: string; name: string; label: string; value?: string; options: [string, string][]; error?: string; required?: boolean;
}

export function select(o: SelectOptions): TemplateResult {
  const errorId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="field ${o.error ? 'has-error' : ''}">
    <label for=${o.id}>${o.label}</label>
    <select id=${o.id} name=${o.name} data-testid=${o.id} ?required=${!!o.required}
      aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${ifDefined(errorId)}>
      ${o.options.map(([v, l]) => html`<option value=${v} ?selected=${v === (o.value ?? '')}>${l}</option>`)}
    </select>
    ${o.error ? html`<p class="field-error" id=${errorId}>${o.error}</p>` : nothing}
  </div>`;
}

export function checkbox(o: { id: string; name: string; label: string; checked?: boolean; error?: string }): TemplateResult {
  const errorId = o.error ? `${o.id}-error` : undefined;
  return html`<div class="field checkbox ${o.error ? 'has-error' : ''}">
    <input type="checkbox" id=${o.id} name=${o.name} data-testid=${o.id} .checked=${!!o.checked}
      aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${ifDefined(errorId)}>
    <label for=${o.id}>${o.label}</label>
    ${o.error ? html`<p class="field-error" id=${errorId}>${o.error}</p>` : nothing}
  </div>`;
}

/** Error banner of a form or screen: the message, and the field errors no input claimed. */
export function errorBox(error: unknown, id = 'form-error', other: FieldError[] = []): TemplateResult | typeof nothing {
  if (!error) {
    return nothing;
  }
  const message = error instanceof Error ? error.message : String(error);
  return html`<div class="alert error" role="alert" id=${id} data-testid=${id} tabindex="-1">
    <p>${message}</p>
    ${other.length ? html`<ul>${other.map(e => html`<li>${e.field ? `${e.field} : ` : ''}${e.message}</li>`)}</ul>` : nothing}
  </div>`;
}

export function notice(message: string | null | undefined, id = 'notice'): TemplateResult | typeof nothing {
  return message ? html`<div class="alert success" role="status" id=${id} data-testid=${id}>${message}</div>` : nothing;
}

/** The 403/404 screen message. */
export function accessMessage(error: unknown): TemplateResult {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return html`<div class="alert warning" role="alert" id="access-error" data-testid="access-error">
      <h2>${error.status === 403 ? 'Accès refusé' : 'Introuvable'}</h2><p>${error.message}</p></div>`;
  }
  return errorBox(error, 'screen-error') as TemplateResult;
}

export function pager(p: { page: number; size: number; total: number; items?: unknown[] }, go: (page: number) => void, idPrefix = 'pager'): TemplateResult {
  const info = pageInfo(p);
  return html`<nav class="pager" aria-label="Pagination" data-testid=${idPrefix}>
    <button type="button" class="secondary" id="${idPrefix}-prev" data-testid="${idPrefix}-prev" ?disabled=${!info.hasPrevious}
      @click=${() => go(p.page - 1)}>Page précédente</button>
    <span>${info.label} — page ${p.page + 1} / ${info.pages}</span>
    <button type="button" class="secondary" id="${idPrefix}-next" data-testid="${idPrefix}-next" ?disabled=${!info.hasNext}
      @click=${() => go(p.page + 1)}>Page suivante</button>
  </nav>`;
}

/** Speaks results and errors through the page's aria-live region. */
export function announce(message: string): void {
  const live = document.getElementById('live');
  if (live) {
    live.textContent = '';
    window.setTimeout(() => { live.textContent = message; }, 30);
  }
}

/** Confirmation in the page's native <dialog> (focus kept inside, Échap cancels); resolves true on Confirmer. */
export async function confirmDialog(title: string, message: string, okLabel = 'Confirmer'): Promise<boolean> {
  return (await confirmWithReason(title, message, okLabel, false)).ok;
}

/** Same, with an optional free-text reason (lifecycle actions: recorded in the audit trail). */
export function confirmWithReason(title: string, message: string, okLabel = 'Confirmer', withReason = true): Promise<{ ok: boolean; reason: string }> {
  const dialog = document.getElementById('confirm-dialog') as HTMLDialogElement | null;
  if (!dialog || typeof dialog.showModal !== 'function') {
    return Promise.resolve({ ok: window.confirm(`${title}\n\n${message}`), reason: '' });
  }
  (document.getElementById('confirm-title') as HTMLElement).textContent = title;
  (document.getElementById('confirm-message') as HTMLElement).textContent = message;
  (document.getElementById('confirm-ok') as HTMLElement).textContent = okLabel;
  const extra = document.getElementById('confirm-extra') as HTMLElement;
  render(withReason ? html`<div class="field"><label for="confirm-reason">Motif (facultatif)</label>
    <input id="confirm-reason" data-testid="confirm-reason" name="reason" maxlength="500" autocomplete="off"></div>` : nothing, extra);
  const opener = document.activeElement as HTMLElement | null;
  dialog.returnValue = '';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      const reason = (document.getElementById('confirm-reason') as HTMLInputElement | null)?.value.trim() || '';
      resolve({ ok: dialog.returnValue === 'ok', reason });
      opener?.focus();
    }, { once: true });
    dialog.showModal();
    (document.getElementById('confirm-cancel') as HTMLElement).focus();
  });
}

/** Reads the values of a form's named controls. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => { out[k] = typeof v === 'string' ? v : ''; });
  return out;
}

/** Moves focus to the first invalid input, else to the error banner. */
export function focusFirstError(root: ParentNode): void {
  const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') || root.querySelector<HTMLElement>('.alert.error');
  target?.focus();
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.id = 'download-link';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  window.setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}
