package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ambulancePrintsTheTutorialLinesOnceEach() throws Exception {
        assertThat(run("ambulance")).isZero();

        assertThat(out()).isEqualTo(String.join(System.lineSeparator(),
                "Speed: 180 Km/h", "Siren is ON", "Speed: 80 Km/h", "Siren is OFF", ""));
    }

    @Test
    void helpListsTheExamples() throws Exception {
        assertThat(run("--help")).isZero();

        assertThat(out()).contains("usage: java -jar mape-examples.jar <example> [options]").contains("ambulance");
    }

    @Test
    void anUnknownExampleIsAnErrorListingTheKnownOnes() throws Exception {
        assertThat(run("ambulanze")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown example 'ambulanze'").contains("ambulance");
    }

    @Test
    void anExamplesHelpListsItsOptions() throws Exception {
        assertThat(run("speed-enforcement", "--help")).isZero();

        assertThat(out()).contains("speed-enforcement").contains("--steps N").contains("--seed N")
                .contains("--interactive").doesNotContain("cruise-control");
    }

    @Test
    void anUnknownOptionIsAnErrorWithExitStatus2() throws Exception {
        assertThat(run("speed-enforcement", "--redis", "redis://127.0.0.1:6379")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("speed-enforcement: unknown option '--redis'; options: --steps, --seed, --interactive, --tick")
                .contains("see: java -jar mape-examples.jar speed-enforcement --help");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMalformedValueIsAnErrorWithExitStatus2() throws Exception {
        assertThat(run("cruise-control", "--steps", "-3")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cruise-control: --steps must be between 1 and");
    }

    @Test
    void theFirstLoopTakesNoOptions() throws Exception {
        assertThat(run("ambulance", "--steps", "3")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ambulance: unknown option '--steps'; this example takes none");
    }

    @Test
    void helpListsTheRemoteOptionsOfTheCoordinatedExamples() throws Exception {
        assertThat(run("coordinated-car", "--help")).isZero();

        assertThat(out()).contains("--redis URL", "--rest HOST:PORT", "--ambulance HOST:PORT",
                "--cars HOST:PORT/NAME ...", "--influx URL", "--influx-token TOKEN", "--duration SECONDS");
    }

    @Test
    void theAmbulanceTakesNoPeers() throws Exception {
        assertThat(run("coordinated-ambulance", "--cars", "127.0.0.1:6061/Panda")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("coordinated-ambulance: unknown option '--cars'");
    }

    @Test
    void aRedisThatCannotBeReachedAtStartIsExitStatus1WithoutAStackTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        assertThat(run("coordinated-car", "--redis", "redis://127.0.0.1:" + port)).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("coordinated-car: cannot connect to Redis at redis://127.0.0.1:" + port)
                .doesNotContain("\tat ");
        assertThat(out()).isEmpty();
    }

    @Test
    void aRestPortTakenIsExitStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("coordinated-ambulance", "--rest", "127.0.0.1:" + taken.getLocalPort())).isEqualTo(1);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("coordinated-ambulance: cannot listen on 127.0.0.1:");
    }

    @Test
    void anInfluxWithoutItsSettingsSaysWhereToSetThem() throws Exception {
        assertThat(run("coordinated-car", "--influx", "http://127.0.0.1:8086", "--influx-token", "t",
                "--influx-org", "mape")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("coordinated-car: no InfluxDB bucket")
                .contains("--influx-bucket");
    }

    @Test
    void aDistributedDeviceRunsUntilTheEndOfStdin() throws Exception {
        Runs.Result r = Runs.runWithInput("emergency on\n", "coordinated-car", "--name", "Beetle", "--rest",
                "127.0.0.1:0", "--steps", "5");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.lines("car_Beetle_safety")).first().asString()
                .startsWith("ready: Beetle; links: REST at http://127.0.0.1:").endsWith("no peers; in-process");
        assertThat(r.lines("input")).contains("0.0 s: emergency on");
    }
}
