package dev.nntrain.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphTableTest {

    @Test
    void printsEveryNodeForwardThenBackward() {
        Value w = new Value(2, "w");
        Value x = new Value(-2, "x");
        Value c = w.mul(x).label("c");
        Value j = c.pow(2).mul(0.5).label("J");
        j.backward();
        String table = GraphTable.render(j);
        String expected = String.join(System.lineSeparator(),
                "Forward",
                "  node  computed as  value",
                "  w     input        2",
                "  x     input        -2",
                "  c     w * x        -4",
                "  n1    c ^ 2        16",
                "  J     0.5 * n1     8",
                "Backward",
                "  node  dJ/dnode",
                "  J     1",
                "  n1    0.5",
                "  c     -4",
                "  x     -8",
                "  w     8",
                "");
        assertEquals(expected.replace(System.lineSeparator(), "\n"), table.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void unaryAndSeveralInputOperationsAreWrittenAsCalls() {
        Value z = new Value(-1, "z");
        Value a = z.relu().label("a");
        a.backward();
        assertTrue(GraphTable.render(a).contains("a     relu(z)      0"));
        Value lse = Value.logSumExp(java.util.List.of(new Value(0, "p"), new Value(0, "q"))).label("L");
        assertTrue(GraphTable.render(lse).contains("logsumexp(p, q)"));
    }

    @Test
    void formatsNumbersWithoutTrailingZeros() {
        assertEquals("2", GraphTable.format(2.0));
        assertEquals("-4", GraphTable.format(-4.0));
        assertEquals("2.0060045", GraphTable.format(2.0060045000000003));
        assertEquals("9.006001", GraphTable.format(3.001 * 3.001));
        assertEquals("0", GraphTable.format(-0.0));
        assertEquals("NaN", GraphTable.format(Double.NaN));
    }
}
