package backprop.driver;

import java.io.DataOutputStream;
import java.io.IOException;

/** What the student JVM says back to one call: a value, an exception (with the element it failed on), or a fault. */
final class Answer {
    private final byte kind;
    private final Object value;
    private final Wire.Thrown thrown;
    private final int index;
    private final String fault;

    private Answer(byte kind, Object value, Wire.Thrown thrown, int index, String fault) {
        this.kind = kind;
        this.value = value;
        this.thrown = thrown;
        this.index = index;
        this.fault = fault;
    }

    static Answer returned(Object wireValue) {
        return new Answer(Wire.RETURNED, wireValue, null, -1, null);
    }

    /** {@code index}: the element of a CALL_EACH that threw, else -1. */
    static Answer threw(Wire.Thrown thrown, int index) {
        return new Answer(Wire.THREW, null, thrown, index, null);
    }

    static Answer fault(String message) {
        return new Answer(Wire.FAULT, null, null, -1, message);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeByte(kind);
        switch (kind) {
            case Wire.RETURNED -> Wire.write(out, value);
            case Wire.THREW -> {
                out.writeInt(index);
                Wire.writeThrown(out, thrown);
            }
            default -> Wire.writeString(out, fault);
        }
    }
}
