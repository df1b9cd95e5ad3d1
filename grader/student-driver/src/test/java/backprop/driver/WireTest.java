package backprop.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

    private static byte[] written(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(new DataOutputStream(bytes), value);
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes, Wire.Limits limits) throws IOException {
        return Wire.read(new DataInputStream(new ByteArrayInputStream(bytes)), limits, Wire.Resolver.AS_RECORDS);
    }

    @Test
    void everyKindOfValueArrivesAsItWasSent() throws IOException {
        double[][] jagged = {{1, Double.NaN}, null, {Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE}};
        List<Object> values = Arrays.asList(null, 0.1 + 0.2, 7, 1L << 40, true, "σ'(z) ≠ z·(1−z)", new double[] {1e-300, -2},
                jagged, new Wire.Value("backprop.nn.Matrix", new double[][] {{1, 2}, {3, 4}}), new Wire.Ref(3, "backprop.nn.DenseLayer"),
                List.of(1.5, List.of("nested")));

        Object back = read(written(values), Wire.Limits.DEFAULT);

        assertThat(back).isInstanceOf(List.class);
        List<?> list = (List<?>) back;
        assertThat(list.get(0)).isNull();
        assertThat(list.get(1)).isEqualTo(0.1 + 0.2);
        assertThat(list.get(2)).isEqualTo(7);
        assertThat(list.get(3)).isEqualTo(1L << 40);
        assertThat(list.get(4)).isEqualTo(true);
        assertThat(list.get(5)).isEqualTo("σ'(z) ≠ z·(1−z)");
        assertThat((double[]) list.get(6)).containsExactly(1e-300, -2);
        double[][] rows = (double[][]) list.get(7);
        assertThat(rows[0][0]).isEqualTo(1);
        assertThat(rows[0][1]).isNaN();
        assertThat(rows[1]).isNull();
        assertThat(Double.doubleToRawLongBits(rows[2][1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(rows[2][2]).isEqualTo(Double.MIN_VALUE);
        Wire.Value m = (Wire.Value) list.get(8);
        assertThat(m.type()).isEqualTo("backprop.nn.Matrix");
        assertThat(m.rows()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(list.get(9)).isEqualTo(new Wire.Ref(3, "backprop.nn.DenseLayer"));
        assertThat(list.get(10)).isEqualTo(List.of(1.5, List.of("nested")));
    }

    @Test
    void aLengthBeyondTheLimitsIsAProtocolErrorNotAnAllocation() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(6); // an array of doubles
        out.writeInt(Integer.MAX_VALUE); // that claims 2^31 elements and sends none

        assertThatThrownBy(() -> read(bytes.toByteArray(), Wire.Limits.DEFAULT)).isInstanceOf(Wire.ProtocolException.class)
                .hasMessageContaining("array of doubles of 2147483647 elements");
    }

    @Test
    void theDoublesOfOneValueAreCountedTogether() throws IOException {
        double[][] big = new double[10][100]; // 1000 doubles in rows of 100
        Wire.Limits small = new Wire.Limits(100, 500, 100, 4);

        assertThatThrownBy(() -> read(written(big), small)).isInstanceOf(Wire.ProtocolException.class)
                .hasMessageContaining("matrix row of 100 doubles");
    }

    @Test
    void nestingAndUnknownTagsAreRefused() throws IOException {
        Object deep = List.of(List.of(List.of(List.of(List.of(1)))));
        assertThatThrownBy(() -> read(written(deep), new Wire.Limits(100, 100, 100, 3)))
                .isInstanceOf(Wire.ProtocolException.class).hasMessageContaining("nested deeper than 3");
        assertThatThrownBy(() -> read(new byte[] {42}, Wire.Limits.DEFAULT)).isInstanceOf(Wire.ProtocolException.class)
                .hasMessageContaining("unknown value tag 42");
    }

    @Test
    void longStringsAreCutToTheLimit() throws IOException {
        Object back = read(written("x".repeat(300)), new Wire.Limits(100, 10, 10, 2));
        assertThat((String) back).hasSize(100);
        assertThatThrownBy(() -> read(written("x".repeat(500)), new Wire.Limits(100, 10, 10, 2)))
                .isInstanceOf(Wire.ProtocolException.class).hasMessageContaining("string of 500 bytes");
    }

    @Test
    void exceptionsTravelWithTheirFramesAndCauses() throws IOException {
        Wire.Thrown cause = new Wire.Thrown("java.lang.ArithmeticException", null, List.of(), null);
        Wire.Thrown t = new Wire.Thrown("java.lang.IllegalStateException", "boom",
                List.of(new Wire.Frame("backprop.nn.Sigmoid", "derivative", "Sigmoid.java", 27)), cause);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.writeThrown(new DataOutputStream(bytes), t);

        Wire.Thrown back = Wire.readThrown(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), Wire.Limits.DEFAULT);

        assertThat(back).isEqualTo(t);
    }

    @Test
    void anObjectTheWireDoesNotKnowIsRefusedByTheWriter() {
        assertThatThrownBy(() -> written(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot send a java.lang.Object");
    }
}
