package io.mape.examples;

import io.mape.examples.coordinated.CoordinatedExample;
import io.mape.examples.cruise.CruiseControl;
import io.mape.examples.enforcement.SpeedEnforcement;
import io.mape.examples.highway.DynamicHighway;
import io.mape.examples.highway.SafeHighway;
import io.mape.remote.RemoteUnavailableException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar mape-examples.jar <example> [options]}; {@code --help} lists the examples and their options.
 * Exit status: 0 when the example ran to its end, 2 for a command line that cannot be run, 1 when a server it
 * needs cannot be reached at start-up.
 */
public final class Main {

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        for (Example e : List.of(new Ambulance(),
                CoordinatedExample.ambulance(), CoordinatedExample.car(), CoordinatedExample.carWithMessage(),
                new CruiseControl(), new SpeedEnforcement(), new DynamicHighway(), new SafeHighway())) {
            EXAMPLES.put(e.name(), e);
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line with an empty stdin (an interactive run ends at once); returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /** Runs the command line; {@code in} is read only with {@code --interactive}. Returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            help(out, EXAMPLES.values());
            return args.length == 0 ? 2 : 0;
        }
        Example example = EXAMPLES.get(args[0]);
        if (example == null) {
            err.println("unknown example '" + args[0] + "'; one of: " + String.join(", ", EXAMPLES.keySet()));
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            help(out, List.of(example));
            return 0;
        }
        Options options;
        try {
            options = Options.parse(rest, example.options());
        } catch (UsageException e) {
            err.println(example.name() + ": " + e.getMessage());
            err.println("see: java -jar mape-examples.jar " + example.name() + " --help");
            return 2;
        }
        try {
            example.run(options, new Console(out, in));
        } catch (UsageException e) {
            err.println(example.name() + ": " + e.getMessage());
            return 2;
        } catch (StartupException | RemoteUnavailableException e) {
            err.println(example.name() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static void help(PrintStream out, Iterable<Example> examples) {
        out.println("usage: java -jar mape-examples.jar <example> [options]");
        out.println();
        out.println("examples:");
        for (Example e : examples) {
            out.printf("  %-28s %s%n", e.name(), e.description());
            for (Option<?> o : e.options()) {
                out.println("      " + o.usage());
            }
        }
    }
}
