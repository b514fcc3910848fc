package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Sink;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisExtension;
import io.mape.test.redis.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real clients on the other end: the {@code redis-cli} next to the server when there is one, else a raw Lettuce
 * connection that knows nothing of mape.
 */
class InteropIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    record Speed(String car, int kmh) {
    }

    private App app;
    private Transport redis;
    private final List<AutoCloseable> others = new ArrayList<>();

    @BeforeEach
    void setUp() {
        app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        redis = RedisTransport.builder(app).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
        for (AutoCloseable c : others) {
            c.close();
        }
    }

    @Test
    void anotherClientsPublishReachesATypedElement() throws Exception {
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        Element<Boolean, Boolean> detect = app.loop("ambulance").monitor("detect", (Boolean emergency, Output<Boolean> o) -> {
            seen.add(emergency);
            o.next(emergency);
        });
        detect.start();
        redis.source("ambulance.detect", detect).ready().blockingAwait(30, TimeUnit.SECONDS);

        publish("ambulance.detect", "true");
        publish("ambulance.detect", "false");

        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void whatASinkPublishesReadsAsPlainJson() throws Exception {
        List<String> lines = subscribe("car_a.speed");
        Sink pub = redis.sink("car_a.speed");
        await().until(() -> {
            pub.onNext(true);
            return !lines.isEmpty();
        });
        pub.onNext(new Speed("a", 90));
        pub.onNext("siren on");

        await().until(() -> lines.contains("\"siren on\""));
        assertThat(lines).containsSubsequence("true", "{\"car\":\"a\",\"kmh\":90}", "\"siren on\"");
    }

    // ---------------------------------------------------------------- the other client

    private void publish(String channel, String payload) throws Exception {
        RedisServer server = REDIS.server();
        if (server.cli().isPresent()) {
            Process p = cli(server.cli().get(), "PUBLISH", channel, payload).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            return;
        }
        RedisClient client = RedisClient.create(server.url());
        try (var c = client.connect()) {
            c.sync().publish(channel, payload);
        } finally {
            client.shutdown();
        }
    }

    /** The payloads of the messages another client receives on {@code channel}, as they arrive. */
    private List<String> subscribe(String channel) throws IOException {
        RedisServer server = REDIS.server();
        List<String> payloads = new CopyOnWriteArrayList<>();
        if (server.cli().isPresent()) {
            // redis-cli prints each message as three lines: "message", the channel, the payload
            Process p = cli(server.cli().get(), "SUBSCRIBE", channel).redirectErrorStream(true).start();
            others.add(() -> p.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    List<String> all = new ArrayList<>();
                    String line;
                    while ((line = r.readLine()) != null) {
                        all.add(line);
                        int n = all.size();
                        if (n >= 3 && all.get(n - 3).equals("message") && all.get(n - 2).equals(channel)) {
                            payloads.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the process was stopped
                }
            }, "redis-cli-reader");
            reader.setDaemon(true);
            reader.start();
            return payloads;
        }
        RedisClient client = RedisClient.create(server.url());
        StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
        others.add(client::shutdown);
        c.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                payloads.add(message);
            }
        });
        c.sync().subscribe(channel);
        return payloads;
    }

    private ProcessBuilder cli(Path cli, String... args) {
        RedisURI uri = RedisURI.create(REDIS.server().url());
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "-h", uri.getHost(), "-p", String.valueOf(uri.getPort())));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
