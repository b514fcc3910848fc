package io.mape.remote.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/ui/live-page.mjs} (Playwright driving headless Chromium) with {@code node}; fails loudly,
 * saying how to get it, when node, Chromium or playwright-core is missing.
 */
final class LivePage {

    static final Path DIR = Path.of("src", "test", "ui").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LivePage() {
    }

    /** The JSON lines the script printed, after it exited 0 within {@code timeoutSeconds}. */
    static List<JsonNode> run(long timeoutSeconds, String... args) {
        checkTools();
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve("live-page.mjs").toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("live-page.mjs did not end in " + timeoutSeconds + " s; it printed: "
                        + output(lines));
            }
            reader.join(5000);
            if (p.exitValue() != 0) {
                throw new AssertionError("live-page.mjs failed (" + p.exitValue() + "): " + output(lines));
            }
            List<JsonNode> steps = new ArrayList<>();
            synchronized (lines) {
                for (String line : lines) {
                    if (line.startsWith("{")) {
                        steps.add(JSON.readTree(line));
                    }
                }
            }
            return steps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String output(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private static void checkTools() {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new AssertionError(chromium + " is missing: install Debian's chromium (apt-get install chromium), "
                    + "or set CHROMIUM to a Chromium binary; .ci/run does the former");
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new AssertionError("'node --version' failed: install Node.js 20 or newer (apt-get install nodejs npm)");
            }
        } catch (IOException e) {
            throw new AssertionError("node is not on the PATH: install Node.js 20 or newer (apt-get install nodejs npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            throw new AssertionError("playwright-core is not installed in " + DIR + ": run 'npm ci' there "
                    + "(.ci/run does)");
        }
    }
}
