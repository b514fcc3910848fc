package io.mape.examples.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.examples.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Example processes started with {@code java -cp <the test class path> io.mape.examples.Main ...}: their stdout
 * collected line by line, their stdin open for commands, their stderr in a temp file. {@link #close()} kills every
 * one that is still running.
 */
final class Devices implements AutoCloseable {

    /** How long a process may take to say it is ready (a JVM start on a loaded 2-core machine). */
    static final Duration START = Duration.ofSeconds(40);

    private final List<Device> started = new CopyOnWriteArrayList<>();

    /** One running example process. */
    static final class Device {
        private final String name;
        private final Process process;
        private final Writer stdin;
        private final List<String> out = new CopyOnWriteArrayList<>();
        private final Path err;

        private Device(String name, Process process, Path err) {
            this.name = name;
            this.process = process;
            this.err = err;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.add(line);
                    }
                } catch (IOException e) {
                    out.add("(stdout closed: " + e.getMessage() + ")");
                }
            }, "stdout-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** Types {@code line} on its stdin. */
        void type(String line) {
            try {
                stdin.write(line + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(describe(), e);
            }
        }

        /** Ends its stdin, which ends its run. */
        void endInput() throws IOException {
            stdin.close();
        }

        /** Its trace lines of {@code source}, without the {@code [source] } prefix, in order. */
        List<String> lines(String source) {
            String prefix = "[" + source + "] ";
            return out.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }

        /** Its lines of {@code source} after the first that starts with {@code mark}; empty before it is printed. */
        List<String> linesAfter(String source, String mark) {
            List<String> all = lines(source);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).startsWith(mark)) {
                    return all.subList(i + 1, all.size());
                }
            }
            return List.of();
        }

        Process process() {
            return process;
        }

        List<String> out() {
            return out;
        }

        /** What it printed, for a failure message. */
        String describe() {
            String stderr;
            try {
                List<String> e = Files.readAllLines(err);
                stderr = String.join("\n", e.subList(Math.max(0, e.size() - 40), e.size()));
            } catch (IOException e) {
                stderr = "(unreadable: " + e.getMessage() + ")";
            }
            return name + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
                    + "\n--- stdout:\n" + String.join("\n", out) + "\n--- stderr (end):\n" + stderr;
        }
    }

    /** Starts {@code java ... Main args} and waits for its {@code ready} line. */
    Device start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("mape-device-" + name + "-", ".log");
        err.toFile().deleteOnExit();
        Device d = new Device(name, new ProcessBuilder(cmd).redirectError(err.toFile()).start(), err);
        started.add(d);
        return d;
    }

    /** Waits until every device has printed its {@code ready} line; fails early when one exits. */
    static void awaitReady(Device... devices) {
        for (Device d : devices) {
            await(d.name + " ready").atMost(START).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(d.out()).as(d::describe).anyMatch(l -> l.contains("] ready: ")));
        }
    }

    /**
     * Waits until {@code device}'s lines of {@code source} after the first starting with {@code mark} contain
     * {@code expected}, in order.
     */
    static void awaitAfter(Device device, String source, String mark, String... expected) {
        await(device.name + ": " + List.of(expected)).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                        assertThat(device.linesAfter(source, mark)).as(device::describe)
                                .containsSubsequence(expected));
    }

    /** A port free on loopback now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Device d : started) {
            d.process().destroy();
        }
        for (Device d : started) {
            if (!d.process().waitFor(10, TimeUnit.SECONDS)) {
                d.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
