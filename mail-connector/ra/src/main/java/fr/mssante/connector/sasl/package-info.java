/**
 * SASL (RFC 4422) for the SMTP submission service (AUTH, RFC 4954) and IMAP (AUTHENTICATE, RFC 3501 and
 * RFC 4959). Mechanisms only decode what the client sends into
 * {@link fr.mssante.connector.api.auth.Credentials}; the application's
 * {@link fr.mssante.connector.api.auth.MailAuthenticator} decides. {@link fr.mssante.connector.sasl.SaslDialogue}
 * runs one exchange whatever the protocol, which only says how each of its actions is written (ADR 0009).
 */
package fr.mssante.connector.sasl;
