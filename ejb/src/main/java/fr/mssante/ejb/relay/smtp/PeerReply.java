package fr.mssante.ejb.relay.smtp;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply of the peer (RFC 5321 section 4.2): its code and text lines, with the enhanced status code
 * (RFC 3463) read from the first line when the peer sent one (RFC 2034).
 */
public record PeerReply(int code, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    public PeerReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(Objects.requireNonNull(lines));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The enhanced status of the first line if its class agrees with the code (RFC 3463 section 2), else null. */
    public String enhancedStatus() {
        if (lines.isEmpty()) {
            return null;
        }
        Matcher m = ENHANCED.matcher(lines.get(0));
        if (!m.find() || m.group(1).charAt(0) - '0' != code / 100) {
            return null;
        }
        return m.group(1) + "." + m.group(2) + "." + m.group(3);
    }

    /** The enhanced status, or the generic one of the code's class ({@code 2.0.0}, {@code 4.0.0}, {@code 5.0.0}). */
    public String statusOrGeneric() {
        String status = enhancedStatus();
        return status != null ? status : (code / 100) + ".0.0";
    }

    /** As the peer wrote it, lines joined by a space: for the queue's last reply and the DSN diagnostic. */
    @Override
    public String toString() {
        return code + " " + String.join(" ", lines);
    }
}
