package io.mape.remote.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.rest.NotificationKind;
import io.mape.remote.rest.PostOptions;
import io.mape.remote.rest.RestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/** {@link OrderedSender} against a real {@link RestServer}: every notification is counted exactly once. */
class OrderedSenderIT {

    private App target;
    private RestServer server;

    @BeforeEach
    void start() {
        target = App.create(MapeConfig.builder().restPort(0).build());
        target.loop("sink").monitor("collect", (Integer i, Output<Integer> o) -> { }).start();
        server = RestServer.start(target);
    }

    @AfterEach
    void stop() {
        target.close();
    }

    /**
     * The answer comes while {@code close} gives up on the request in flight: holding the sender's lock parks its
     * thread between the answer and its booking, and {@code close} (re-entering the lock) counts the request as
     * dropped meanwhile. The late answer must not count it again as sent.
     */
    @RepeatedTest(5)
    void aRequestThatCloseGaveUpOnIsNotCountedAgainWhenItsAnswerComesLate() {
        String name = "race-" + System.nanoTime();
        Map<NotificationKind, URI> uris = new EnumMap<>(NotificationKind.class);
        for (NotificationKind n : NotificationKind.values()) {
            uris.put(n, URI.create(server.uri() + "/loops/sink/elements/collect?port=in&notification=" + n.wireName()));
        }
        OrderedSender sender = new OrderedSender(new OrderedSender.Options(name, uris, null,
                PostOptions.builder().closeTimeout(Duration.ZERO).build()), null);

        sender.offer(NotificationKind.NEXT, "1".getBytes(StandardCharsets.UTF_8));
        synchronized (sender) {
            await().until(() -> senderThread(name).map(t -> t.getState() == Thread.State.BLOCKED).orElse(false));
            sender.close(Duration.ZERO);
        }
        await().until(() -> senderThread(name).isEmpty());

        OrderedSender.Counts c = sender.counts();
        assertThat(c.sent() + c.rejected() + c.dropped()).as(c.toString()).isEqualTo(1);
        assertThat(c.buffered()).isZero();
    }

    private static Optional<Thread> senderThread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mape-post " + name) && t.isAlive()).findFirst();
    }
}
