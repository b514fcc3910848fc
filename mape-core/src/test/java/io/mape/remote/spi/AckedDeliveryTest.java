package io.mape.remote.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.Kind;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.DeliveryStats;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A driver's {@code ack} runs once the receiving element has processed the item, not when the item was handed to
 * it: what an element drops, fails on, or still holds in a queue stays unacknowledged, so a Streams transport
 * delivers it again.
 */
class AckedDeliveryTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Driver driver = new Driver();
    private final Transport transport = Transports.over(app, driver, SinkOptions.defaults());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void anAsynchronousElementAcksWhenItsStageCompletes() {
        CompletableFuture<Void> stage = new CompletableFuture<>();
        Element<Integer, Integer> e = app.loop("l").async(Kind.PLAN, "slow",
                (Integer i, Output<Integer> out) -> stage);
        e.start();
        Source<Integer> source = transport.source("c", Integer.class);
        source.subscribe(e);

        AtomicInteger acks = driver.deliver("c", "1");

        assertThat(acks).as("not acked while the stage runs").hasValue(0);
        stage.complete(null);
        assertThat(acks).hasValue(1);
    }

    @Test
    void anElementOnASchedulerAcksWhenItsWorkerProcessedTheItem() {
        TestScheduler worker = new TestScheduler();
        List<Integer> processed = new CopyOnWriteArrayList<>();
        Element<Integer, Integer> e = app.loop("l").plan("hop", (Integer i, Output<Integer> out) -> processed.add(i));
        e.scheduler(worker);
        e.start();
        transport.source("c", Integer.class).subscribe(e);

        AtomicInteger acks = driver.deliver("c", "7");

        assertThat(acks).as("queued on the worker, not processed yet").hasValue(0);
        worker.triggerActions();
        assertThat(processed).containsExactly(7);
        assertThat(acks).hasValue(1);
    }

    @Test
    void aFailedOrDroppedItemIsNotAcked() {
        Element<Integer, Integer> failing = app.loop("l").plan("failing", (Integer i, Output<Integer> out) -> {
            throw new IllegalStateException("no");
        });
        failing.start();
        transport.source("f", Integer.class).subscribe(failing);
        Element<Integer, Integer> stopped = app.loop("l").plan("stopped", (Integer i, Output<Integer> out) -> { });
        transport.source("s", Integer.class).subscribe(stopped);
        stopped.stop();

        assertThat(driver.deliver("f", "1")).as("failed").hasValue(0);
        assertThat(driver.deliver("s", "1")).as("dropped while stopped").hasValue(0);
        assertThat(failing.stats().failed()).isEqualTo(1);
    }

    @Test
    void twoObserversBothProcessBeforeTheAck_andAPlainObserverWhenOnNextReturns() {
        CompletableFuture<Void> stage = new CompletableFuture<>();
        Element<Integer, Integer> e = app.loop("l").async(Kind.PLAN, "slow",
                (Integer i, Output<Integer> out) -> stage);
        e.start();
        Source<Integer> source = transport.source("c", Integer.class);
        List<Integer> plain = new CopyOnWriteArrayList<>();
        source.subscribe(plain::add);
        source.subscribe(e);

        AtomicInteger acks = driver.deliver("c", "3");

        assertThat(plain).containsExactly(3);
        assertThat(acks).hasValue(0);
        stage.complete(null);
        assertThat(acks).hasValue(1);
    }

    @Test
    void anUndecodableMessageIsAcked_itCountsAsUndecodable() {
        Source<Integer> source = transport.source("c", Integer.class);
        source.subscribe(i -> { });

        assertThat(driver.deliver("c", "\"x\"")).hasValue(1);
        assertThat(source.stats()).isEqualTo(DeliveryStats.ofSource(1, 1, 0));
    }

    /** A driver that hands a test's messages to its one receiver and counts their acks. */
    private static final class Driver implements TransportDriver {
        private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

        AtomicInteger deliver(String channel, String json) {
            AtomicInteger acks = new AtomicInteger();
            receivers.get(channel).message(channel, json.getBytes(StandardCharsets.UTF_8), acks::incrementAndGet);
            return acks;
        }

        @Override
        public String name() {
            return "acking test driver";
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void send(String channel, byte[] body, SendCallback done) {
            done.done(SendResult.SENT, null);
        }

        @Override
        public Subscription subscribe(String pattern, Receiver r) {
            receivers.put(pattern, r);
            r.confirmed();
            return () -> { };
        }

        @Override
        public void close() {
            receivers.values().forEach(Receiver::closed);
        }
    }
}
