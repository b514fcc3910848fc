package io.mape.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where an example writes its trace and, with {@code --interactive}, reads its commands. Trace lines name who
 * decided: {@code [car_Panda_safety] speed limit 30 km/h (emergency)}. Thread-safe (one {@code println} per line).
 */
public final class Console {

    private final PrintStream out;
    private final InputStream in;

    public Console(PrintStream out, InputStream in) {
        this.out = Objects.requireNonNull(out, "out");
        this.in = Objects.requireNonNull(in, "in");
    }

    /** Prints {@code [source] text}. */
    public void trace(String source, String text) {
        out.println("[" + source + "] " + text);
    }

    /** The raw output, for examples whose output is not a trace. */
    public PrintStream out() {
        return out;
    }

    /** The commands of an interactive run; never read by a scripted one. */
    InputStream in() {
        return in;
    }
}
