package fr.mssante.connector.api.imap;

/** STATUS items of a folder (RFC 3501 6.3.10, RFC 7162 HIGHESTMODSEQ, RFC 9208 SIZE via quota). */
public record FolderStatus(String name, long messages, long recent, long uidNext, long uidValidity,
                           long unseen, long highestModseq, long size) {
}
