package io.mape.remote.rest;

import static io.mape.remote.rest.RestServerIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.InProcessHub;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Transport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /topology}, {@code GET /events} and the token flow of {@code GET /ui}, on a real server. */
class TopologyIT {

    private static final String TOKEN = "t0pology-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private App app;
    private Element<Integer, Integer> detect;
    private RestServer server;

    @BeforeEach
    void app() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        Loop loop = app.level("device").loop("car");
        detect = loop.monitor("detect", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> decide = loop.analyze("decide", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> act = loop.execute("act", (Integer x, Output<Integer> o) -> { });
        detect.link(decide);
        decide.link(act);
        Transport t = InProcessTransport.builder(app).hub(InProcessHub.create()).build();
        decide.link(t.sink("elsewhere.in"));
        t.source("commands.*", Integer.class).subscribe(act);
        server = RestServer.builder(app).token(TOKEN).build();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void theTopologyHasLevelsLoopsElementsChannelsAndLinks() {
        JsonNode t = new Http(server.uri(), TOKEN).get("/topology").json();

        assertThat(t.at("/levels/0/uid").asText()).isEqualTo("device");
        assertThat(t.at("/levels/0/loops/0").asText()).isEqualTo("car");
        JsonNode loop = t.at("/loops/0");
        assertThat(loop.get("level").asText()).isEqualTo("device");
        JsonNode m = loop.at("/elements/0");
        assertThat(m.get("id").asText()).isEqualTo("car.detect");
        assertThat(m.get("kind").asText()).isEqualTo("monitor");
        assertThat(m.get("startBehaviour").asText()).isEqualTo("manual");
        assertThat(m.get("running").asBoolean()).isFalse();
        assertThat(m.get("inputType").asText()).isEqualTo("java.lang.Integer");
        assertThat(m.at("/stats/itemsIn").asLong()).isZero();
        assertThat(loop.at("/elements/1/startBehaviour").asText()).isEqualTo("on_subscribe");
        assertThat(loop.at("/elements/1/running").asBoolean()).isTrue();
        assertThat(loop.at("/elements/2/startBehaviour").asText()).isEqualTo("on_creation");

        List<String> channels = ids(t.get("channels"), "id");
        assertThat(channels).containsExactly("sink:elsewhere.in", "source:commands.*");
        List<String> links = new ArrayList<>();
        t.get("links").forEach(l -> links.add(l.get("from").asText() + ">" + l.get("to").asText()
                + (l.get("remote").asBoolean() ? " remote" : "")));
        assertThat(links).containsExactlyInAnyOrder("car.detect>car.decide", "car.decide>car.act",
                "car.decide>sink:elsewhere.in remote", "source:commands.*>car.act remote");
    }

    @Test
    void topologyAndEventsNeedTheToken() {
        Http anonymous = new Http(server.uri());
        assertError(anonymous.get("/topology"), 401, "bearer token");
        assertError(anonymous.get("/events"), 401, "bearer token");
        assertError(new Http(server.uri(), TOKEN).get("/events"), 406, "Accept: text/event-stream");
        assertError(anonymous.get("/ui"), 401, "/ui?token=");
    }

    @Test
    void theTokenInTheUrlSetsASessionCookieAndRedirectsToThePage() {
        Http anonymous = new Http(server.uri());
        assertError(anonymous.get("/ui?token=guess"), 401, "wrong token in ?token=");

        Http.Response first = anonymous.get("/ui?token=" + TOKEN);
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).isEqualTo("/ui");
        String cookie = first.header("Set-Cookie");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        String pair = cookie.split(";")[0];

        Http.Response page = anonymous.send("GET", "/ui", null, "Cookie", pair);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("/ui/live.js");
        assertThat(anonymous.send("GET", "/ui/live.js", null, "Cookie", pair).body()).contains("EventSource");
        assertThat(anonymous.send("GET", "/topology", null, "Cookie", pair).status()).isEqualTo(200);
        assertThat(anonymous.send("POST", "/loops/car/elements/detect/start", null, "Cookie", pair).status())
                .isEqualTo(200);
        assertThat(detect.isRunning()).isTrue();

        // a cookie left by an earlier server does not hide a right token in the URL
        assertThat(anonymous.send("GET", "/ui?token=" + TOKEN, null, "Cookie", "mape_token=old").status())
                .isEqualTo(303);
    }

    @Test
    void theServerLogsTheUrlOfThePage() {
        assertThat(server.uiUri()).isEqualTo(URI.create(server.uri() + "/ui?token=" + TOKEN));
    }

    @Test
    void eventsCarryRatesEverySecond() throws Exception {
        detect.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/events"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            JsonNode first = nextTick(in);
            assertThat(first.at("/elements/car.detect/running").asBoolean()).isTrue();
            assertThat(first.get("channels").has("sink:elsewhere.in")).isTrue();
            detect.stop();
            for (int i = 0; i < 5; i++) {
                detect.onNext(i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                JsonNode tick = nextTick(in);
                return tick.at("/elements/car.detect/droppedSinceLastTick/stopped").asLong() == 5
                        && tick.at("/elements/car.detect/inPerSecond").asDouble() > 0;
            });
            detect.start();
            for (int i = 0; i < 3; i++) {
                detect.onNext(i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> nextTick(in).at("/elements/car.decide/outPerSecond")
                    .asDouble() > 0);
        }
    }

    @Test
    void eventsServeABoundedNumberOfClientsAndFreeTheSlotOfOneThatLeaves() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            HttpResponse<InputStream> r = client.send(events(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            streams.add(r);
        }
        HttpResponse<InputStream> refused = client.send(events(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(refused.statusCode()).as("a 17th client").isEqualTo(503);
        try (InputStream body = refused.body()) {
            assertThat(JSON.readTree(body).get("error").asText()).contains("already 16 clients");
        }

        streams.remove(0).body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<InputStream> r = client.send(events(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() == 200) {
                streams.add(r);
                return true;
            }
            r.body().close();
            return false;
        });
        for (HttpResponse<InputStream> r : streams) {
            r.body().close();
        }
    }

    @Test
    void aBurstOfConnectsGetsNoMoreThanTheBound_andEveryPlaceComesBack() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<InputStream>>> burst = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            burst.add(client.sendAsync(events(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<InputStream>> all = new ArrayList<>();
        for (var f : burst) {
            all.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(all).extracting(HttpResponse::statusCode).filteredOn(c -> c == 200).hasSize(16);
        assertThat(all).extracting(HttpResponse::statusCode).filteredOn(c -> c == 503).hasSize(8);
        for (HttpResponse<InputStream> r : all) {
            r.body().close();
        }

        List<HttpResponse<InputStream>> held = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<InputStream> r = client.send(events(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() == 200) {
                held.add(r);
            } else {
                r.body().close();
            }
            return held.size() == 16;
        });
        HttpResponse<InputStream> seventeenth = client.send(events(), HttpResponse.BodyHandlers.ofInputStream());
        seventeenth.body().close();
        assertThat(seventeenth.statusCode()).as("no place given back twice").isEqualTo(503);
        for (HttpResponse<InputStream> r : held) {
            r.body().close();
        }
    }

    private HttpRequest events() {
        return HttpRequest.newBuilder(server.uri().resolve("/events")).header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "text/event-stream").build();
    }

    /** The data of the next {@code tick} event. */
    private static JsonNode nextTick(BufferedReader in) throws Exception {
        String event = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "tick".equals(event)) {
                return JSON.readTree(line.substring(5).trim());
            }
        }
        throw new AssertionError("the event stream ended");
    }

    private static List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
