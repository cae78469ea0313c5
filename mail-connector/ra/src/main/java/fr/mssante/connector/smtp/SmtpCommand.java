package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.Optional;

/** A command line as understood by {@link SmtpCommandParser}; syntax is checked, sequence is not. */
sealed interface SmtpCommand {

    /** Commands without anything to remember from their arguments. */
    enum Verb { DATA, RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS }

    /** HELO ({@code extended == false}) or EHLO. */
    record Hello(boolean extended, String clientName) implements SmtpCommand {
    }

    /**
     * MAIL FROM.
     *
     * @param reversePath  empty for the null reverse-path {@code <>}
     * @param declaredSize SIZE parameter (RFC 1870), -1 when absent
     * @param bodyType     {@code 7BIT} (the default, RFC 6152) or {@code 8BITMIME}
     * @param ret          RET (RFC 3461 section 4.3), if given
     * @param envid        ENVID decoded from xtext (RFC 3461 section 4.4), if given
     */
    record Mail(Optional<MailAddress> reversePath, long declaredSize, String bodyType,
                Optional<DsnParameters.Ret> ret, Optional<String> envid) implements SmtpCommand {

        /** Without DSN parameters. */
        Mail(Optional<MailAddress> reversePath, long declaredSize, String bodyType) {
            this(reversePath, declaredSize, bodyType, Optional.empty(), Optional.empty());
        }
    }

    /** RCPT TO with its NOTIFY and ORCPT (RFC 3461 sections 4.1, 4.2), {@link RecipientDsn#NONE} without. */
    record Rcpt(MailAddress recipient, RecipientDsn dsn) implements SmtpCommand {

        Rcpt(MailAddress recipient) {
            this(recipient, RecipientDsn.NONE);
        }
    }

    /**
     * AUTH (RFC 4954 section 4).
     *
     * @param initialResponse the base64 initial response, {@code =} for an empty one, null when absent
     */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {
        @Override
        public String toString() {
            return "Auth[" + mechanism + "]";
        }
    }

    record Simple(Verb verb) implements SmtpCommand {
    }

    /** A line that cannot be executed, with the reply that says why. */
    record Invalid(SmtpReply reply) implements SmtpCommand {
    }
}
