package backprop.driver;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where {@code System.out} and {@code System.err} of student code go: the first {@code limit} bytes
 * since the last answer are kept, the rest only counted, so printing in a loop costs CPU time but
 * never memory or the grader's patience.
 */
final class Capture extends OutputStream {
    private final byte[] kept;
    private int size;
    private long dropped;

    Capture(int limit) {
        this.kept = new byte[Math.max(0, limit)];
    }

    @Override
    public synchronized void write(int b) {
        if (size < kept.length) {
            kept[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        int room = Math.min(len, kept.length - size);
        System.arraycopy(b, off, kept, size, room);
        size += room;
        dropped += len - room;
    }

    @Override
    public void close() {
        // student code may close System.out; the capture stays open
    }

    synchronized String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized void reset() {
        size = 0;
        dropped = 0;
    }
}
