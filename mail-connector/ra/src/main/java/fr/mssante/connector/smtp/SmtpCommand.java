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
     * @param bodyType     {@code 7BIT} (the default, RFC 6152), {@code 8BITMIME} or {@code BINARYMIME} (RFC 3030
     *                     section 3: the content must come by BDAT)
     * @param ret          RET (RFC 3461 section 4.3), if given
     * @param envid        ENVID decoded from xtext (RFC 3461 section 4.4), if given
     * @param smtpUtf8     the SMTPUTF8 parameter (RFC 6531 section 3.4) was given
     */
    record Mail(Optional<MailAddress> reversePath, long declaredSize, String bodyType,
                Optional<DsnParameters.Ret> ret, Optional<String> envid, boolean smtpUtf8) implements SmtpCommand {

        /** Without SMTPUTF8. */
        Mail(Optional<MailAddress> reversePath, long declaredSize, String bodyType,
             Optional<DsnParameters.Ret> ret, Optional<String> envid) {
            this(reversePath, declaredSize, bodyType, ret, envid, false);
        }

        /** Without DSN parameters nor SMTPUTF8. */
        Mail(Optional<MailAddress> reversePath, long declaredSize, String bodyType) {
            this(reversePath, declaredSize, bodyType, Optional.empty(), Optional.empty(), false);
        }

        /** RFC 3030 section 3: a BINARYMIME body can only be sent by BDAT. */
        boolean binary() {
            return "BINARYMIME".equals(bodyType);
        }
    }

    /**
     * BDAT (RFC 3030 section 2): {@code size} octets of message content follow the command line at once.
     *
     * @param size the chunk size, {@link Long#MAX_VALUE} for a number too long to be anything but too big
     * @param last whether the LAST marker ends the message with this chunk
     */
    record Bdat(long size, boolean last) implements SmtpCommand {
    }

    /**
     * RCPT TO with its NOTIFY and ORCPT (RFC 3461 sections 4.1, 4.2), {@link RecipientDsn#NONE} without.
     *
     * @param utf8 whether the address was written with non-ASCII characters (a UTF-8 local part or U-labels),
     *             which only a transaction opened with SMTPUTF8 may carry (RFC 6531 section 3.5); the
     *             {@code recipient} itself is canonical and may no longer show it (U-labels become A-labels)
     */
    record Rcpt(MailAddress recipient, RecipientDsn dsn, boolean utf8) implements SmtpCommand {

        Rcpt(MailAddress recipient, RecipientDsn dsn) {
            this(recipient, dsn, false);
        }

        Rcpt(MailAddress recipient) {
            this(recipient, RecipientDsn.NONE, false);
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
