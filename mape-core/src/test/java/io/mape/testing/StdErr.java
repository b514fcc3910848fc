package io.mape.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What slf4j-simple writes to standard error while a block runs, echoed afterwards: for tests that assert what is
 * logged. Shipped in mape-core's test-jar.
 */
public final class StdErr {

    private StdErr() {
    }

    /** Runs {@code block} with standard error captured; returns what was written. Not for parallel tests. */
    public static String during(Runnable block) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            block.run();
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
