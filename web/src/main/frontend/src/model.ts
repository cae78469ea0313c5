// Shapes of docs/api/admin-api-v1.md.
export type MailboxType = 'PER' | 'ORG' | 'APP';
export type MailboxStatus = 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
export type Right = 'READ' | 'READ_WRITE' | 'SEND_AS';

export interface Contact { name: string; role: string; email: string; phone: string }
export interface Establishment {
  finess: string; name: string; contacts: Contact[]; domainCount?: number; mailboxCount?: number; createdAt?: string;
}
export interface DnsRecord { type: string; name: string; value: string }
export interface Domain { name: string; createdAt?: string; mailboxCount?: number; expectedDns: DnsRecord[] }
export interface Mailbox {
  id?: string; address: string; type: MailboxType; status: MailboxStatus; displayName: string;
  ownerNationalId?: string | null; owners?: string[]; quotaBytes?: number | null; usedBytes?: number | null;
  publishedInDirectory?: boolean; redList?: boolean; domain?: string; establishment?: string;
  createdAt?: string; statusChangedAt?: string | null; purgeAfter?: string | null;
}
export interface Delegation { nationalId: string; rights: Right[]; grantedAt?: string; grantedBy?: string }
export interface Certificate {
  id: string; subject: string; issuer?: string; sha256Fingerprint: string; notBefore?: string; notAfter?: string;
  expiresWithin30Days?: boolean; match?: string; registeredAt?: string;
}
export interface AppPassword { id: string; name: string; createdAt?: string; lastUsedAt?: string | null; nationalId?: string }
export interface ImportLine { line: number; address: string; action: 'CREATE' | 'UNCHANGED' | 'ERROR'; errors?: { field: string; message: string }[] }
export interface ImportReport { dryRun: boolean; lines: ImportLine[]; created: number; unchanged: number; failed: number }
export interface AuditEvent { id: string | number; occurredAt: string; type: string; actor: string; mailbox?: string | null; details?: unknown }
export interface TraceEvent { at: string; type: string; details?: unknown; [k: string]: unknown }
export interface TracedMessage {
  queueId: string; messageId?: string; sender?: string; recipients?: string[]; receivedAt?: string; events: TraceEvent[];
}
export interface Dashboard {
  mailboxesByType: Partial<Record<MailboxType, number>>;
  mailboxesByStatus: Partial<Record<MailboxStatus, number>>;
  messagesPerDay: { day: string; received: number; sent: number }[];
  queue: { depth: number; oldestAgeSeconds: number | null };
  authFailures24h: number;
}
export interface MailboxGrant { address: string; type?: string; displayName?: string; access?: string }
export interface Me { subject?: string; nationalId?: string; displayName?: string; roles?: string[]; mailboxes?: MailboxGrant[] }
export interface ClientConfig { keycloakUrl: string; realm: string; clientId: string }
