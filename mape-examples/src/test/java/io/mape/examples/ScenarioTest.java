package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> seen = new ArrayList<>();

    private Console console(String stdin) {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    private Scenario scenario() {
        Scenario s = new Scenario(Duration.ofMillis(500));
        s.command("say", "say WORD", args -> {
            if (args.size() != 1) {
                throw new IllegalArgumentException("one word please");
            }
            seen.add(args.get(0) + "@" + s.clock().now(TimeUnit.MILLISECONDS));
        });
        return s;
    }

    private static Options options(String... args) throws UsageException {
        return Options.parse(List.of(args), List.of(Options.STEPS.withDefault(10L), Options.INTERACTIVE, Options.TICK));
    }

    private List<String> trace() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aScriptedRunAppliesEachCommandBeforeItsStepAndEndsAfterTheLastStep() throws Exception {
        Scenario s = scenario().at(0, "say a").at(4, "say b").at(4, "say c").at(99, "say never");

        s.run(options(), console("say from stdin\n"));

        assertThat(seen).containsExactly("a@0", "b@2000", "c@2000");
        assertThat(s.seconds()).isEqualTo(5.0);
        assertThat(trace()).contains("[script] 2.0 s: say b");
    }

    @Test
    void quitEndsARunEarly() throws Exception {
        Scenario s = scenario().at(3, "quit").at(5, "say late");

        s.run(options(), console(""));

        assertThat(seen).isEmpty();
        assertThat(s.seconds()).isEqualTo(1.5);
    }

    @Test
    void aBadCommandIsReportedAndTheRunGoesOn() throws Exception {
        Scenario s = scenario().at(1, "shout x").at(1, "say").at(2, "say ok");

        s.run(options(), console(""));

        assertThat(trace()).contains(
                "[script] unknown command 'shout'; commands: quit, say WORD",
                "[script] one word please; usage: say WORD");
        assertThat(seen).containsExactly("ok@1000");
    }

    @Test
    void anInteractiveRunTakesCommandsFromStdinUntilQuit() throws Exception {
        Scenario s = scenario().at(0, "say scripted");

        s.run(options("--interactive", "--tick", "0"), console("say hello\nhelp\n\nquit\nsay after\n"));

        assertThat(seen).hasSize(1).allMatch(w -> w.startsWith("hello@"));
        assertThat(trace()).anyMatch(l -> l.startsWith("[input] commands: quit, say WORD"));
    }

    @Test
    void anInteractiveRunEndsAtTheEndOfStdinOrAfterTheGivenSteps() throws Exception {
        Scenario eof = scenario();
        eof.run(options("--interactive", "--tick", "0"), console("say once\n"));
        assertThat(seen).hasSize(1);

        Scenario bounded = scenario();
        PipedInputStream silent = new PipedInputStream(new PipedOutputStream());
        bounded.run(options("--interactive", "--tick", "0", "--steps", "3"),
                new Console(new PrintStream(out, true, StandardCharsets.UTF_8), silent));
        assertThat(bounded.seconds()).isEqualTo(1.5);
    }

    @Test
    void aRealTimeRunEndsAfterItsDurationWhileStdinStaysOpen() throws Exception {
        Scenario s = scenario().realTime();
        try (PipedOutputStream typing = new PipedOutputStream()) {
            Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PipedInputStream(typing));
            s.run(Options.parse(List.of("--duration", "1", "--tick", "100"),
                    List.of(Options.STEPS, Options.INTERACTIVE, Options.TICK, Options.DURATION)), console);
        }

        assertThat(trace()).last().asString().endsWith("s: --duration is over");
        assertThat(s.seconds()).isBetween(1.0, 5.0);
    }

    @Test
    void workHandedToTheInboxRunsOnTheRunsThread() throws Exception {
        Scenario s = scenario().realTime();
        List<String> threads = new ArrayList<>();
        Thread other = new Thread(() -> s.inbox().scheduleDirect(() -> threads.add(Thread.currentThread().getName())));
        other.start();
        other.join();

        s.run(options("--steps", "2", "--tick", "50"), console(""));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
