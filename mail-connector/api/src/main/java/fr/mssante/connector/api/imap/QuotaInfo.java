package fr.mssante.connector.api.imap;

/** Quota root of a mailbox (RFC 9208): STORAGE usage and limit in octets. */
public record QuotaInfo(String root, long usedOctets, long limitOctets) {
}
