import { render } from 'lit-html';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { barChart, lineChart, niceMax } from './charts';
import { field } from './ui';
import { dashboardView } from './views/dashboard';
import { auditView } from './views/audit';
import { importReportTemplate, importSummary, importView } from './views/import';
import { certificateWarning, lifecycleActions, mailboxDetailView } from './views/mailbox-detail';
import { mailboxBody, mailboxFormView, mailboxesView } from './views/mailboxes';
import { establishmentFormView } from './views/establishments';
import { meView } from './views/me';
import { timeline, traceView } from './views/trace';
import { fakeCtx, json, problem, settle } from './test-helpers';
import type { ImportReport } from './model';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<div id="live" aria-live="polite"></div><main id="main"></main>';
  root = document.getElementById('main') as HTMLElement;
});
afterEach(() => { vi.restoreAllMocks(); });

const REPORT: ImportReport = {
  dryRun: true, created: 1, unchanged: 1, failed: 1,
  lines: [
    { line: 2, address: 'a@chu.mssante.fr', action: 'CREATE', errors: [] },
    { line: 3, address: 'b@chu.mssante.fr', action: 'UNCHANGED', errors: [] },
    { line: 4, address: 'C@chu', action: 'ERROR', errors: [{ field: 'address', message: 'doit être en minuscules' }] },
  ],
};

function submit(form: HTMLFormElement) {
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}
function input(id: string, value: string) {
  const el = document.getElementById(id) as HTMLInputElement;
  el.value = value;
  return el;
}

describe('shared form field', () => {
  it('links the input to its label, hint and error', () => {
    render(field({ id: 'f', name: 'f', label: 'Adresse', hint: 'en minuscules', error: 'obligatoire', required: true }), root);
    const el = root.querySelector('input')!;
    expect(root.querySelector('label')!.getAttribute('for')).toBe('f');
    expect(el.getAttribute('aria-invalid')).toBe('true');
    expect(el.getAttribute('aria-describedby')).toBe('f-hint f-error');
    expect(document.getElementById('f-error')!.textContent).toBe('obligatoire');
  });
});

describe('CSV import report', () => {
  it('summarises a dry run and a final report in French', () => {
    expect(importSummary(REPORT)).toBe('Simulation : 1 boîte(s) à créer, 1 inchangée(s), 1 ligne(s) en erreur.');
    expect(importSummary({ ...REPORT, dryRun: false })).toBe('Import appliqué : 1 boîte(s) créée(s), 1 inchangée(s), 1 ligne(s) en erreur.');
  });

  it('renders one row per line with its action and errors', () => {
    render(importReportTemplate(REPORT), root);
    const rows = root.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[0].getAttribute('data-action')).toBe('CREATE');
    expect(rows[0].textContent).toContain('Création');
    expect(rows[2].textContent).toContain('address : doit être en minuscules');
    expect(root.querySelector('#import-dry-run-report-summary')!.getAttribute('data-failed')).toBe('1');
  });

  it('uploads the file for a dry run, then applies it', async () => {
    const { ctx, calls } = fakeCtx({
      'POST /api/v1/mailboxes/import': req => json(req.url.includes('dryRun=true') ? REPORT : { ...REPORT, dryRun: false }),
    });
    importView(root, ctx, { name: 'import', params: {} });
    const file = new File(['address,type\na@chu.mssante.fr,PER\n'], 'boites.csv', { type: 'text/csv' });
    Object.defineProperty(document.getElementById('import-file'), 'files', { value: [file] });
    submit(document.getElementById('import-form') as HTMLFormElement);
    await settle(10);
    expect(calls[0].url).toBe('/api/v1/mailboxes/import?dryRun=true');
    expect(calls[0].headers['Content-Type']).toBe('text/csv');
    expect(calls[0].body).toBe('address,type\na@chu.mssante.fr,PER\n');
    expect(document.getElementById('import-dry-run-report')).not.toBeNull();
    (document.getElementById('import-apply') as HTMLButtonElement).click();
    await settle(10);
    expect(calls[1].url).toBe('/api/v1/mailboxes/import?dryRun=false');
    expect(document.getElementById('import-final-report-summary')!.textContent).toContain('Import appliqué');
    expect(document.getElementById('import-apply')).toBeNull();
  });
});

describe('mailbox forms', () => {
  it('builds the create body (quota in Mo → bytes, owner only for PER)', () => {
    expect(mailboxBody({ address: 'a@b.fr', type: 'PER', displayName: 'A', ownerNationalId: '810001234567', quotaMb: '2' },
      { publishedInDirectory: true, redList: false }, false)).toEqual({
      address: 'a@b.fr', type: 'PER', displayName: 'A', ownerNationalId: '810001234567', quotaBytes: 2097152, publishedInDirectory: true, redList: false,
    });
    expect(mailboxBody({ type: 'ORG', displayName: 'Accueil', owners: '1, 2;3', quotaMb: '' }, { publishedInDirectory: false, redList: true }, true))
      .toEqual({ displayName: 'Accueil', quotaBytes: null, publishedInDirectory: false, redList: true, owners: ['1', '2', '3'] });
  });

  it("shows the API's field errors next to the inputs", async () => {
    const { ctx, calls, navigations } = fakeCtx({
      'POST /api/v1/mailboxes': () => problem(400, 'création refusée', [
        { field: 'address', message: "domaine inconnu de l'établissement" },
        { field: 'ownerNationalId', message: 'RPPS invalide' },
        { field: 'somethingElse', message: 'autre' },
      ]),
    });
    await mailboxFormView(root, ctx, { name: 'mailbox-new', params: {} });
    input('mailbox-address', 'x@inconnu.fr');
    input('mailbox-display-name', 'X');
    input('mailbox-owner', '123');
    submit(document.getElementById('mailbox-form') as HTMLFormElement);
    await settle();
    expect(calls[0].body).toMatchObject({ address: 'x@inconnu.fr', type: 'PER', ownerNationalId: '123' });
    const address = document.getElementById('mailbox-address')!;
    expect(address.getAttribute('aria-invalid')).toBe('true');
    expect(address.getAttribute('aria-describedby')).toContain('mailbox-address-error');
    expect(document.getElementById('mailbox-address-error')!.textContent).toBe("domaine inconnu de l'établissement");
    expect(document.getElementById('mailbox-owner-error')!.textContent).toBe('RPPS invalide');
    expect(document.getElementById('mailbox-form-error')!.textContent).toContain('Création refusée');
    expect(document.getElementById('mailbox-form-error')!.textContent).toContain('somethingElse : autre');
    expect(document.activeElement).toBe(address);
    expect(navigations).toEqual([]);
  });

  it('opens the new mailbox after a create', async () => {
    const { ctx, navigations } = fakeCtx({ 'POST /api/v1/mailboxes': () => json({ address: 'n@chu.mssante.fr', status: 'ACTIVE' }, 201) });
    await mailboxFormView(root, ctx, { name: 'mailbox-new', params: {} });
    input('mailbox-address', 'n@chu.mssante.fr');
    submit(document.getElementById('mailbox-form') as HTMLFormElement);
    await settle();
    expect(navigations).toEqual(['#/boites/n%40chu.mssante.fr?ok=created']);
  });

  it('edits with If-Match and says "modifié entre-temps, rechargez" on 412', async () => {
    const { ctx, calls } = fakeCtx({
      'GET /api/v1/mailboxes/a%40b.fr': () => json({ address: 'a@b.fr', type: 'PER', status: 'ACTIVE', displayName: 'A', ownerNationalId: '1' }, 200, { ETag: 'W/"7"' }),
      'PATCH /api/v1/mailboxes/a%40b.fr': () => problem(412, 'la boîte a changé'),
    });
    await mailboxFormView(root, ctx, { name: 'mailbox-edit', params: { address: 'a@b.fr' } });
    expect((document.getElementById('mailbox-display-name') as HTMLInputElement).value).toBe('A');
    input('mailbox-display-name', 'B');
    submit(document.getElementById('mailbox-form') as HTMLFormElement);
    await settle();
    expect(calls[1].method).toBe('PATCH');
    expect(calls[1].headers['If-Match']).toBe('W/"7"');
    expect(calls[1].body).toMatchObject({ displayName: 'B' });
    expect(calls[1].body).not.toHaveProperty('address');
    expect(document.getElementById('mailbox-form-error')!.textContent).toMatch(/modifiée entre-temps.*rechargez/);
    expect(document.getElementById('mailbox-reload')).not.toBeNull();
  });

  it('lists with filters, paging and sort', async () => {
    const { ctx, calls, navigations } = fakeCtx({
      'GET /api/v1/mailboxes': () => json({ items: [{ address: 'a@b.fr', type: 'PER', status: 'SUSPENDED', displayName: 'A' }], page: 0, size: 25, total: 30 }),
    }, ['tenant-admin']);
    await mailboxesView(root, ctx, { name: 'mailboxes', params: { status: 'SUSPENDED' } });
    expect(calls[0].url).toBe('/api/v1/mailboxes?status=SUSPENDED&page=0&size=25&sort=address%2Casc');
    expect(root.querySelector('tbody tr')!.textContent).toContain('Suspendue');
    expect(document.getElementById('mailbox-filter-establishment')).toBeNull();
    (document.getElementById('mailboxes-pager-next') as HTMLButtonElement).click();
    expect(navigations[0]).toBe('#/boites?status=SUSPENDED&page=1');
    (document.getElementById('sort-address') as HTMLButtonElement).click();
    expect(navigations[1]).toBe('#/boites?status=SUSPENDED&page=0&sort=address%2Cdesc');
  });
});

describe('mailbox detail', () => {
  const mailbox = { address: 'a@b.fr', type: 'APP', status: 'ACTIVE', displayName: 'Logiciel' };
  function routes(status = 'ACTIVE') {
    let current = status;
    return {
      'GET /api/v1/mailboxes/a%40b.fr': () => json({ ...mailbox, status: current }),
      'GET /api/v1/mailboxes/a%40b.fr/delegations': () => json([{ nationalId: '810001234567', rights: ['READ', 'SEND_AS'] }]),
      'GET /api/v1/mailboxes/a%40b.fr/certificates': () => json([{ id: 'c1', subject: 'CN=app', sha256Fingerprint: 'AB:CD', notAfter: '2000-01-01T00:00:00Z', expiresWithin30Days: true }]),
      'GET /api/v1/mailboxes/a%40b.fr/app-passwords': () => json([{ id: 'p1', name: 'Thunderbird', createdAt: '2026-01-01T00:00:00Z' }]),
      'POST /api/v1/mailboxes/a%40b.fr/suspend': () => { current = 'SUSPENDED'; return json({ ...mailbox, status: current }); },
      'POST /api/v1/mailboxes/a%40b.fr/delegations': () => json({}, 201),
    };
  }

  it('offers the lifecycle actions of each status', () => {
    expect(lifecycleActions('ACTIVE').map(a => a.action)).toEqual(['suspend', 'close']);
    expect(lifecycleActions('SUSPENDED').map(a => a.action)).toEqual(['reactivate', 'close']);
    expect(lifecycleActions('CLOSED').map(a => a.action)).toEqual(['reactivate']);
  });

  it('warns about certificates expiring within 30 days', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(certificateWarning({ id: '1', subject: '', sha256Fingerprint: '', notAfter: '2026-01-11T00:00:00Z' }, now)).toBe('Expire dans 10 jour(s)');
    expect(certificateWarning({ id: '1', subject: '', sha256Fingerprint: '', notAfter: '2027-01-01T00:00:00Z' }, now)).toBe('');
    expect(certificateWarning({ id: '1', subject: '', sha256Fingerprint: '', notAfter: '2025-01-01T00:00:00Z' }, now)).toBe('Expiré');
  });

  it('suspends after confirmation, never without', async () => {
    const { ctx, calls } = fakeCtx(routes());
    await mailboxDetailView(root, ctx, { name: 'mailbox', params: { address: 'a@b.fr' } });
    expect(document.getElementById('mailbox-status')!.textContent).toBe('Active');
    expect(root.textContent).toContain('Expiré');
    expect(root.textContent).not.toContain('password');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    (document.getElementById('mailbox-suspend') as HTMLButtonElement).click();
    await settle();
    expect(calls.some(c => c.method === 'POST')).toBe(false);
    (document.getElementById('mailbox-suspend') as HTMLButtonElement).click();
    await settle();
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(calls.filter(c => c.method === 'POST').map(c => c.url)).toEqual(['/api/v1/mailboxes/a%40b.fr/suspend']);
    expect(calls.every(c => c.headers.Authorization === 'Bearer TOKEN')).toBe(true);
    expect(document.getElementById('mailbox-status')!.textContent).toBe('Suspendue');
    expect(document.getElementById('mailbox-reactivate')).not.toBeNull();
  });

  it('sends the reason typed in the confirmation dialog', async () => {
    document.body.insertAdjacentHTML('beforeend', `<dialog id="confirm-dialog"><form method="dialog"><h2 id="confirm-title"></h2>
      <p id="confirm-message"></p><div id="confirm-extra"></div>
      <button value="cancel" id="confirm-cancel">Annuler</button><button value="ok" id="confirm-ok">OK</button></form></dialog>`);
    const dialog = document.getElementById('confirm-dialog') as HTMLDialogElement;
    if (typeof dialog.showModal !== 'function') {
      // jsdom has no <dialog> behaviour: the smallest stand-in (the browser's is used in the console)
      Object.assign(dialog, {
        returnValue: '',
        showModal() { dialog.setAttribute('open', ''); },
        close(value?: string) { dialog.returnValue = value ?? ''; dialog.removeAttribute('open'); dialog.dispatchEvent(new Event('close')); },
      });
    }
    const isOpen = () => dialog.hasAttribute('open');
    const { ctx, calls } = fakeCtx(routes());
    await mailboxDetailView(root, ctx, { name: 'mailbox', params: { address: 'a@b.fr' } });
    (document.getElementById('mailbox-suspend') as HTMLButtonElement).click();
    expect(isOpen()).toBe(true);
    expect(document.getElementById('confirm-title')!.textContent).toBe('Suspendre la boîte');
    expect(document.activeElement!.id).toBe('confirm-cancel');
    input('confirm-reason', ' départ en retraite ');
    dialog.close('ok');
    await settle();
    expect(isOpen()).toBe(false);
    const post = calls.find(c => c.method === 'POST')!;
    expect(post.url).toBe('/api/v1/mailboxes/a%40b.fr/suspend');
    expect(post.body).toEqual({ reason: 'départ en retraite' });
  });

  it('grants a delegation with the rights ticked', async () => {
    const { ctx, calls } = fakeCtx(routes());
    await mailboxDetailView(root, ctx, { name: 'mailbox', params: { address: 'a@b.fr' } });
    input('delegation-national-id', '810009999999');
    (document.getElementById('delegation-right-READ_WRITE') as HTMLInputElement).checked = true;
    submit(document.getElementById('delegation-form') as HTMLFormElement);
    await settle();
    const post = calls.find(c => c.method === 'POST')!;
    expect(post.body).toEqual({ nationalId: '810009999999', rights: ['READ', 'READ_WRITE'] });
    expect(document.getElementById('mailbox-notice')!.textContent).toContain('810009999999');
  });

  it('shows a clear message on 404', async () => {
    const { ctx } = fakeCtx({});
    await mailboxDetailView(root, ctx, { name: 'mailbox', params: { address: 'x@y.fr' } });
    expect(document.getElementById('access-error')!.textContent).toContain('Introuvable');
  });
});

describe('establishment form', () => {
  it('refuses a bad FINESS before sending, and maps contact errors', async () => {
    const { ctx, calls } = fakeCtx({
      'POST /api/v1/establishments': () => problem(400, 'refus', [{ field: 'contacts[0].email', message: 'courriel invalide' }, { field: 'finess', message: 'clé FINESS invalide' }]),
    });
    await establishmentFormView(root, ctx, { name: 'establishment-new', params: {} });
    input('establishment-finess', '123');
    input('establishment-name', 'CHU');
    submit(document.getElementById('establishment-form') as HTMLFormElement);
    await settle();
    expect(calls).toHaveLength(0);
    expect(document.getElementById('establishment-finess-error')!.textContent).toMatch(/FINESS invalide/);
    input('establishment-finess', '750712184');
    input('contact-0-email', 'pas-un-courriel');
    submit(document.getElementById('establishment-form') as HTMLFormElement);
    await settle();
    expect(calls[0].body).toMatchObject({ finess: '750712184', name: 'CHU', contacts: [{ email: 'pas-un-courriel' }] });
    expect(document.getElementById('contact-0-email-error')!.textContent).toBe('courriel invalide');
    expect(document.getElementById('establishment-finess-error')!.textContent).toBe('clé FINESS invalide');
  });
});

describe('trace, audit, dashboard, self-service', () => {
  it('draws the timeline in time order with the steps not reached yet', () => {
    render(timeline({ queueId: 'Q1', events: [
      { at: '2026-01-01T10:00:02Z', type: 'QUEUED' }, { at: '2026-01-01T10:00:01Z', type: 'ACCEPTED', details: { from: '1.2.3.4' } },
    ] }), root);
    const steps = [...root.querySelectorAll('.timeline li')].map(li => `${li.getAttribute('data-type')}:${li.classList.contains('done') ? 'done' : 'pending'}`);
    expect(steps).toEqual(['ACCEPTED:done', 'QUEUED:done', 'DELIVERED:pending', 'READ:pending']);
    expect(root.textContent).toContain('from : 1.2.3.4');
  });

  it('searches by Message-ID', async () => {
    const { ctx, calls } = fakeCtx({ 'GET /api/v1/trace': () => json([{ queueId: 'Q1', messageId: '<m@x>', events: [] }]) });
    await traceView(root, ctx, { name: 'trace', params: { messageId: '<m@x>' } });
    expect(calls[0].url).toBe('/api/v1/trace?messageId=%3Cm%40x%3E');
    expect(document.getElementById('trace-count')!.textContent).toBe('1 message(s) trouvé(s).');
  });

  it('exports the audit CSV through fetch with the token', async () => {
    const { ctx, calls } = fakeCtx({
      'GET /api/v1/audit': () => json({ items: [{ id: 1, occurredAt: '2026-01-01T00:00:00Z', type: 'LOGIN', actor: 'admin' }], page: 0, size: 50, total: 1 }),
      'GET /api/v1/audit/export': () => new Response('id\n1\n', { headers: { 'Content-Type': 'text/csv' } }),
    });
    const created = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await auditView(root, ctx, { name: 'audit', params: { actor: 'admin' } });
    expect(root.querySelectorAll('#audit-table tbody tr')).toHaveLength(1);
    (document.getElementById('audit-export') as HTMLButtonElement).click();
    await settle();
    expect(calls[1].url).toBe('/api/v1/audit/export?actor=admin');
    expect(calls[1].headers.Authorization).toBe('Bearer TOKEN');
    expect(created).toHaveBeenCalled();
    expect(clicks).toHaveBeenCalled();
    expect(document.getElementById('download-link')!.getAttribute('download')).toBe('journal-audit.csv');
  });

  it('draws the dashboard', async () => {
    const { ctx } = fakeCtx({ 'GET /api/v1/dashboard': () => json({
      mailboxesByType: { PER: 10, ORG: 2, APP: 1 }, mailboxesByStatus: { ACTIVE: 11, SUSPENDED: 1, CLOSED: 1 },
      messagesPerDay: [{ day: '2026-01-01', received: 5, sent: 3 }, { day: '2026-01-02', received: 7, sent: 1 }],
      queue: { depth: 4, oldestAgeSeconds: 125 }, authFailures24h: 3 }) });
    await dashboardView(root, ctx, { name: 'dashboard', params: {} });
    expect(document.getElementById('kpi-queue-age')!.textContent).toContain('2 min 05 s');
    expect(root.querySelector('#chart-by-type svg')!.getAttribute('aria-label')).toContain('Personnelle : 10');
    expect(root.querySelectorAll('#chart-messages polyline')).toHaveLength(2);
  });

  it('creates an app password in Mon espace and shows it once', async () => {
    const { ctx, calls } = fakeCtx({
      'GET /api/v1/me': () => json({ nationalId: '810001234567', displayName: 'Dr A', roles: ['practitioner'], mailboxes: [{ address: 'a@b.fr', type: 'PER', access: 'OWNER' }, { address: 'c@b.fr', type: 'ORG', access: 'DELEGATE' }] }),
      'GET /api/v1/me/mailboxes/a%40b.fr/app-passwords': () => json([]),
      'GET /api/v1/me/mailboxes/c%40b.fr/app-passwords': () => json([{ id: 'q', name: 'Portable' }]),
      'POST /api/v1/me/mailboxes/a%40b.fr/app-passwords': () => json({ id: 'p', name: 'Thunderbird', password: 's3cret-once' }, 201),
    }, ['practitioner']);
    await meView(root, ctx, { name: 'me', params: {} });
    expect(document.getElementById('me-national-id')!.textContent).toBe('810001234567');
    expect(document.getElementById('me-roles')!.textContent).toBe('Professionnel de santé');
    expect(document.querySelector('#delegated-title')!.closest('section')!.querySelector('[data-address="c@b.fr"]')!.textContent).toContain('Organisationnelle, délégation');
    expect(document.querySelector('[data-address="c@b.fr"] .app-password')!.textContent).toContain('Portable');
    input('me-password-name-0', ' Thunderbird ');
    submit(root.querySelector('[data-testid="me-app-password-form"]') as HTMLFormElement);
    await settle();
    expect(calls.find(c => c.method === 'POST')!.body).toEqual({ name: 'Thunderbird' });
    expect(document.getElementById('new-password')!.textContent).toBe('s3cret-once');
    (document.getElementById('new-password-done') as HTMLButtonElement).click();
    expect(document.getElementById('new-password')).toBeNull();
  });
});

describe('charts', () => {
  it('rounds the axis maximum', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(130)).toBe(200);
    expect(niceMax(2400)).toBe(2500);
  });

  it('draws bars proportional to the values with a text alternative', () => {
    render(barChart('c', 'Par type', [{ label: 'A', value: 5 }, { label: 'B', value: 10 }]), root);
    const rects = root.querySelectorAll('rect');
    expect(Number(rects[1].getAttribute('width'))).toBe(2 * Number(rects[0].getAttribute('width')));
    expect(root.querySelector('svg')!.getAttribute('role')).toBe('img');
    render(lineChart('l', 'Jours', ['1', '2'], [{ name: 'Reçus', className: 's', values: [1, 2] }]), root);
    expect(root.querySelectorAll('table tbody tr')).toHaveLength(2);
  });
});
