package backprop.driver;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary format spoken across the process boundary: the grader sends calls, the student JVM
 * answers with raw values. Both sides use this class; each reads with {@link Limits}, so that a
 * peer that lies about a length cannot make the reader allocate without bound.
 *
 * <p>A value is a tag byte and its payload: null, a double, int, long, boolean, string, a
 * {@code double[]}, a {@code double[][]} (rows may differ in length or be null), a {@link Value} (an
 * object of a value class such as {@code backprop.nn.Matrix}, sent as its rows), a {@link Ref} (an
 * object that stays in the student JVM, named by a number) or a list of values.
 */
public final class Wire {
    /** Bumped whenever the format changes; the student JVM says it first. */
    public static final int VERSION = 1;

    static final byte NULL = 0;
    static final byte DOUBLE = 1;
    static final byte INT = 2;
    static final byte LONG = 3;
    static final byte BOOLEAN = 4;
    static final byte STRING = 5;
    static final byte DOUBLES = 6;
    static final byte DOUBLE_ROWS = 7;
    static final byte VALUE = 8;
    static final byte REF = 9;
    static final byte LIST = 10;

    /** Requests, grader to student JVM. */
    public static final byte NEW = 1;
    public static final byte CALL = 2;
    public static final byte STATIC = 3;
    /** A method of one double argument, called once per element of a double[]; answers a double[]. */
    public static final byte CALL_EACH = 4;
    public static final byte BYE = 9;

    /** Answers, student JVM to grader. */
    public static final byte HELLO = 1;
    public static final byte RETURNED = 2;
    public static final byte THREW = 3;
    /** The driver could not make the call (no such class or method, a value too large to send). */
    public static final byte FAULT = 4;

    private Wire() {
    }

    /** An object of a value class, sent as its rows (e.g. a Matrix); {@code type} is the class name. */
    public record Value(String type, double[][] rows) {
    }

    /** An object that lives in the student JVM: its number there and its class name. */
    public record Ref(int id, String type) {
    }

    /** One stack frame of an exception thrown in the student JVM. */
    public record Frame(String className, String method, String file, int line) {
    }

    /** An exception thrown in the student JVM: class, message, the first frames, and its cause. */
    public record Thrown(String className, String message, List<Frame> frames, Thrown cause) {
    }

    /**
     * Bounds on what a reader accepts: characters of a string, doubles in one value, elements of a
     * list, nesting of lists. A message beyond them is a protocol error, not an allocation.
     */
    public record Limits(int maxString, int maxDoubles, int maxList, int maxDepth) {
        public static final Limits DEFAULT = new Limits(1 << 20, 4_000_000, 100_000, 8);
    }

    /** Turns the wire's {@link Value}s and {@link Ref}s into objects of the reading side. */
    public interface Resolver {
        Object value(String type, double[][] rows) throws IOException;

        Object ref(int id, String type) throws IOException;

        /** Records as they are: what the grader's side uses. */
        Resolver AS_RECORDS = new Resolver() {
            @Override
            public Object value(String type, double[][] rows) {
                return new Value(type, rows);
            }

            @Override
            public Object ref(int id, String type) {
                return new Ref(id, type);
            }
        };
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Writes a value the writer already knows how to send: anything {@link #read} can return. */
    public static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (v instanceof double[] a) {
            out.writeByte(DOUBLES);
            writeDoubles(out, a);
        } else if (v instanceof double[][] m) {
            out.writeByte(DOUBLE_ROWS);
            writeRows(out, m);
        } else if (v instanceof Value value) {
            out.writeByte(VALUE);
            writeString(out, value.type());
            writeRows(out, value.rows());
        } else if (v instanceof Ref ref) {
            out.writeByte(REF);
            out.writeInt(ref.id());
            writeString(out, ref.type());
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object e : list) {
                write(out, e);
            }
        } else {
            throw new IllegalArgumentException("cannot send a " + v.getClass().getName() + " across the process boundary");
        }
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    static void writeRows(DataOutputStream out, double[][] m) throws IOException {
        out.writeInt(m.length);
        for (double[] row : m) {
            if (row == null) {
                out.writeInt(-1);
            } else {
                writeDoubles(out, row);
            }
        }
    }

    public static void writeThrown(DataOutputStream out, Thrown t) throws IOException {
        writeString(out, t.className());
        writeString(out, t.message());
        out.writeInt(t.frames().size());
        for (Frame f : t.frames()) {
            writeString(out, f.className());
            writeString(out, f.method());
            writeString(out, f.file());
            out.writeInt(f.line());
        }
        out.writeBoolean(t.cause() != null);
        if (t.cause() != null) {
            writeThrown(out, t.cause());
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads one value within {@code limits}. */
    public static Object read(DataInputStream in, Limits limits, Resolver resolver) throws IOException {
        return read(in, limits, resolver, 0, new int[] {0});
    }

    private static Object read(DataInputStream in, Limits limits, Resolver resolver, int depth, int[] doubles)
            throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case DOUBLE:
                return in.readDouble();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case BOOLEAN:
                return in.readBoolean();
            case STRING:
                return readString(in, limits);
            case DOUBLES:
                return readDoubles(in, limits, doubles);
            case DOUBLE_ROWS:
                return readRows(in, limits, doubles);
            case VALUE: {
                String type = readString(in, limits);
                return resolver.value(type, readRows(in, limits, doubles));
            }
            case REF: {
                int id = in.readInt();
                return resolver.ref(id, readString(in, limits));
            }
            case LIST: {
                if (depth >= limits.maxDepth()) {
                    throw new ProtocolException("lists nested deeper than " + limits.maxDepth());
                }
                int n = length(in, limits.maxList(), "list");
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(in, limits, resolver, depth + 1, doubles));
                }
                return list;
            }
            default:
                throw new ProtocolException("unknown value tag " + tag);
        }
    }

    public static String readString(DataInputStream in, Limits limits) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > limits.maxString() * 4L) {
            throw new ProtocolException("string of " + n + " bytes");
        }
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException();
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.length() > limits.maxString() ? s.substring(0, limits.maxString()) : s;
    }

    private static double[] readDoubles(DataInputStream in, Limits limits, int[] doubles) throws IOException {
        int n = length(in, limits.maxDoubles() - doubles[0], "array of doubles");
        doubles[0] += n;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static double[][] readRows(DataInputStream in, Limits limits, int[] doubles) throws IOException {
        int n = length(in, limits.maxDoubles() - doubles[0], "matrix");
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            int mark = in.readInt();
            if (mark == -1) {
                continue;
            }
            if (mark < 0 || mark > limits.maxDoubles() - doubles[0]) {
                throw new ProtocolException("matrix row of " + mark + " doubles");
            }
            doubles[0] += mark;
            double[] row = new double[mark];
            for (int j = 0; j < mark; j++) {
                row[j] = in.readDouble();
            }
            m[i] = row;
        }
        return m;
    }

    private static int length(DataInputStream in, int max, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new ProtocolException(what + " of " + n + " elements (at most " + Math.max(max, 0) + " allowed)");
        }
        return n;
    }

    public static Thrown readThrown(DataInputStream in, Limits limits) throws IOException {
        return readThrown(in, limits, 0);
    }

    private static Thrown readThrown(DataInputStream in, Limits limits, int depth) throws IOException {
        String className = readString(in, limits);
        String message = readString(in, limits);
        int n = length(in, 1000, "stack trace");
        List<Frame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            frames.add(new Frame(readString(in, limits), readString(in, limits), readString(in, limits), in.readInt()));
        }
        Thrown cause = null;
        if (in.readBoolean()) {
            if (depth >= limits.maxDepth()) {
                throw new ProtocolException("exception causes nested deeper than " + limits.maxDepth());
            }
            cause = readThrown(in, limits, depth + 1);
        }
        return new Thrown(className, message, List.copyOf(frames), cause);
    }

    /** The peer sent something this format does not allow. */
    public static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        public ProtocolException(String message) {
            super(message);
        }
    }
}
