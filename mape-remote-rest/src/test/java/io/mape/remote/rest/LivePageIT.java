package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live page {@code GET /ui} in a real headless Chromium driven by Playwright: it draws the elements, its
 * rates move when items are pushed, and its stop button stops an element.
 */
class LivePageIT {

    private App app;
    private Element<Integer, Integer> detect;
    private Element<Integer, Integer> decide;
    private RestServer server;

    @BeforeEach
    void app() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        Loop loop = app.level("cars").loop("car");
        detect = loop.monitor("detect", (Integer speed, Output<Integer> o) -> o.next(speed));
        decide = loop.analyze("decide", (Integer speed, Output<Integer> o) -> {
            if (speed > 90) {
                o.next(90);
            }
        });
        Element<Integer, Integer> act = loop.execute("act", (Integer speed, Output<Integer> o) -> { });
        detect.link(decide);
        decide.link(act);
        detect.start();
        server = RestServer.builder(app).build();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void thePageDrawsTheLoopShowsRatesAndStopsAnElement() {
        String config = "{\"elements\": [\"car.detect\", \"car.decide\", \"car.act\"],"
                + " \"push\": {\"element\": \"car.detect\", \"body\": \"120\", \"count\": 20}, \"stop\": \"car.decide\"}";
        assertThat(decide.isRunning()).isTrue();

        List<JsonNode> steps = LivePage.run(90, "check", server.uiUri().toString(), config);

        Map<String, JsonNode> byName = steps.stream().collect(Collectors.toMap(s -> s.get("step").asText(), s -> s));
        assertThat(byName).containsKeys("opened", "rendered", "rate", "stopped").doesNotContainKey("problems");
        assertThat(byName.get("opened").get("url").asText()).isEqualTo(server.uri() + "/ui");
        JsonNode rendered = byName.get("rendered");
        assertThat(texts(rendered.get("elements"))).containsExactly("car.detect", "car.decide", "car.act");
        assertThat(texts(rendered.get("starts"))).containsExactly("manual", "on_subscribe", "on_creation");
        assertThat(texts(rendered.get("links"))).containsExactlyInAnyOrder("car.detect>car.decide",
                "car.decide>car.act");
        assertThat(byName.get("rate").get("before").asText()).startsWith("in 0/s");
        assertThat(byName.get("rate").get("after").asText()).doesNotStartWith("in 0/s");
        assertThat(texts(byName.get("rate").get("statuses"))).containsOnly("200");
        assertThat(detect.stats().itemsIn()).isEqualTo(20);

        await().atMost(Duration.ofSeconds(5)).until(() -> !decide.isRunning());
        assertThat(detect.isRunning()).isTrue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
