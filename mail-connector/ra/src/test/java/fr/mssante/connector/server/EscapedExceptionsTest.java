package fr.mssante.connector.server;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The fuzz tests' bug detector sees what the handlers log as failures, and only that. */
class EscapedExceptionsTest {

    private static final Logger ENGINE = Logger.getLogger("fr.mssante.connector.imap.ImapSessionHandler");

    @Test
    void recordsAWarningWithItsStackTraceAndNothingElse() {
        IllegalStateException bug = new IllegalStateException("bug");
        try (EscapedExceptions escaped = EscapedExceptions.record()) {
            ENGINE.log(Level.FINE, "peer reset", new java.io.IOException("reset"));
            ENGINE.log(Level.WARNING, "no throwable, an expected refusal");
            ENGINE.log(Level.WARNING, "IMAP connection closed after error", bug);
            assertThat(escaped.caught()).containsExactly(bug);
        }
        try (EscapedExceptions after = EscapedExceptions.record()) {
            assertThat(after.caught()).isEmpty();
        }
    }
}
