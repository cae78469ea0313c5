// Formatting for French readers.
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' });
const number = new Intl.NumberFormat('fr-FR');

export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) {
    return empty;
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined, empty = '—'): string {
  if (!iso) {
    return empty;
  }
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** "12 mars" style short day label for charts (YYYY-MM-DD in). */
export function formatDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  const months = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
  return m && d ? `${d} ${months[m - 1]}` : day;
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : number.format(n);
}

/** Octets → "1,5 Mo" (binary multiples, French units). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return '—';
  }
  const units = ['o', 'Ko', 'Mo', 'Go', 'To'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  const digits = i === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(value)} ${units[i]}`;
}

/** Seconds → "2 h 05 min", "45 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r ? `${m} min ${String(r).padStart(2, '0')} s` : `${m} min`;
  }
  if (s < 86400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${h} h ${String(m).padStart(2, '0')} min`;
  }
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  return `${d} j ${h} h`;
}

export const TYPE_LABELS: Record<string, string> = { PER: 'Personnelle', ORG: 'Organisationnelle', APP: 'Applicative' };
export const STATUS_LABELS: Record<string, string> = { ACTIVE: 'Active', SUSPENDED: 'Suspendue', CLOSED: 'Clôturée' };
export const RIGHT_LABELS: Record<string, string> = { READ: 'Lecture', READ_WRITE: 'Lecture et écriture', SEND_AS: 'Envoi au nom de' };
export const ACTION_LABELS: Record<string, string> = { CREATE: 'Création', UNCHANGED: 'Inchangée', ERROR: 'Erreur' };
export const TRACE_LABELS: Record<string, string> = { ACCEPTED: 'Accepté', QUEUED: 'En file', DELIVERED: 'Distribué', READ: 'Lu', DEFERRED: 'Différé', BOUNCED: 'Rejeté' };

export function label(map: Record<string, string>, key: string | null | undefined): string {
  return key ? map[key] || key : '—';
}

/** Details of an audit or trace event as one readable line. */
export function formatDetails(details: unknown): string {
  if (details === null || details === undefined || details === '') {
    return '';
  }
  if (typeof details === 'string') {
    return details;
  }
  if (typeof details === 'object') {
    return Object.entries(details as Record<string, unknown>)
      .map(([k, v]) => `${k} : ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
      .join(' ; ');
  }
  return String(details);
}

/** Days until an instant (negative when past). */
export function daysUntil(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) {
    return null;
  }
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? null : Math.floor((t - now.getTime()) / 86400000);
}

/** FINESS check done by the browser before sending (the server decides): 9 digits, Luhn key. */
export function isValidFiness(finess: string): boolean {
  if (!/^\d{9}$/.test(finess)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(finess[8 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const ROLE_LABELS: Record<string, string> = {
  'operator-admin': 'Administrateur opérateur', 'tenant-admin': "Administrateur d'établissement", practitioner: 'Professionnel de santé',
};
export const ACCESS_LABELS: Record<string, string> = { OWNER: 'titulaire', DELEGATE: 'délégation' };
