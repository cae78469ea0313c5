package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    record Seg(long offset, int length, boolean start, boolean end) {
    }

    @Test
    void segmentsCoverTheStreamWithExactOffsets() throws IOException {
        String text = "a\r\n\r\n" + "x".repeat(2500) + "\r\nlast";
        List<Seg> segs = read(new OneByteAtATime(new ByteArrayInputStream(text.getBytes())), 1024);

        assertThat(segs.get(0)).isEqualTo(new Seg(0, 3, true, true));
        assertThat(segs.get(1)).isEqualTo(new Seg(3, 2, true, true));
        // the 2502-octet line comes in buffer-sized pieces; only the first starts the line
        assertThat(segs.get(2)).isEqualTo(new Seg(5, 1024, true, false));
        assertThat(segs.get(3)).isEqualTo(new Seg(1029, 1024, false, false));
        assertThat(segs.get(4)).isEqualTo(new Seg(2053, 454, false, true));
        assertThat(segs.get(5)).isEqualTo(new Seg(2507, 4, true, false));
        assertThat(segs).hasSize(6);
    }

    @Test
    void emptyStream() throws IOException {
        assertThat(read(new ByteArrayInputStream(new byte[0]), 1024)).isEmpty();
    }

    private static List<Seg> read(InputStream in, int size) throws IOException {
        LineReader r = new LineReader(in, size);
        List<Seg> segs = new ArrayList<>();
        while (r.next()) {
            segs.add(new Seg(r.offset(), r.length(), r.lineStart(), r.lineEnd()));
        }
        return segs;
    }

    /** Worst case for buffering: a stream that returns one octet per read. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(1, len));
        }
    }
}
