package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mape.examples.cruise.CruiseControl;
import io.mape.examples.highway.DynamicHighway;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServer.Row;
import io.mape.remote.influx.harness.InfluxServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * cruise-control and dynamic-highway write their time series as PyMAPE's do, to a real server through
 * {@code --influx}; the dashboards shipped in docker/ ask for exactly the series they write.
 */
class TimeSeriesIT {

    private static final Pattern TAG_FILTER = Pattern.compile("r\\[\\\\?\"(\\w+)\\\\?\"\\] == \\\\?\"([\\w-]+)\\\\?\"");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) throws Exception {
        return Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> influx(InfluxServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--influx", server.url(), "--influx-org", server.org(), "--influx-bucket", server.bucket()));
        if (server.token() != null) {
            all.addAll(List.of("--influx-token", server.token()));
        }
        return all;
    }

    @InfluxServerTest
    void cruiseControlWritesSpeedPowerAndDistanceAsTheDashboardReadsThem(InfluxServer server) throws Exception {
        assertThat(run(influx(server, "cruise-control", "--steps", "50"))).as(err.toString(StandardCharsets.UTF_8)).isZero();

        List<Row> rows = await().atMost(Duration.ofSeconds(30)).until(() -> server.rows(CruiseControl.MEASUREMENT),
                r -> tagValues(r, "type").containsAll(Set.of("speed", "power", "distance")));
        assertThat(tagValues(rows, "car")).containsExactlyInAnyOrder("Panda", "Countach");
        assertThat(rows).allSatisfy(r -> assertThat(r.fields()).containsKey("value"));
        assertThat(Duration.between(rows.get(0).time(), rows.get(rows.size() - 1).time()))
                .as("points at the scenario's time, 0.1 s a step").isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertDashboardAsksFor("cruise_control.json", CruiseControl.MEASUREMENT, rows);
    }

    @InfluxServerTest
    void dynamicHighwayWritesCarsAndLanesAsTheDashboardReadsThem(InfluxServer server) throws Exception {
        assertThat(run(influx(server, "dynamic-highway", "--steps", "60"))).as(err.toString(StandardCharsets.UTF_8)).isZero();

        List<Row> rows = await().atMost(Duration.ofSeconds(30)).until(() -> server.rows(DynamicHighway.MEASUREMENT),
                r -> tagValues(r, "type").containsAll(Set.of("lanes", "cars_carriageway_up", "cars_carriageway_down")));
        assertThat(tagValues(rows, "carriageway")).contains("carriageway_up", "carriageway_down");
        assertDashboardAsksFor("dynamic_highway.json", DynamicHighway.MEASUREMENT, rows);
    }

    @Test
    void aMalformedRemoteUrlIsExitStatus2InOneLine() throws Exception {
        for (List<String> args : List.of(List.of("cruise-control", "--influx", "http://127.0.0.1:99999"),
                List.of("dynamic-highway", "--influx", "http://127.0.0.1:99999"),
                List.of("coordinated-car", "--redis", "redis://127.0.0.1:99999"),
                List.of("coordinated-car", "--influx", "http://127.0.0.1:99999"))) {
            out.reset();
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            String[] lines = err.toString(StandardCharsets.UTF_8).split("\\R");
            assertThat(lines[0]).contains("(the port must be 1 to 65535)").doesNotContain("Exception");
            assertThat(lines).as("a line and where to look for help").hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void anInfluxThatCannotBeReachedAtStartIsExitStatus1WithoutAStackTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        assertThat(run(List.of("cruise-control", "--influx", "http://127.0.0.1:" + port, "--influx-org", "o",
                "--influx-bucket", "b"))).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .startsWith("cruise-control: InfluxDB at http://127.0.0.1:" + port + " cannot be reached: ")
                .doesNotContain("\tat ").doesNotContain("\n");
    }

    private static Set<String> tagValues(List<Row> rows, String tag) {
        return rows.stream().map(r -> r.tags().get(tag)).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every filter in the dashboard's queries names a measurement, field or tag value this run wrote. */
    private static void assertDashboardAsksFor(String file, String measurement, List<Row> rows) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("..", "docker", "influxdb", file)));
        List<String> queries = dashboard.findValues("text").stream().map(JsonNode::asText).toList();
        assertThat(queries).as("queries of " + file).isNotEmpty();
        for (String query : queries) {
            Matcher m = TAG_FILTER.matcher(query);
            int filters = 0;
            while (m.find()) {
                filters++;
                String value = m.group(2);
                if (m.group(1).equals("_measurement")) {
                    assertThat(value).as(query).isEqualTo(measurement);
                } else if (m.group(1).equals("_field")) {
                    assertThat(rows).as(query).anySatisfy(r -> assertThat(r.fields()).containsKey(value));
                } else {
                    assertThat(tagValues(rows, m.group(1))).as(file + ": " + query).contains(m.group(2));
                }
            }
            assertThat(filters).as(query).isGreaterThanOrEqualTo(2);
        }
    }
}
