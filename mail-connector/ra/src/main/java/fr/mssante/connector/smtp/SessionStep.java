package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.server.MessageSpool;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** What {@link SmtpSession} asks the network side to do after a frame. */
sealed interface SessionStep {

    /**
     * How to read the bytes that follow the reply; {@code START_TLS}: negotiate TLS once the reply has
     * left in clear, then read commands over TLS.
     */
    enum Next { READ_COMMAND, READ_DATA, CLOSE, START_TLS }

    record Respond(SmtpReply reply, Next next) implements SessionStep {
    }

    /**
     * Read the {@code size} octets of a BDAT chunk into {@code sink} (or throw them away when {@code sink} is
     * null: the chunk is refused, yet its octets must be consumed for the session to stay in step, RFC 3030
     * section 2), then tell the session ({@link SmtpSession#onEndOfChunk()}), which replies. The sink belongs
     * to the session.
     */
    record ReadChunk(long size, MessageSpool sink) implements SessionStep {
    }

    /**
     * Wait for the application, then apply {@code then} to its reply <em>on the event loop</em>; nothing
     * else is read from the client in the meantime, which keeps pipelined replies in order.
     */
    record AwaitListener(CompletionStage<SmtpReply> reply, Function<SmtpReply, SessionStep> then) implements SessionStep {
    }

    /**
     * Answer after {@code delay} (a refused authentication, RFC 4954 section 4 leaves the pace to the
     * server), counted on the event loop's timer: no thread waits, and nothing is read meanwhile.
     */
    record Delayed(Duration delay, Respond respond) implements SessionStep {

        /** The reply at once when there is nothing to wait for. */
        static SessionStep of(Duration delay, Respond respond) {
            return delay.isZero() || delay.isNegative() ? respond : new Delayed(delay, respond);
        }
    }
}
