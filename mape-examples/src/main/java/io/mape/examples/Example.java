package io.mape.examples;

import java.io.PrintStream;
import java.util.List;

/** One runnable example system. */
public interface Example {

    /** The name given on the command line. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** Option lines for {@code --help}, each {@code "--option ARG  what it does"}. */
    default List<String> options() {
        return List.of();
    }

    /**
     * Runs the example to its end, printing its trace to {@code out}.
     *
     * @param args the command line after the example name
     */
    void run(List<String> args, PrintStream out) throws Exception;
}
