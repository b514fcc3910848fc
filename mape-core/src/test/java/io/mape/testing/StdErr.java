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
        try (Capture capture = capture()) {
            block.run();
            return capture.text();
        }
    }

    /** Captures standard error until the capture is closed, for tests that wait for a line. Not for parallel tests. */
    public static Capture capture() {
        return new Capture();
    }

    /** Standard error captured since {@link #capture()}; closing it restores standard error and echoes the text. */
    public static final class Capture implements AutoCloseable {

        private final PrintStream original = System.err;
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private Capture() {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        /** What was written so far. */
        public String text() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setErr(original);
            original.print(text());
        }
    }
}
