package io.mape.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code java -jar mape-examples.jar <example> [options]}; {@code --help} lists the examples and their options. */
public final class Main {

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        for (Example e : List.<Example>of(new Ambulance())) {
            EXAMPLES.put(e.name(), e);
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            help(out);
            return args.length == 0 ? 2 : 0;
        }
        Example example = EXAMPLES.get(args[0]);
        if (example == null) {
            err.println("unknown example '" + args[0] + "'; one of: " + String.join(", ", EXAMPLES.keySet()));
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help")) {
            help(out);
            return 0;
        }
        example.run(rest, out);
        return 0;
    }

    private static void help(PrintStream out) {
        out.println("usage: java -jar mape-examples.jar <example> [options]");
        out.println();
        out.println("examples:");
        for (Example e : EXAMPLES.values()) {
            out.printf("  %-24s %s%n", e.name(), e.description());
            for (String o : e.options()) {
                out.println("      " + o);
            }
        }
    }
}
