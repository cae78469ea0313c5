package fr.mssante.connector.api.imap;

/** For the UIDPLUS response code {@code [APPENDUID uidvalidity uid]} (RFC 4315). */
public record AppendResult(long uidValidity, long uid) {
}
