package io.mape.examples.coordinated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.examples.Console;
import io.mape.examples.Runs;
import io.mape.examples.sim.VirtualAmbulance;
import io.mape.examples.sim.VirtualCar;
import io.mape.remote.InProcessHub;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Link;
import io.mape.remote.Links;
import io.mape.remote.Transport;
import io.mape.test.MapeExtension;
import io.mape.test.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MapeExtension.class)
class CoordinatedExampleTest {

    private static final Map<String, Integer> LIMITS = Map.of("Veyron", 400, "Countach", 260, "Panda", 110);

    private final Console quiet = new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream());

    @Test
    void everyCarSlowsToTheSafetySpeedInAnEmergencyAndRecoversAfter(TestApp t) {
        try (CoordinatedExample.Devices devices = CoordinatedExample.car().build("Panda", 90, t.clock(), new Random(1),
                inProcess(), quiet)) {
            t.advance(Duration.ofSeconds(20));

            devices.emergency(List.of("on"), "Panda");
            t.advance(Duration.ofSeconds(80));
            for (String car : devices.cars()) {
                VirtualCar v = devices.vehicles().get(car);
                assertThat(v.speedLimit()).as(car).isEqualTo(CarDevice.SAFETY_SPEED);
                assertThat(v.speed()).as(car).isBetween(CarDevice.SAFETY_SPEED - 5, CarDevice.SAFETY_SPEED + 5);
                assertThat(v.hazardLights()).as(car).isTrue();
            }
            VirtualAmbulance ambulance = (VirtualAmbulance) devices.vehicles().get("Ambulance");
            assertThat(ambulance.siren()).isTrue();
            assertThat(ambulance.speedLimit()).isEqualTo(AmbulanceDevice.EMERGENCY_SPEED);

            devices.emergency(List.of("off", "all"), "Panda");
            t.advance(Duration.ofSeconds(80));
            for (String car : devices.cars()) {
                VirtualCar v = devices.vehicles().get(car);
                assertThat(v.speedLimit()).as(car).isEqualTo(LIMITS.get(car));
                assertThat(v.speed()).as(car).isBetween(LIMITS.get(car) - 10, LIMITS.get(car) + 5);
                assertThat(v.hazardLights()).as(car).isFalse();
            }
            assertThat(ambulance.siren()).isFalse();
            assertThat(ambulance.speedLimit()).isEqualTo(100);
        }
    }

    @Test
    void theCarTraceShowsEachLoopsDecisionsOnce() throws Exception {
        Runs.Result r = Runs.run("coordinated-car");

        assertThat(r.exit()).isZero();
        assertThat(r.lines("car_Veyron_safety")).containsExactly(
                "speed limit 30 km/h", "hazard lights ON", "speed limit 400 km/h", "hazard lights OFF");
        assertThat(r.lines("car_Panda_safety")).containsExactly(
                "speed limit 30 km/h", "hazard lights ON", "speed limit 110 km/h", "hazard lights OFF");
        assertThat(r.lines("ambulance_emergency")).containsExactly(
                "speed limit 160 km/h", "siren ON", "speed limit 100 km/h", "siren OFF");
        assertThat(r.lines("sim")).last().asString().startsWith("180 s: ");
    }

    @Test
    void nameAndSpeedSetThisDevice() throws Exception {
        Runs.Result r = Runs.run("coordinated-car", "--name", "Beetle", "--speed", "50", "--steps", "30");

        assertThat(r.lines("car_Beetle_safety")).startsWith("speed limit 30 km/h", "hazard lights ON");
        assertThat(r.lines("sim").get(0)).contains("Beetle ").contains("/70 km/h");
    }

    @Test
    void theAmbulanceRushesWhenACarReportsAnEmergency() throws Exception {
        Runs.Result r = Runs.run("coordinated-ambulance", "--speed", "60");

        assertThat(r.lines("script")).containsExactly("20.0 s: emergency on Panda", "100.0 s: emergency off all");
        assertThat(r.lines("ambulance_emergency")).containsExactly(
                "speed limit 160 km/h", "siren ON", "speed limit 80 km/h", "siren OFF");
    }

    @Test
    void withMessagesACarFollowsOnlyWhenTwoOthersReportAnEmergency(TestApp t) {
        try (CoordinatedExample.Devices devices = CoordinatedExample.carWithMessage().build("Panda", 90, t.clock(),
                new Random(1), inProcess(), quiet)) {
            devices.emergency(List.of("on"), "Panda");
            t.advance(Duration.ofSeconds(1));
            assertThat(devices.vehicles().get("Panda").speedLimit()).isEqualTo(30);
            assertThat(devices.vehicles().get("Countach").speedLimit()).isEqualTo(260);

            devices.emergency(List.of("on", "Veyron"), "Panda");
            assertThat(devices.vehicles().get("Countach").speedLimit()).isEqualTo(30);

            devices.emergency(List.of("off", "Panda"), "Panda");
            assertThat(devices.vehicles().get("Panda").speedLimit()).isEqualTo(110);
            assertThat(devices.vehicles().get("Countach").speedLimit()).as("one report left").isEqualTo(30);

            devices.emergency(List.of("off", "Veyron"), "Panda");
            assertThat(devices.vehicles().get("Countach").speedLimit()).as("no report left").isEqualTo(260);
            assertThat(devices.vehicles().get("Countach").hazardLights()).isFalse();
        }
    }

    @Test
    void theLoopsKeepPyMapesUidsAndChannels(TestApp t) {
        try (CoordinatedExample.Devices devices = CoordinatedExample.car().build("Panda", 90, t.clock(), new Random(1),
                inProcess(), quiet)) {
            App ambulance = devices.apps().get(0);
            App panda = devices.apps().get(3);
            assertThat(ambulance.<Loop>get("ambulance_emergency").elements()).extracting(Element::uid)
                    .containsExactly("emergency_detect", "emergency_policy", "emergency_exec", "push_to_influx");
            assertThat(panda.<Loop>get("car_Panda_safety").elements()).extracting(Element::uid)
                    .containsExactlyInAnyOrder("emergency_detect", "analyzer", "safety_policy", "speed_limit",
                            "hazard_lights", "push_to_influx");

            assertThat(Links.of(ambulance).list()).extracting(Link::direction, Link::channel)
                    .containsExactly(tuple(Link.Direction.SOURCE, "car_*_safety.emergency_detect"));
            assertThat(Links.of(panda).list()).extracting(Link::direction, Link::channel).containsExactlyInAnyOrder(
                    tuple(Link.Direction.SOURCE, "car_*_safety.analyzer"),
                    tuple(Link.Direction.SINK, "car_Panda_safety.analyzer"),
                    tuple(Link.Direction.SINK, "car_Panda_safety.emergency_detect"));
        }
    }

    @Test
    void aBadEmergencyCommandIsReported() throws Exception {
        Runs.Result r = Runs.runWithInput("emergency maybe\nemergency on Herbie\nquit\n",
                "coordinated-car", "--interactive", "--tick", "0");

        assertThat(r.exit()).isZero();
        assertThat(r.lines("input")).contains(
                "expected on or off, then a device; usage: emergency on|off [NAME|all]",
                "no device 'Herbie' (devices: Ambulance, Veyron, Countach, Panda, all); usage: emergency on|off [NAME|all]");
    }

    /** Every device on one in-process hub. */
    private static Function<App, Transport> inProcess() {
        InProcessHub hub = InProcessHub.create();
        return app -> InProcessTransport.builder(app).hub(hub).build();
    }
}
