package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.smtp.SmtpCommand.Verb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses one command line (RFC 5321 section 4.1) into an {@link SmtpCommand}. Verbs and parameter
 * keywords are case-insensitive (section 2.4). Only the syntax is checked here; the session checks the
 * order of commands and the limits.
 *
 * <p>Deliberate leniency, as in the widespread servers: spaces are tolerated after {@code FROM:} and
 * {@code TO:} and at the end of argument-less commands. Everything else that RFC 5321 does not allow
 * is refused, in particular addresses without angle brackets.
 */
final class SmtpCommandParser {

    private static final String MAIL_USAGE =
            "MAIL FROM:<address> [SIZE=octets] [BODY=7BIT|8BITMIME|BINARYMIME] [SMTPUTF8] [RET=FULL|HDRS] [ENVID=xtext]";
    private static final String BDAT_USAGE = "BDAT chunk-size [LAST]";
    private static final String RCPT_USAGE = "RCPT TO:<address> [NOTIFY=NEVER|SUCCESS,FAILURE,DELAY] [ORCPT=type;xtext]";
    private static final String AUTH_USAGE = "AUTH mechanism [initial-response]";
    /** RFC 4422 section 3.1: sasl-mech = 1*20(UPPER-ALPHA / DIGIT / "-" / "_"), matched without case. */
    private static final Pattern MECHANISM = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    /** RFC 5321 section 4.1.2: esmtp-keyword and esmtp-value. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x3c\\x3e-\\x7e]+");
    /** RFC 1870: size-value ::= 1*20DIGIT; beyond 18 digits it no longer fits a long and is surely too big. */
    private static final Pattern SIZE_VALUE = Pattern.compile("[0-9]{1,20}");
    /** RFC 3030 section 2: bdat-cmd ::= "BDAT" SP chunk-size [ SP end-marker ] CR LF; chunk-size ::= 1*DIGIT. */
    private static final Pattern BDAT_ARGUMENTS = Pattern.compile("([0-9]+)(?: (?i:(LAST)))?");

    private final String postmasterDomain;

    /** @param postmasterDomain the domain given to the bare {@code <postmaster>} recipient */
    SmtpCommandParser(String postmasterDomain) {
        this.postmasterDomain = postmasterDomain;
    }

    SmtpCommand parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        try {
            switch (verb) {
                case "EHLO":
                    return hello(true, argument);
                case "HELO":
                    return hello(false, argument);
                case "MAIL":
                    return mail(argument);
                case "RCPT":
                    return rcpt(argument);
                case "AUTH":
                    return auth(argument);
                case "BDAT":
                    return bdat(argument);
                case "DATA":
                    return withoutArgument(Verb.DATA, argument);
                case "RSET":
                    return withoutArgument(Verb.RSET, argument);
                case "QUIT":
                    return withoutArgument(Verb.QUIT, argument);
                case "STARTTLS":
                    // RFC 3207 section 4: no parameters; 501 otherwise.
                    return withoutArgument(Verb.STARTTLS, argument);
                case "NOOP":
                    // RFC 5321 section 4.1.1.9: a parameter string is allowed and ignored.
                    return new SmtpCommand.Simple(Verb.NOOP);
                case "HELP":
                    return new SmtpCommand.Simple(Verb.HELP);
                case "EXPN":
                    return new SmtpCommand.Simple(Verb.EXPN);
                case "VRFY":
                    if (argument.isBlank()) {
                        throw new SyntaxError(SmtpReplies.syntax("VRFY <user>"));
                    }
                    return new SmtpCommand.Simple(Verb.VRFY);
                default:
                    return new SmtpCommand.Invalid(SmtpReplies.UNRECOGNIZED);
            }
        } catch (SyntaxError e) {
            return new SmtpCommand.Invalid(e.reply);
        }
    }

    private static SmtpCommand hello(boolean extended, String argument) throws SyntaxError {
        String name = argument.trim();
        if (name.isEmpty()) {
            throw new SyntaxError(SmtpReplies.heloSyntax(extended ? "EHLO" : "HELO"));
        }
        int space = name.indexOf(' ');
        return new SmtpCommand.Hello(extended, space < 0 ? name : name.substring(0, space));
    }

    private static SmtpCommand withoutArgument(Verb verb, String argument) throws SyntaxError {
        if (!argument.isBlank()) {
            throw new SyntaxError(SmtpReplies.syntax(verb.name()));
        }
        return new SmtpCommand.Simple(verb);
    }

    /**
     * The size must be read even when the session refuses the chunk (its octets follow anyway); a chunk size
     * that is not a number leaves nothing to go by, so those octets will be read as commands, as in every server.
     */
    private static SmtpCommand bdat(String argument) throws SyntaxError {
        var matcher = BDAT_ARGUMENTS.matcher(argument.stripTrailing());
        if (!matcher.matches()) {
            throw new SyntaxError(SmtpReplies.syntax(BDAT_USAGE));
        }
        String size = matcher.group(1);
        long octets = size.length() > 18 ? Long.MAX_VALUE : Long.parseLong(size);
        return new SmtpCommand.Bdat(octets, matcher.group(2) != null);
    }

    private static SmtpCommand mail(String argument) throws SyntaxError {
        BracketedPath path = BracketedPath.after("FROM:", argument, MAIL_USAGE);
        Optional<MailAddress> reversePath;
        try {
            reversePath = path.address().isEmpty() ? Optional.empty() : Optional.of(parseAddress(path.address()));
        } catch (IllegalArgumentException e) {
            throw new SyntaxError(SmtpReplies.badSender(e.getMessage()));
        }
        boolean smtpUtf8 = false;
        long declaredSize = -1;
        String bodyType = "7BIT";
        Optional<DsnParameters.Ret> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        for (Map.Entry<String, String> parameter : parameters(path.rest(), MAIL_USAGE).entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE":
                    if (value == null || !SIZE_VALUE.matcher(value).matches()) {
                        throw new SyntaxError(SmtpReplies.syntax("SIZE=octets"));
                    }
                    declaredSize = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
                    break;
                case "AUTH":
                    // RFC 4954 section 5: accepted; we never relay with it, so its value is not used.
                    if (value == null) {
                        throw new SyntaxError(SmtpReplies.syntax("AUTH=<mailbox>"));
                    }
                    break;
                case "BODY":
                    bodyType = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if (!bodyType.equals("7BIT") && !bodyType.equals("8BITMIME") && !bodyType.equals("BINARYMIME")) {
                        throw new SyntaxError(SmtpReplies.syntax("BODY=7BIT|8BITMIME|BINARYMIME"));
                    }
                    break;
                case "SMTPUTF8":
                    // RFC 6531 section 3.4: a parameter without value.
                    if (value != null) {
                        throw new SyntaxError(SmtpReplies.syntax("SMTPUTF8 (without value)"));
                    }
                    smtpUtf8 = true;
                    break;
                case "RET":
                    ret = Optional.of(dsnValue("RET", value, DsnSyntax::ret));
                    break;
                case "ENVID":
                    envid = Optional.of(dsnValue("ENVID", value, DsnSyntax::envid));
                    break;
                default:
                    throw new SyntaxError(SmtpReplies.unsupportedParameter(parameter.getKey()));
            }
        }
        if (!smtpUtf8 && !MailAddress.isAscii(path.address())) {
            throw new SyntaxError(SmtpReplies.NEEDS_SMTPUTF8);
        }
        return new SmtpCommand.Mail(reversePath, declaredSize, bodyType, ret, envid, smtpUtf8);
    }

    /** Whether the service accepts AUTH is the session's business; here only the syntax. */
    private static SmtpCommand auth(String argument) throws SyntaxError {
        String[] words = argument.split(" ", -1);
        if (words.length > 2 || !MECHANISM.matcher(words[0]).matches() || (words.length == 2 && words[1].isEmpty())) {
            throw new SyntaxError(SmtpReplies.syntax(AUTH_USAGE));
        }
        return new SmtpCommand.Auth(words[0], words.length == 2 ? words[1] : null);
    }

    private SmtpCommand rcpt(String argument) throws SyntaxError {
        BracketedPath path = BracketedPath.after("TO:", argument, RCPT_USAGE);
        MailAddress recipient;
        if (path.address().equalsIgnoreCase("postmaster")) {
            // RFC 5321 section 4.5.1: <Postmaster> without a domain must be accepted.
            recipient = new MailAddress("postmaster", postmasterDomain);
        } else {
            try {
                recipient = parseAddress(path.address());
            } catch (IllegalArgumentException e) {
                throw new SyntaxError(SmtpReplies.badRecipient(e.getMessage()));
            }
        }
        Set<DsnParameters.Notify> notify = Set.of();
        Optional<String> orcpt = Optional.empty();
        for (Map.Entry<String, String> parameter : parameters(path.rest(), RCPT_USAGE).entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "NOTIFY":
                    notify = dsnValue("NOTIFY", value, DsnSyntax::notify);
                    break;
                case "ORCPT":
                    orcpt = Optional.of(dsnValue("ORCPT", value, DsnSyntax::orcpt));
                    break;
                default:
                    throw new SyntaxError(SmtpReplies.unsupportedParameter(parameter.getKey()));
            }
        }
        RecipientDsn dsn = notify.isEmpty() && orcpt.isEmpty() ? RecipientDsn.NONE : new RecipientDsn(notify, orcpt);
        return new SmtpCommand.Rcpt(recipient, dsn, !MailAddress.isAscii(path.address()));
    }

    /** One RFC 3461 parameter value, a syntax error naming the parameter and the fault when it is bad. */
    private static <T> T dsnValue(String keyword, String value, Function<String, T> syntax)
            throws SyntaxError {
        try {
            return syntax.apply(value);
        } catch (IllegalArgumentException e) {
            throw new SyntaxError(SmtpReplies.badDsnParameter(keyword, e.getMessage()));
        }
    }

    /**
     * RFC 5321 section 4.1.2 and appendix C: a source route ({@code @relay1,@relay2:user@domain}) must be
     * accepted and should be ignored.
     */
    private static MailAddress parseAddress(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        String mailbox = path;
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("source route without mailbox");
            }
            mailbox = path.substring(colon + 1);
        }
        return MailAddress.parse(mailbox);
    }

    /** {@code keyword[=value]} separated by spaces; keywords upper-cased; a repeated keyword is an error. */
    private static Map<String, String> parameters(String text, String usage) throws SyntaxError {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String token : text.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            String keyword = (equals < 0 ? token : token.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? null : token.substring(equals + 1);
            if (!KEYWORD.matcher(keyword).matches() || (value != null && !VALUE.matcher(value).matches())
                    || parameters.containsKey(keyword)) {
                throw new SyntaxError(SmtpReplies.syntax(usage));
            }
            parameters.put(keyword, value);
        }
        return parameters;
    }

    /** The {@code <...>} part of MAIL and RCPT and what follows it. */
    private record BracketedPath(String address, String rest) {

        static BracketedPath after(String prefix, String argument, String usage) throws SyntaxError {
            if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
                throw new SyntaxError(SmtpReplies.syntax(usage));
            }
            String text = argument.substring(prefix.length()).stripLeading();
            if (!text.startsWith("<")) {
                throw new SyntaxError(SmtpReplies.syntax(usage));
            }
            boolean quoted = false;
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '>' && !quoted) {
                    String rest = text.substring(i + 1);
                    if (!rest.isEmpty() && !rest.startsWith(" ")) {
                        throw new SyntaxError(SmtpReplies.syntax(usage));
                    }
                    return new BracketedPath(text.substring(1, i), rest);
                }
            }
            throw new SyntaxError(SmtpReplies.syntax(usage));
        }
    }

    /** Carries the reply out of the nested helpers; no stack trace, it is not a bug. */
    private static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SmtpReply reply;

        SyntaxError(SmtpReply reply) {
            super(reply.text(), null, false, false);
            this.reply = reply;
        }
    }
}
