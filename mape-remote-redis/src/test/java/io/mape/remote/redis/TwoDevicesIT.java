package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.test.redis.RedisExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two Apps in separate JVM processes exchanging items over Redis channels, one with a pattern subscription. */
class TwoDevicesIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private final List<Running> processes = new ArrayList<>();

    private record Running(Process process, List<String> out, Path err) {
        String describe() {
            try {
                return "stdout " + out + ", stderr:\n" + Files.readString(err);
            } catch (IOException e) {
                return "stdout " + out;
            }
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Running r : processes) {
            r.process().destroy();
            if (!r.process().waitFor(10, TimeUnit.SECONDS)) {
                r.process().destroyForcibly();
            }
        }
    }

    @Test
    void carsAndAStationInSeparateJvmsTalkOverChannelPatterns() throws Exception {
        String url = REDIS.server().url();
        Running station = start("station", url);
        await().failFast(() -> !station.process().isAlive())
                .until(() -> station.out().contains("READY"));

        Running carA = start("car", "a", url);
        Running carB = start("car", "b", url);

        for (Running car : List.of(carA, carB)) {
            assertThat(car.process().waitFor(60, TimeUnit.SECONDS)).as(car.describe()).isTrue();
            assertThat(car.process().exitValue()).as(car.describe()).isZero();
        }
        assertThat(carA.out()).hasSizeGreaterThanOrEqualTo(5).allMatch(l -> l.startsWith("ACK car_a.detect:"));
        assertThat(carB.out()).hasSizeGreaterThanOrEqualTo(5).allMatch(l -> l.startsWith("ACK car_b.detect:"));
        assertThat(station.out()).anyMatch(l -> l.startsWith("GOT car_a.detect "))
                .anyMatch(l -> l.startsWith("GOT car_b.detect "));
    }

    private Running start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Device.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("mape-device-", ".log");
        err.toFile().deleteOnExit();
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "device-" + String.join("-", args[0]));
        reader.setDaemon(true);
        reader.start();
        Running running = new Running(p, out, err);
        processes.add(running);
        return running;
    }
}
