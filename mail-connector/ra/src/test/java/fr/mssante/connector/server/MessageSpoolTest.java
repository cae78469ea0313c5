package fr.mssante.connector.server;

import fr.mssante.connector.api.smtp.MessageContent;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class MessageSpoolTest {

    @TempDir
    Path directory;

    @Test
    void smallMessageStaysInMemory() throws IOException {
        MessageSpool spool = new MessageSpool(100, directory, "t-");
        write(spool, "Subject: a\r\n");
        write(spool, "\r\nbody\r\n");
        MessageContent content = spool.content();
        assertThat(filesInDirectory()).isZero();
        assertThat(read(content)).isEqualTo("Subject: a\r\n\r\nbody\r\n");
        assertThat(content.size()).isEqualTo(20);
    }

    @Test
    void exactlyTheThresholdStaysInMemory() throws IOException {
        MessageSpool spool = new MessageSpool(10, directory, "t-");
        write(spool, "0123456789");
        assertThat(read(spool.content())).isEqualTo("0123456789");
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void largerMessageGoesToAFileDeletedOnDiscard() throws IOException {
        MessageSpool spool = new MessageSpool(10, directory, "t-");
        write(spool, "01234567");
        write(spool, "89abcdef");
        write(spool, "ghij");
        MessageContent content = spool.content();
        assertThat(filesInDirectory()).isOne();
        assertThat(read(content)).isEqualTo("0123456789abcdefghij");
        assertThat(read(content)).as("each stream starts over").isEqualTo("0123456789abcdefghij");
        assertThat(content.size()).isEqualTo(20);

        spool.discard();
        spool.discard();
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void discardDuringDataDeletesThePartialFile() throws IOException {
        MessageSpool spool = new MessageSpool(0, directory, "t-");
        write(spool, "partial");
        assertThat(filesInDirectory()).isOne();
        spool.discard();
        assertThat(filesInDirectory()).isZero();
    }

    @Test
    void storageFailureIsReportedAtTheEnd() {
        MessageSpool spool = new MessageSpool(0, directory.resolve("missing"), "t-");
        write(spool, "lost");
        write(spool, "ignored");
        assertThatIOException().isThrownBy(spool::content);
    }

    private static void write(MessageSpool spool, String text) {
        var chunk = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        spool.write(chunk);
        assertThat(chunk.readableBytes()).as("not consumed").isEqualTo(text.length());
        chunk.release();
    }

    private static String read(MessageContent content) throws IOException {
        try (InputStream in = content.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private long filesInDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
