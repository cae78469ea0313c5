import { describe, expect, it } from 'vitest';
import { daysUntil, formatBytes, formatDate, formatDateTime, formatDay, formatDetails, formatDuration, formatNumber, isValidFiness, label, STATUS_LABELS } from './format';

describe('format', () => {
  it('writes sizes in French binary units', () => {
    expect(formatBytes(0)).toBe('0 o');
    expect(formatBytes(512)).toBe('512 o');
    expect(formatBytes(1536)).toBe('1,5 Ko');
    expect(formatBytes(1073741824)).toBe('1 Go');
    expect(formatBytes(null)).toBe('—');
  });

  it('writes durations', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3600 * 2 + 300)).toBe('2 h 05 min');
    expect(formatDuration(86400 * 3 + 3600 * 4)).toBe('3 j 4 h');
    expect(formatDuration(null)).toBe('—');
  });

  it('writes dates in the Paris time zone, French style', () => {
    expect(formatDateTime('2026-03-12T13:05:00Z')).toBe('12/03/2026 14:05:00');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined, 'jamais')).toBe('jamais');
    expect(formatDate('2026-03-12')).toBe('12 mars 2026');
    expect(formatDay('2026-08-01')).toBe('1 août');
  });

  it('writes numbers with French grouping', () => {
    expect(formatNumber(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
  });

  it('labels statuses and keeps unknown codes', () => {
    expect(label(STATUS_LABELS, 'SUSPENDED')).toBe('Suspendue');
    expect(label(STATUS_LABELS, 'ARCHIVED')).toBe('ARCHIVED');
    expect(label(STATUS_LABELS, null)).toBe('—');
  });

  it('writes event details on one line', () => {
    expect(formatDetails({ reason: 'départ', by: 'admin' })).toBe('reason : départ ; by : admin');
    expect(formatDetails('texte')).toBe('texte');
    expect(formatDetails(null)).toBe('');
  });

  it('counts days until an expiry', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(daysUntil('2026-01-11T00:00:00Z', now)).toBe(10);
    expect(daysUntil('2025-12-31T00:00:00Z', now)).toBe(-1);
    expect(daysUntil(null, now)).toBeNull();
  });

  it('checks FINESS numbers (9 digits, Luhn key)', () => {
    expect(isValidFiness('750712184')).toBe(true);
    expect(isValidFiness('750712185')).toBe(false);
    expect(isValidFiness('75071218')).toBe(false);
    expect(isValidFiness('75071218a')).toBe(false);
  });
});
