package fr.mssante.ejb.delivery.mime;

/**
 * Output buffer of a streaming sink stage: the units it produces (octets or chars) are collected
 * in a block and pushed to the next sink a block at a time rather than one by one. A is the
 * block type, {@code byte[]} for a {@link ByteSink}, {@code char[]} for a {@link CharSink}.
 */
final class SinkBuffer<A> {

    @FunctionalInterface
    interface Store<A> {
        void set(A block, int index, int unit);
    }

    @FunctionalInterface
    interface Downstream<A> {
        void write(A block, int off, int len);
    }

    private final A block;
    private final int capacity;
    private final Store<A> store;
    private final Downstream<A> downstream;
    private final Runnable closer;
    private int length;

    private SinkBuffer(A block, int capacity, Store<A> store, Downstream<A> downstream, Runnable closer) {
        this.block = block;
        this.capacity = capacity;
        this.store = store;
        this.downstream = downstream;
        this.closer = closer;
    }

    static SinkBuffer<byte[]> of(ByteSink next, int capacity) {
        return new SinkBuffer<>(new byte[capacity], capacity, (b, i, octet) -> b[i] = (byte) octet,
                next::write, next::close);
    }

    static SinkBuffer<char[]> of(CharSink next, int capacity) {
        return new SinkBuffer<>(new char[capacity], capacity, (c, i, ch) -> c[i] = (char) ch,
                next::write, next::close);
    }

    /** Appends one unit (an octet, or a char), flushing first if the block is full. */
    void put(int unit) {
        if (length == capacity) {
            flush();
        }
        store.set(block, length++, unit);
    }

    /** Passes what is buffered to the next sink. */
    void flush() {
        if (length > 0) {
            downstream.write(block, 0, length);
            length = 0;
        }
    }

    /** Flushes, then closes the next sink. */
    void close() {
        flush();
        closer.run();
    }
}
