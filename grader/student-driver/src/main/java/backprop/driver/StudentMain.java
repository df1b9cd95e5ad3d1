package backprop.driver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the student JVM. Before any class of the submission loads, it takes the
 * process's standard streams for itself (student code prints into a bounded capture instead), says
 * hello, and then answers the grader's calls one at a time until told to stop:
 *
 * <pre>
 *   grader → NEW class args | CALL ref method args | STATIC class method args | CALL_EACH ref method doubles | BYE
 *   driver ← RETURNED value | THREW exception | FAULT message, each followed by what the code printed
 * </pre>
 *
 * <p>This JVM never sees an expected value, a tolerance or a verdict: the grader compares. Arguments:
 * {@code --value <class>} for each value class sent as rows (built with its static {@code of(double[][])},
 * read with {@code toArray()}), {@code --output-limit <bytes>} kept per answer.
 */
public final class StudentMain {
    private StudentMain() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        List<String> valueClasses = new ArrayList<>();
        int outputLimit = 8192;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--value" -> valueClasses.add(args[i + 1]);
                case "--output-limit" -> outputLimit = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Capture capture = new Capture(outputLimit);
        PrintStream printed = new PrintStream(capture, true, StandardCharsets.UTF_8) {
            @Override
            public void close() {
                flush(); // student code may close System.out; later checks still print
            }
        };
        System.setOut(printed);
        System.setErr(printed);
        System.setIn(new ByteArrayInputStream(new byte[0]));

        Calls calls = new Calls(valueClasses, StudentMain.class.getClassLoader());
        out.writeByte(Wire.HELLO);
        out.writeInt(Wire.VERSION);
        out.flush();
        try {
            while (true) {
                byte op = in.readByte();
                if (op == Wire.BYE) {
                    break;
                }
                Answer answer = calls.handle(op, in);
                printed.flush();
                answer.write(out);
                Wire.writeString(out, capture.text());
                out.writeLong(capture.dropped());
                capture.reset();
                out.flush();
            }
        } catch (IOException e) {
            // the grader is gone or sent something unreadable: nothing left to answer
        }
        out.flush();
        Runtime.getRuntime().halt(0);
    }
}
