package io.mape.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.observe.Metered;
import io.mape.observe.Observability;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Transport;
import io.mape.remote.rest.RestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MapeMetrics in a real PrometheusMeterRegistry, scraped over HTTP from a real RestServer. */
class PrometheusRouteIT {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private App app;
    private PrometheusMeterRegistry registry;
    private RestServer server;
    private Element<Integer, Integer> sense;
    private Element<Integer, Integer> act;

    @BeforeEach
    void setUp() {
        app = App.create(MapeConfig.defaults());
        Loop car = app.loop("car");
        sense = car.monitor("sense", (Integer x, Output<Integer> o) -> o.next(x));
        act = car.execute("act", (Integer x, Output<Integer> o) -> {
            if (x % 2 == 1) {
                throw new IllegalStateException("odd " + x);
            }
        });
        sense.link(act);
        Observability.setErrorHandler(f -> { });
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = RestServer.builder(app).port(0).token("secret").configure(PrometheusRoute.of(registry)).build();
    }

    @AfterEach
    void tearDown() {
        app.close();
        registry.close();
        Observability.setErrorHandler(null);
    }

    @Test
    void elementsSinksAndSourcesAreScrapedWithTheirTagsAndCounts() throws Exception {
        Transport t = InProcessTransport.builder(app).build();
        List<Integer> heard = new CopyOnWriteArrayList<>();
        t.source("car.*", Integer.class).subscribe(heard::add);
        t.sink(sense);
        Element<Integer, Integer> idle = app.level("site").loop("radar").monitor("idle",
                (Integer x, Output<Integer> o) -> o.next(x));
        MapeMetrics.builder(app).appName("car-a").processTime(1).build().bindTo(registry);

        sense.start();
        for (int i = 1; i <= 4; i++) {
            sense.onNext(i);
        }
        idle.onNext(9); // a monitor not started: dropped as stopped
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 4);

        Map<String, Double> s = await().atMost(Duration.ofSeconds(10)).until(this::scrape,
                m -> m.getOrDefault(series("mape_source_received_total", "app", "car-a", "channel", "car.*",
                        "kind", "source", "transport", t.name()), 0.0) == 4);

        String[] actTags = {"app", "car-a", "element", "act", "kind", "execute", "level", "", "loop", "car"};
        assertThat(s).containsEntry(series("mape_element_items_in_total", actTags), 4.0)
                .containsEntry(series("mape_element_processed_total", actTags), 2.0)
                .containsEntry(series("mape_element_failed_total", actTags), 2.0)
                .containsEntry(series("mape_element_errors_total", actTags), 2.0)
                .containsEntry(series("mape_element_queued", actTags), 0.0)
                .containsEntry(series("mape_element_running", actTags), 1.0)
                .containsEntry(series("mape_element_process_seconds_count", actTags), 2.0)
                .containsEntry(series("mape_element_items_out_total", "app", "car-a", "element", "sense",
                        "kind", "monitor", "level", "", "loop", "car"), 4.0)
                .containsEntry(series("mape_element_dropped_total", "app", "car-a", "element", "idle",
                        "kind", "monitor", "level", "site", "loop", "radar", "reason", "stopped"), 1.0)
                .containsEntry(series("mape_element_dropped_total", "app", "car-a", "element", "idle",
                        "kind", "monitor", "level", "site", "loop", "radar", "reason", "overflow"), 0.0)
                .containsEntry(series("mape_element_running", "app", "car-a", "element", "idle",
                        "kind", "monitor", "level", "site", "loop", "radar"), 0.0);
        String[] sink = {"app", "car-a", "channel", "car.sense", "kind", "sink", "transport", t.name()};
        assertThat(s).containsEntry(series("mape_sink_accepted_total", sink), 4.0)
                .containsEntry(series("mape_sink_sent_total", sink), 4.0)
                .containsEntry(series("mape_sink_dropped_total", withReason(sink, "overflow")), 0.0)
                .containsEntry(series("mape_sink_pending", sink), 0.0);
        assertThat(s.get(series("mape_element_process_seconds_sum", actTags))).isPositive();
        // bounded: one series per element and reason, none per item
        assertThat(s.keySet().stream().filter(k -> k.startsWith("mape_element_dropped_total{"))).hasSize(3 * 8);

        // every series the Grafana dashboard queries is one of these
        Set<String> names = s.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).collect(Collectors.toSet());
        String dashboard = Files.readString(Path.of("../docker/grafana/mape-dashboard.json"));
        Set<String> queried = new TreeSet<>();
        Matcher q = Pattern.compile("\\b(mape_[a-z_]+)").matcher(dashboard);
        while (q.find()) {
            queried.add(q.group(1));
        }
        assertThat(queried).hasSizeGreaterThan(8);
        assertThat(names).containsAll(queried);
    }

    @Test
    void refreshAddsTheMetersOfNewElementsAndRemovesThoseOfRemovedOnes() throws Exception {
        MapeMetrics metrics = MapeMetrics.of(app);
        metrics.bindTo(registry);
        Element<Integer, Integer> later = app.loop("car").analyze("later", (Integer x, Output<Integer> o) -> { });
        String laterIn = series("mape_element_items_in_total", "app", "mape", "element", "later", "kind", "analyze",
                "level", "", "loop", "car");
        assertThat(scrape()).doesNotContainKey(laterIn);

        metrics.refresh();
        later.onNext(1);
        assertThat(scrape()).containsKey(laterIn);

        app.remove("car.later");
        metrics.refresh();
        assertThat(scrape()).doesNotContainKey(laterIn)
                .containsKey(series("mape_element_items_in_total", "app", "mape", "element", "act", "kind",
                        "execute", "level", "", "loop", "car"));
    }

    @Test
    void aRegisteredRecordOfNumbersBecomesGauges() throws Exception {
        record CacheStats(long hits, int misses, String name) {
        }
        Observability.of(app).register(new Metered("cache", "lru", Map.of("cache", "lru"), this,
                () -> new CacheStats(7, 2, "lru")));
        MapeMetrics.of(app).bindTo(registry);

        Map<String, Double> s = scrape();

        assertThat(s).containsEntry(series("mape_cache_hits", "app", "mape", "cache", "lru", "kind", "cache"), 7.0)
                .containsEntry(series("mape_cache_misses", "app", "mape", "cache", "lru", "kind", "cache"), 2.0);
    }

    @Test
    void theRouteTakesTheServersTokenAndAnswersTheTextFormat() throws Exception {
        MapeMetrics.of(app).bindTo(registry);

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(metricsUri()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> authorized = http.send(authorized(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\"");
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.headers().firstValue("Content-Type")).hasValue(PrometheusRoute.CONTENT_TYPE);
        assertThat(authorized.body()).contains("# TYPE mape_element_items_in_total counter");
    }

    private URI metricsUri() {
        return server.uri().resolve(PrometheusRoute.PATH);
    }

    private HttpRequest authorized() {
        return HttpRequest.newBuilder(metricsUri()).header("Authorization", "Bearer secret").build();
    }

    /** The samples of one scrape: {@code name{label="value",...}} (labels sorted) → value. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = http.send(authorized(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
        return samples;
    }

    private static String[] withReason(String[] labels, String reason) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = "reason";
        out[labels.length + 1] = reason;
        return out;
    }

    private static String series(String name, String... labels) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            m.put(labels[i], labels[i + 1]);
        }
        return key(name, m);
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
        return b.append('}').toString();
    }
}
