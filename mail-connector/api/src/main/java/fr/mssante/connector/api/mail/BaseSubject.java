package fr.mssante.connector.api.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base subject of RFC 5256 section 2.1, by which SORT (SUBJECT) and THREAD order and group messages:
 * the subject without its "Re:", "Fw:", "Fwd:", "[blob]" prefixes, "(fwd)" trailers and "[fwd: ...]"
 * wrapping. The one implementation of the algorithm: delivery computes it once per message and stores it
 * (ADR 0033); the IMAP engine only compares the stored values.
 *
 * <p>Step (1) of the algorithm, decoding RFC 2047 encoded words, belongs to the caller's one decoder
 * (the application's is mime4j's, {@code HeaderText.decodeEncodedWords}): this class takes the decoded
 * text, unfolds it and collapses whitespace, then runs steps (2) to (6).
 */
public final class BaseSubject {

    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");
    /** subj-trailer: "(fwd)" / WSP, at the end. */
    private static final Pattern TRAILER = Pattern.compile("(?i)(?:\\(fwd\\)| )+$");
    /** subj-blob: "[" *BLOBCHAR "]" *WSP. */
    private static final String BLOB = "\\[[^\\[\\]]*\\] *";
    /** subj-leader: (*subj-blob subj-refwd) / WSP, where subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":". */
    private static final Pattern LEADER = Pattern.compile("(?i)^(?:(?:" + BLOB + ")*(?:re|fwd?) *(?:" + BLOB + ")?:| )");
    private static final Pattern LEADING_BLOB = Pattern.compile("^" + BLOB);
    private static final Pattern FWD_WRAPPER = Pattern.compile("(?i)^\\[fwd:(.*)]$", Pattern.DOTALL);

    private BaseSubject() {
    }

    /** @param subject the Subject field with its encoded words decoded (RFC 2047); null for none */
    public static String of(String subject) {
        return extract(subject).base();
    }

    /**
     * Whether the subject is a reply or a forward (RFC 5256 section 2.1, used by THREAD=REFERENCES step 6):
     * extracting its base subject removed a "Re:"/"Fwd:" leader, a "(fwd)" trailer or a "[fwd: ...]" wrapper.
     */
    public static boolean isReplyOrForward(String subject) {
        return extract(subject).replyOrForward();
    }

    private record Extracted(String base, boolean replyOrForward) {
    }

    private static Extracted extract(String subject) {
        if (subject == null) {
            return new Extracted("", false);
        }
        boolean replyOrForward = false;
        // (1) Encoded words were decoded by the caller; unfold and collapse whitespace into single spaces.
        String text = WHITESPACE.matcher(subject).replaceAll(" ");
        while (true) {
            // (2) Remove trailers.
            Matcher trailer = TRAILER.matcher(text);
            if (trailer.find()) {
                replyOrForward |= trailer.group().contains("(");
                text = text.substring(0, trailer.start());
            }
            // (3)-(5) Remove leaders, and a blob that does not leave the subject empty, until none remains.
            boolean changed = true;
            while (changed) {
                changed = false;
                Matcher leader = LEADER.matcher(text);
                if (leader.find()) {
                    replyOrForward |= leader.group().endsWith(":");
                    text = text.substring(leader.end());
                    changed = true;
                    continue;
                }
                Matcher blob = LEADING_BLOB.matcher(text);
                if (blob.find() && blob.end() < text.length()) {
                    text = text.substring(blob.end());
                    changed = true;
                }
            }
            // (6) "[fwd: subject]": unwrap and start again from (2).
            Matcher wrapper = FWD_WRAPPER.matcher(text);
            if (!wrapper.matches()) {
                return new Extracted(text, replyOrForward);
            }
            replyOrForward = true;
            text = wrapper.group(1);
        }
    }
}
