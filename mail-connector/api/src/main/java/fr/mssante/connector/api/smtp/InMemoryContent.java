package fr.mssante.connector.api.smtp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * A message held in memory: the first {@code length} octets of {@code data}. The adapter's small messages and
 * IMAP APPEND literals, and the reports the application writes itself, are such messages.
 */
public record InMemoryContent(byte[] data, int length) implements MessageContent {

    public InMemoryContent(byte[] data) {
        this(data, data.length);
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(data, 0, length);
    }
}
