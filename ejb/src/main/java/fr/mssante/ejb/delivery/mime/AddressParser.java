package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.mail.EnvelopeAddresses;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5322 section 3.4 address lists, parsed into the flat form of the IMAP ENVELOPE
 * (RFC 3501 section 7.4.2): one {@link Address} per mailbox, and for a group a start marker
 * {@code (NIL NIL "group" NIL)} and an end marker {@code (NIL NIL NIL NIL)}.
 *
 * <p>Strings stay as written (octet strings, encoded words not decoded) because the ENVELOPE
 * must carry the original header text. Broken input degrades like Dovecot's message-address.c,
 * so clients see the same thing they would see on a Dovecot server: a missing local part or
 * domain becomes {@code MISSING_MAILBOX} / {@code MISSING_DOMAIN}, an unparsable angle address
 * {@code SYNTAX_ERROR}, a bad source route {@code INVALID_ROUTE}; parsing stops at the first
 * garbage that is not followed by a comma. An addr-spec followed by a comment uses the comment
 * as display name ({@code user@domain (Real Name)}).
 */
final class AddressParser {

    static final String MISSING_MAILBOX = EnvelopeAddresses.MISSING_MAILBOX;
    static final String MISSING_DOMAIN = EnvelopeAddresses.MISSING_DOMAIN;
    static final String SYNTAX_ERROR = EnvelopeAddresses.SYNTAX_ERROR;
    static final String INVALID_ROUTE = EnvelopeAddresses.INVALID_ROUTE;

    /** Address lists longer than this are cut (a hostile To: with 100 000 recipients). */
    static final int MAX_ADDRESSES = 10_000;

    /** One envelope address; every component is an octet string or null. */
    record Address(String name, String route, String mailbox, String host) {

        boolean isGroupStart() {
            return name == null && route == null && mailbox != null && host == null;
        }

        boolean isGroupEnd() {
            return name == null && route == null && mailbox == null && host == null;
        }
    }

    private final Rfc822Lexer lex;
    private final List<Address> out = new ArrayList<>();
    private String name;
    private String route;
    private String mailbox;
    private String host;

    private AddressParser(String octets) {
        this.lex = new Rfc822Lexer(octets);
    }

    /**
     * @param octets the unfolded header value; null is treated as empty
     * @return the addresses; empty when the value holds none
     */
    static List<Address> parse(String octets) {
        if (octets == null) {
            return List.of();
        }
        AddressParser p = new AddressParser(octets);
        if (p.lex.skipCfws() <= 0) {
            return List.of();
        }
        p.addressList();
        return List.copyOf(p.out);
    }

    private void addressList() {
        while (out.size() < MAX_ADDRESSES) {
            if (address() == 0) {
                break;
            }
            if (lex.peek() != ',') {
                break;
            }
            lex.skip();
            int ret = lex.skipCfws();
            if (ret <= 0) {
                if (ret < 0) {
                    addFixed();
                }
                break;
            }
        }
    }

    private int address() {
        int start = lex.position();
        int ret = group();
        if (ret < 0) {
            lex.reset(start);
            clear();
            ret = mailbox();
        }
        return ret;
    }

    /** group = display-name ":" [group-list] ";" [CFWS]. */
    private int group() {
        StringBuilder phrase = new StringBuilder();
        if (lex.phrase(phrase) <= 0 || lex.peek() != ':') {
            return -1;
        }
        // From here on it is a group, even if broken.
        lex.skip();
        int ret = lex.skipCfws();
        mailbox = phrase.toString();
        add();
        if (ret > 0 && lex.peek() != ';') {
            while (true) {
                if (mailbox() <= 0) {
                    ret = -1;
                    break;
                }
                if (lex.peek() != ',') {
                    break;
                }
                lex.skip();
                if (lex.skipCfws() <= 0) {
                    ret = -1;
                    break;
                }
            }
        }
        if (ret >= 0) {
            if (lex.peek() != ';') {
                ret = -1;
            } else {
                lex.skip();
                ret = lex.skipCfws();
            }
        }
        add(); // end of group marker
        return ret == 0 ? 0 : 1;
    }

    /** mailbox = name-addr / addr-spec. */
    private int mailbox() {
        int start = lex.position();
        int ret = nameAddr();
        if (ret < 0) {
            lex.reset(start);
            clear();
            ret = addrSpec();
        }
        addFixed();
        return ret;
    }

    /** name-addr = [display-name] angle-addr. */
    private int nameAddr() {
        if (lex.peek() != '<') {
            StringBuilder phrase = new StringBuilder();
            if (lex.phrase(phrase) <= 0 || lex.peek() != '<') {
                return -1;
            }
            name = phrase.length() == 0 ? null : phrase.toString();
        }
        if (angleAddr() < 0) {
            host = SYNTAX_ERROR;
        }
        return lex.atEnd() ? 0 : 1;
    }

    /** angle-addr = "<" [obs-route] addr-spec ">". */
    private int angleAddr() {
        lex.skip(); // '<'
        int ret = lex.skipCfws();
        if (ret <= 0) {
            return ret;
        }
        if (lex.peek() == '@') {
            if (domainList() <= 0 || lex.peek() != ':') {
                route = INVALID_ROUTE;
                return -1;
            }
            lex.skip();
            ret = lex.skipCfws();
            if (ret <= 0) {
                return ret;
            }
        }
        ret = localPart();
        if (ret <= 0) {
            return ret;
        }
        if (lex.peek() == '@') {
            ret = domain();
            if (ret <= 0) {
                return ret;
            }
        }
        if (lex.peek() != '>') {
            return -1;
        }
        lex.skip();
        return lex.skipCfws();
    }

    /** obs-domain-list = "@" domain *(*(CFWS / ",") [CFWS] "@" domain). */
    private int domainList() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (lex.atEnd()) {
                return 0;
            }
            if (lex.peek() != '@') {
                break;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append('@');
            lex.skip();
            if (lex.skipCfws() <= 0) {
                return 0;
            }
            int ret = lex.domain(sb);
            if (ret <= 0) {
                return ret;
            }
            while (lex.peek() == ',') {
                lex.skip();
                if (lex.skipCfws() <= 0) {
                    return 0;
                }
            }
        }
        route = sb.toString();
        return 1;
    }

    /** addr-spec = local-part "@" domain; a trailing comment becomes the display name. */
    private int addrSpec() {
        lex.clearLastComment();
        int ret = localPart();
        if (ret != 0 && lex.peek() == '@') {
            int ret2 = domain();
            if (ret2 <= 0) {
                ret = ret2;
            }
        }
        String comment = lex.lastComment();
        if (!comment.isEmpty()) {
            name = comment;
        }
        return ret;
    }

    private int localPart() {
        StringBuilder sb = new StringBuilder();
        int ret = lex.peek() == '"' ? lex.quotedString(sb) : lex.dotAtom(sb);
        if (ret < 0) {
            return -1;
        }
        mailbox = sb.toString();
        return ret;
    }

    private int domain() {
        lex.skip(); // '@'
        int ret = lex.skipCfws();
        if (ret <= 0) {
            return ret < 0 ? -1 : 0;
        }
        StringBuilder sb = new StringBuilder();
        ret = lex.domain(sb);
        if (ret < 0) {
            return -1;
        }
        host = sb.toString();
        return ret;
    }

    private void addFixed() {
        if (mailbox == null) {
            mailbox = MISSING_MAILBOX;
        }
        if (host == null) {
            host = MISSING_DOMAIN;
        }
        add();
    }

    private void add() {
        out.add(new Address(name, route, mailbox, host));
        clear();
    }

    private void clear() {
        name = null;
        route = null;
        mailbox = null;
        host = null;
    }
}
