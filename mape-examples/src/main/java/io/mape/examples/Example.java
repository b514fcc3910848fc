package io.mape.examples;

import java.util.List;

/** One runnable example system. Implementations are stateless: each {@link #run} builds its own App. */
public interface Example {

    /** The name given on the command line. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The options it takes; anything else on its command line is an error. */
    default List<Option<?>> options() {
        return List.of();
    }

    /**
     * Runs the example to its end, printing its trace to the console.
     *
     * @param options its command line, parsed against {@link #options()}
     * @throws UsageException   for options that do not fit together (a setting missing, a name taken twice)
     * @throws StartupException when a server it needs cannot be reached at start-up
     */
    void run(Options options, Console console) throws Exception;
}
