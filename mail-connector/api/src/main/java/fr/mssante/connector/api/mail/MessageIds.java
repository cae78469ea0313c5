package fr.mssante.connector.api.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The msg-ids of a Message-ID, In-Reply-To or References field (RFC 5322 section 3.6.4): the one reader
 * of them, used by delivery for the listings and the THREAD=REFERENCES keys it stores. Read leniently as RFC 5256 section 3 asks: every {@code <...>} counts, the text
 * around them (comments, phrases of old In-Reply-To fields) is ignored, folding whitespace inside is
 * removed.
 */
public final class MessageIds {

    private static final Pattern MSG_ID = Pattern.compile("<([^<>]+)>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private MessageIds() {
    }

    /** The ids in field order, each as {@code <left@right>}; empty for null. */
    public static List<String> of(String field) {
        List<String> ids = new ArrayList<>();
        if (field != null) {
            Matcher matcher = MSG_ID.matcher(field);
            while (matcher.find()) {
                String id = WHITESPACE.matcher(matcher.group(1)).replaceAll("");
                if (!id.isEmpty()) {
                    ids.add("<" + id + ">");
                }
            }
        }
        return ids;
    }
}
