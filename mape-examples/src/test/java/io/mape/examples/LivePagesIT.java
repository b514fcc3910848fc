package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --ui}: the examples serve each App's live page while the scripted run steps in real time. */
class LivePagesIT {

    private static final Pattern URL = Pattern.compile("live page of ([^:]+): (http://\\S+/ui\\?token=\\S+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void theHighwayPrintsOnePagePerCarriagewayAndServesItsTopology() throws Exception {
        List<String> topologies = topologies(2, "dynamic-highway", "--ui", "--steps", "30", "--tick", "100");
        assertThat(topologies).anySatisfy(t -> assertThat(t).contains("\"carriageway_up\"").contains("\"lane_0\""));
        assertThat(topologies).anySatisfy(t -> assertThat(t).contains("\"carriageway_down\""));
    }

    @Test
    void theCoordinatedDevicesPrintOnePageEach() throws Exception {
        List<String> topologies = topologies(4, "coordinated-car", "--ui", "--steps", "30", "--tick", "100");
        assertThat(topologies).anySatisfy(t -> assertThat(t).containsIgnoringCase("ambulance").contains("\"remote\":true"));
    }

    /** Runs the example; fetches GET /topology of each page it prints, through the page's token flow. */
    private static List<String> topologies(int pages, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return Main.run(args, out, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> count(printed(bytes)) >= pages || run.isDone());
        Matcher m = URL.matcher(printed(bytes));
        List<String> topologies = new java.util.ArrayList<>();
        while (m.find()) {
            URI page = URI.create(m.group(2));
            HttpResponse<String> first = CLIENT.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(printed(bytes)).isEqualTo(303);
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> topology = CLIENT.send(HttpRequest.newBuilder(page.resolve("/topology"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(topology.statusCode()).isEqualTo(200);
            topologies.add(topology.body());
        }
        assertThat(topologies).hasSize(pages);
        assertThat(run.get()).as(printed(bytes)).isZero();
        return topologies;
    }

    private static String printed(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static int count(String text) {
        int n = 0;
        for (Matcher m = URL.matcher(text); m.find(); ) {
            n++;
        }
        return n;
    }
}
