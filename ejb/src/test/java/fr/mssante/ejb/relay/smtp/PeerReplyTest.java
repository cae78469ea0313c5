package fr.mssante.ejb.relay.smtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerReplyTest {

    private static ReplyReader reader(String text) {
        return new ReplyReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 3030 and RFC 6531 keywords; BINARYMIME is usable only with CHUNKING. */
    @Test
    void chunkingBinaryMimeAndSmtpUtf8AreRead() throws Exception {
        Capabilities both = Capabilities.of(reader("250-mx.peer.fr\r\n250-CHUNKING\r\n250-BINARYMIME\r\n250 SMTPUTF8\r\n").read());
        assertThat(both.chunking()).isTrue();
        assertThat(both.smtpUtf8()).isTrue();
        assertThat(both.acceptsBinary()).isTrue();
        assertThat(Capabilities.of(reader("250-mx.peer.fr\r\n250 BINARYMIME\r\n").read()).acceptsBinary()).isFalse();
    }

    @Test
    void multiLineRepliesEndWithTheSpaceLine() throws Exception {
        ReplyReader reader = reader("250-mx.peer.fr\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 DSN\r\n550 5.1.1 gone\r\n");

        PeerReply ehlo = reader.read();
        assertThat(ehlo.lines()).containsExactly("mx.peer.fr", "PIPELINING", "SIZE 1000", "DSN");
        assertThat(Capabilities.of(ehlo)).isEqualTo(new Capabilities(false, true, 1000, false, true, false));
        PeerReply next = reader.read();
        assertThat(next.code()).isEqualTo(550);
        assertThat(next.enhancedStatus()).isEqualTo("5.1.1");
    }

    @Test
    void anEnhancedStatusOfAnotherClassThanTheCodeIsIgnored() {
        assertThat(new PeerReply(450, List.of("5.1.1 odd")).enhancedStatus()).isNull();
        assertThat(new PeerReply(450, List.of("5.1.1 odd")).statusOrGeneric()).isEqualTo("4.0.0");
        assertThat(new PeerReply(250, List.of("ok")).statusOrGeneric()).isEqualTo("2.0.0");
    }

    @Test
    void malformedOrInconsistentRepliesAreProtocolErrors() {
        assertThatThrownBy(() -> reader("hello\r\n").read()).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> reader("250-a\r\n251 b\r\n").read()).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> reader("250-a\r\n").read()).hasMessageContaining("closed");
    }

    @Test
    void dotStuffingDoublesOnlyLineInitialDots() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DotStuffingOutputStream out = new DotStuffingOutputStream(sink);
        byte[] content = ".a\r\nb.\r\n.\r\n..\r\nc\n.d\r\n".getBytes(StandardCharsets.US_ASCII);
        out.write(content, 0, 5);
        out.write(content[5]);
        out.write(content, 6, content.length - 6);
        out.finish();

        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("..a\r\nb.\r\n..\r\n...\r\nc\n.d\r\n.\r\n");
    }
}
