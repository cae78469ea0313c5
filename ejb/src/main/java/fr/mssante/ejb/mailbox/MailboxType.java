package fr.mssante.ejb.mailbox;

/** The MSSanté BAL types. */
public enum MailboxType {
    /** Personal: owned by one health professional (RPPS/ADELI). */
    PER,
    /** Organisational: a service or team of a legal entity, used by several people. */
    ORG,
    /** Applicative: software sending and receiving automatically, authenticated by certificate. */
    APP
}
