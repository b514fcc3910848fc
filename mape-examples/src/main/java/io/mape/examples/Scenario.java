package io.mape.examples;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives an example step by step on a virtual clock (an RxJava {@link TestScheduler}: the simulators and every
 * time-based operator of the loops run on it, so a run never depends on the wall clock). Between steps it applies
 * commands ({@code emergency on}, {@code faster}, ...): those of the scripted scenario by default, or those typed on
 * stdin with {@code --interactive} (or in a {@link #realTime()} run, a distributed device), where each step also
 * waits {@code --tick} real milliseconds.
 *
 * <p>Everything (commands, simulators, loops) runs on the thread that calls {@link #run}; with
 * {@code --interactive} a daemon thread only reads lines, and work handed to the {@link #inbox()} from other threads
 * runs on the run's thread too, between steps. A command that fails is reported in the trace and the run goes on.
 * {@code quit} (or the end of stdin) ends a run; so does the last step, and in an interactive run
 * {@code --duration} of wall-clock time. Before {@link #run} returns, what was due at the last instant runs.
 */
public final class Scenario {

    private final Duration step;
    private final TestScheduler clock = new TestScheduler();
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final NavigableMap<Long, List<String>> script = new TreeMap<>();
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Scheduler inbox = Schedulers.from(tasks::add);
    private Console console;
    private boolean realTime;
    private boolean quit;

    private record Command(String usage, Consumer<List<String>> action) {
    }

    /** A scenario whose steps each last {@code step} of virtual time. */
    public Scenario(Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        this.step = step;
        command("quit", "quit", args -> quit = true);
    }

    /** The virtual clock: one step advances it by the step length. */
    public TestScheduler clock() {
        return clock;
    }

    /**
     * Work handed to this scheduler runs on the thread of {@link #run} between the commands of an interactive run,
     * so items from other threads (a Redis delivery thread, HTTP requests) meet the simulators and the commands on
     * one thread. Work handed to it in a scripted run never runs.
     */
    public Scheduler inbox() {
        return inbox;
    }

    /** Makes the run interactive whatever {@code --interactive} says: a device that runs in real time. */
    public Scenario realTime() {
        realTime = true;
        return this;
    }

    /** The virtual time elapsed, in seconds. */
    public double seconds() {
        return clock.now(TimeUnit.NANOSECONDS) / 1e9;
    }

    /**
     * Adds a command; {@code action} gets the words after the command word and throws
     * {@link IllegalArgumentException} for arguments it cannot take.
     */
    public Scenario command(String word, String usage, Consumer<List<String>> action) {
        commands.put(word, new Command(usage, Objects.requireNonNull(action, "action")));
        return this;
    }

    /** Scripts {@code line} before step {@code stepNumber} (0 is before the first step). */
    public Scenario at(long stepNumber, String line) {
        script.computeIfAbsent(stepNumber, s -> new ArrayList<>()).add(line);
        return this;
    }

    /**
     * Runs the scripted scenario for {@code --steps} steps, or the interactive one with {@code --interactive}.
     * Returns when the run ends.
     */
    public void run(Options options, Console console) throws InterruptedException {
        this.console = console;
        if (realTime || options.get(Options.INTERACTIVE)) {
            long steps = options.given(Options.STEPS) ? options.get(Options.STEPS) : Long.MAX_VALUE;
            long tick = options.given(Options.TICK) ? options.get(Options.TICK) : step.toMillis();
            long duration = options.given(Options.DURATION)
                    ? TimeUnit.SECONDS.toNanos(options.get(Options.DURATION)) : Long.MAX_VALUE;
            interactive(steps, tick, duration);
        } else {
            long pace = !options.given(Options.UI) ? 0
                    : options.given(Options.TICK) ? options.get(Options.TICK) : step.toMillis();
            scripted(options.get(Options.STEPS), pace);
        }
        clock.triggerActions();
    }

    /** The script, each step {@code paceMillis} of real time apart (none when 0). */
    private void scripted(long steps, long paceMillis) throws InterruptedException {
        for (long s = 0; s < steps; s++) {
            if (s > 0 && paceMillis > 0) {
                TimeUnit.MILLISECONDS.sleep(paceMillis);
            }
            for (String line : script.getOrDefault(s, List.of())) {
                execute("script", line);
                if (quit) {
                    return;
                }
            }
            advance();
        }
    }

    private void interactive(long steps, long tickMillis, long durationNanos) throws InterruptedException {
        Thread reader = new Thread(this::read, "mape-examples-stdin");
        reader.setDaemon(true);
        reader.start();
        console.trace("input", "commands: " + String.join(", ", usages()) + ", help");
        long start = System.nanoTime();
        for (long s = 0; s < steps; s++) {
            long stepEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tickMillis);
            Runnable task;
            while ((task = tasks.poll(Math.max(0, Math.min(stepEnd - System.nanoTime(),
                    durationNanos - (System.nanoTime() - start))), TimeUnit.NANOSECONDS)) != null) {
                task.run();
                if (quit) {
                    return;
                }
            }
            if (System.nanoTime() - start >= durationNanos) {
                console.trace("input", String.format(Locale.ROOT, "%.1f s: --duration is over", seconds()));
                return;
            }
            advance();
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    String command = line.trim();
                    tasks.add(() -> execute("input", command));
                }
            }
        } catch (IOException e) {
            console.trace("input", "stdin failed: " + e.getMessage());
        }
        tasks.add(() -> quit = true);
    }

    private void advance() {
        clock.advanceTimeBy(step.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void execute(String source, String line) {
        List<String> words = Arrays.asList(line.trim().split("\\s+"));
        String word = words.get(0).toLowerCase(Locale.ROOT);
        console.trace(source, String.format(Locale.ROOT, "%.1f s: %s", seconds(), line));
        if (word.equals("help")) {
            console.trace(source, "commands: " + String.join(", ", usages()));
            return;
        }
        Command c = commands.get(word);
        if (c == null) {
            console.trace(source, "unknown command '" + word + "'; commands: " + String.join(", ", usages()));
            return;
        }
        try {
            c.action().accept(words.subList(1, words.size()));
        } catch (IllegalArgumentException e) {
            console.trace(source, e.getMessage() + "; usage: " + c.usage());
        }
    }

    private List<String> usages() {
        return commands.values().stream().map(Command::usage).toList();
    }
}
