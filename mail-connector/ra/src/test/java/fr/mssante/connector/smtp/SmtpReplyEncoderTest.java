package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpReplyEncoderTest {

    @Test
    void singleLineWithEnhancedCode() {
        assertThat(encode(SmtpReply.of(250, "2.1.0", "Sender OK"))).isEqualTo("250 2.1.0 Sender OK\r\n");
    }

    @Test
    void multiLineRepeatsTheEnhancedCodeOnEveryLine() {
        assertThat(encode(new SmtpReply(550, "5.7.1", List.of("first", "second"))))
                .isEqualTo("550-5.7.1 first\r\n550 5.7.1 second\r\n");
    }

    @Test
    void withoutEnhancedCode() {
        assertThat(encode(new SmtpReply(250, null, List.of("mx Hello", "PIPELINING"))))
                .isEqualTo("250-mx Hello\r\n250 PIPELINING\r\n");
    }

    @Test
    void textCannotInjectAReplyLine() {
        assertThat(encode(SmtpReply.of(250, "2.0.0", "queued\r\n250 fake\n\u00e9")))
                .isEqualTo("250 2.0.0 queued??250 fake??\r\n");
    }

    private static String encode(SmtpReply reply) {
        ByteBuf out = Unpooled.buffer();
        SmtpReplyEncoder.encode(reply, out);
        String text = out.toString(StandardCharsets.US_ASCII);
        out.release();
        return text;
    }
}
