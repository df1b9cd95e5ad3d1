package backprop.grader.run;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out and System.err in the test JVM with a bounded buffer, so that whatever
 * student code prints is kept per test, truncated, and can never reach the results channel.
 */
final class OutputCapture extends OutputStream {
    private final int limit;
    private final byte[] buffer;
    private int size;
    private long dropped;

    private OutputCapture(int limit) {
        this.limit = limit;
        this.buffer = new byte[limit];
    }

    static OutputCapture install(int limit) {
        OutputCapture capture = new OutputCapture(limit);
        PrintStream stream = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
        return capture;
    }

    @Override
    public synchronized void write(int b) {
        if (size < limit) {
            buffer[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.min(len, limit - size);
        if (room > 0) {
            System.arraycopy(b, off, buffer, size, room);
            size += room;
        }
        dropped += len - Math.max(room, 0);
    }

    /** What was printed since the last call, with a note when output was cut; then starts afresh. */
    synchronized String take() {
        String text = new String(buffer, 0, size, StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n[... " + dropped + " more bytes of output not shown]";
        }
        size = 0;
        dropped = 0;
        return text;
    }
}
