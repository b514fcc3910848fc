package io.mape.remote.redis;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Transport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance of a receiving loop of {@link StreamsFaultsIT}, run in its own JVM: {@code URL GROUP CHANNEL
 * CONSUMER}. Its executor takes about 1 ms per item (a slow effector) and prints {@code GOT i} while processing it,
 * before the item is acknowledged; it prints {@code READY} once its group reads, and runs until killed or its stdin
 * closes.
 */
public final class StreamsConsumer {

    private StreamsConsumer() {
    }

    public static void main(String[] args) throws Exception {
        try (App app = App.create(MapeConfig.builder().redisUrl(args[0]).build())) {
            Transport streams = RedisStreamsTransport.builder(app).streamsOptions(RedisStreamsOptions.builder()
                    .group(args[1]).consumer(args[3]).batch(50).reclaimIdle(Duration.ofSeconds(3)).build()).build();
            Element<Integer, Void> take = app.loop("ambulance").execute("take", (Integer i, Output<Void> out) -> {
                System.out.println("GOT " + i);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            });
            streams.source(args[2], take).ready().blockingAwait(30, TimeUnit.SECONDS);
            System.out.println("READY");
            while (System.in.read() >= 0) {
                // runs until the test kills it or closes stdin
            }
        }
    }
}
