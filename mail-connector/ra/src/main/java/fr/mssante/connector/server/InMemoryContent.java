package fr.mssante.connector.server;

import fr.mssante.connector.api.smtp.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A message held in memory: the first {@code length} octets of {@code data}. */
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
