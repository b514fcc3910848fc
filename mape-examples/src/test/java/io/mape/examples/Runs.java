package io.mape.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line as {@code java -jar mape-examples.jar} does, capturing what it prints. */
public final class Runs {

    /** What a run printed and how it ended. */
    public record Result(int exit, String out, String err) {

        /** The trace lines of {@code source}, without the {@code [source] } prefix. */
        public List<String> lines(String source) {
            String prefix = "[" + source + "] ";
            return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }
    }

    private Runs() {
    }

    public static Result run(String... args) throws Exception {
        return runWithInput("", args);
    }

    /** Runs with {@code stdin} as standard input. */
    public static Result runWithInput(String stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
