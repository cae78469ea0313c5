package fr.mssante.connector.imap.sort;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base subject of RFC 5256 section 2.1, by which SORT (SUBJECT) orders messages: the subject
 * without its "Re:", "Fw:", "Fwd:", "[blob]" prefixes, "(fwd)" trailers and "[fwd: ...]" wrapping.
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

    /** @param subject the Subject field, encoded words not decoded yet; null for none */
    public static String of(String subject) {
        if (subject == null) {
            return "";
        }
        // (1) Decode encoded words, unfold, collapse whitespace into single spaces.
        String text = WHITESPACE.matcher(EncodedWords.decode(subject)).replaceAll(" ");
        while (true) {
            // (2) Remove trailers.
            text = TRAILER.matcher(text).replaceAll("");
            // (3)-(5) Remove leaders, and a blob that does not leave the subject empty, until none remains.
            boolean changed = true;
            while (changed) {
                changed = false;
                Matcher leader = LEADER.matcher(text);
                if (leader.find()) {
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
                return text;
            }
            text = wrapper.group(1);
        }
    }
}
