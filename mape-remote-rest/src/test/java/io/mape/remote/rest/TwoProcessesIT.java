package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Apps in two JVMs talking over REST, as PyMAPE's ambulance and cars do: the car's monitor posts to the
 * ambulance's plan, the ambulance's plan posts orders back to the car's executor.
 */
class TwoProcessesIT {

    private final List<String> carOutput = new CopyOnWriteArrayList<>();
    private App ambulance;
    private Process car;

    @AfterEach
    void stop() throws InterruptedException {
        if (car != null && car.isAlive()) {
            car.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (ambulance != null) {
            ambulance.close();
        }
    }

    @Test
    void anAmbulanceAndACarInSeparateJvms() throws Exception {
        ambulance = App.create(MapeConfig.builder().restPort(0).build());
        Loop loop = ambulance.loop("ambulance_emergency");
        List<Boolean> emergencies = new CopyOnWriteArrayList<>();
        Element<Boolean, Map<String, Object>> policy = loop.plan("emergency_policy",
                (Boolean emergency, Output<Map<String, Object>> o) -> {
                    emergencies.add(emergency);
                    o.next(Map.of("speed", emergency ? 50 : 130));
                });
        RestServer server = RestServer.builder(ambulance).noToken().build();

        car = startCar(server.uri().toString());
        await().atMost(Duration.ofMinutes(1)).until(() -> carOutput.stream().anyMatch(l -> l.startsWith("READY ")));
        String carUrl = carOutput.stream().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow().substring(6);
        policy.link(PostObserver.builder(carUrl, "car_a_safety.exec").build(ambulance));

        Http toCar = new Http(java.net.URI.create(carUrl));
        for (String emergency : List.of("true", "false", "true")) {
            assertThat(toCar.post("/loops/car_a_safety/elements/emergency_detect", emergency).status())
                    .isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> emergencies.size() == 3);
        assertThat(emergencies).containsExactly(true, false, true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> carOutput.stream().filter(l -> l.startsWith("EXEC ")).count() == 3);
        assertThat(carOutput.stream().filter(l -> l.startsWith("EXEC ")))
                .containsExactly("EXEC {speed=50}", "EXEC {speed=130}", "EXEC {speed=50}");

        car.getOutputStream().close();
        assertThat(car.waitFor(30, TimeUnit.SECONDS)).as("the car closes when its input ends: " + carOutput).isTrue();
        assertThat(car.exitValue()).as(String.join("\n", carOutput)).isZero();
        assertThat(carOutput).contains("CLOSED");
    }

    private Process startCar(String ambulanceUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", classpath, "-XX:TieredStopAtLevel=1",
                CarProcess.class.getName(), ambulanceUrl)
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    carOutput.add(line);
                    System.out.println("[car] " + line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "car output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }
}
