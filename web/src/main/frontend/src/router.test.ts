import { describe, expect, it } from 'vitest';
import { canOpen, homeFor, href, navFor, parseHash, withQuery } from './router';

describe('routing', () => {
  it('parses deep links with parameters and query', () => {
    expect(parseHash('#/boites/jean.dupont%40chu.mssante.fr')).toEqual({ name: 'mailbox', params: { address: 'jean.dupont@chu.mssante.fr' } });
    expect(parseHash('#/boites/a%40b.fr/modifier').name).toBe('mailbox-edit');
    expect(parseHash('#/boites/nouvelle').name).toBe('mailbox-new');
    expect(parseHash('#/boites?type=PER&page=2')).toEqual({ name: 'mailboxes', params: { type: 'PER', page: '2' } });
    expect(parseHash('#/etablissements/750712184')).toEqual({ name: 'establishment', params: { finess: '750712184' } });
    expect(parseHash('#/etablissements/nouveau').name).toBe('establishment-new');
    expect(parseHash('')).toEqual({ name: 'home', params: {} });
    expect(parseHash('#/')).toEqual({ name: 'home', params: {} });
    expect(parseHash('#/nimporte-quoi').name).toBe('not-found');
  });

  it('builds links that parse back', () => {
    const link = href('mailbox', { address: 'a+b@c.fr' });
    expect(parseHash(link).params.address).toBe('a+b@c.fr');
    expect(href('audit')).toBe('#/audit');
    expect(withQuery('#/audit', { actor: 'x', page: 0, type: '' })).toBe('#/audit?actor=x&page=0');
  });

  it('shows the navigation of each role', () => {
    expect(navFor(['operator-admin']).map(n => n.name)).toEqual(['dashboard', 'establishments', 'mailboxes', 'import', 'audit', 'trace', 'me']);
    expect(navFor(['tenant-admin']).map(n => n.name)).toEqual(['dashboard', 'establishments', 'mailboxes', 'import', 'audit', 'trace', 'me']);
    expect(navFor(['practitioner']).map(n => n.name)).toEqual(['me']);
    expect(navFor(['offline_access'])).toEqual([]);
  });

  it('lands administrators on the dashboard and practitioners on their space', () => {
    expect(homeFor(['tenant-admin', 'practitioner'])).toBe('#/tableau-de-bord');
    expect(homeFor(['practitioner'])).toBe('#/mon-espace');
  });

  it('refuses screens a role may not open', () => {
    expect(canOpen(parseHash('#/boites'), ['practitioner'])).toBe(false);
    expect(canOpen(parseHash('#/mon-espace'), ['practitioner'])).toBe(true);
    expect(canOpen(parseHash('#/etablissements/nouveau'), ['tenant-admin'])).toBe(false);
    expect(canOpen(parseHash('#/etablissements/nouveau'), ['operator-admin'])).toBe(true);
    expect(canOpen(parseHash('#/etablissements/750712184/modifier'), ['tenant-admin'])).toBe(false);
    expect(canOpen(parseHash('#/etablissements/750712184'), ['tenant-admin'])).toBe(true);
    expect(canOpen(parseHash('#/audit'), ['tenant-admin'])).toBe(true);
  });
});
