package io.mape.remote.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The transport TCK for a transport with a server: all of {@link TransportTck}, and a reconnect after the server is
 * killed ({@code kill -9}) and restarted on the same address, with counted loss and no duplicates.
 */
public abstract class ServerTransportTck extends TransportTck {

    /** Kills the server as {@code kill -9} does: no goodbye to the clients. */
    protected abstract void killServer();

    /** Starts the killed server again on the same address, empty. */
    protected abstract void restartServer();

    @Test
    @DisplayName("reconnects after its server is killed (kill -9) and restarted: counted loss within the outage, "
            + "no duplicates")
    void reconnectsAfterTheServerIsKilledAndRestarted() {
        Transport receiver = newTransport();
        Source<Integer> source = receiver.source(channel("restart"), Integer.class);
        List<Integer> got = collect(source);
        Sink sink = newTransport().sink(channel("restart"));
        range(0, 200).forEach(sink::onNext);
        awaitSize(got, 200);

        killServer();
        range(200, 300).forEach(sink::onNext);
        restartServer();
        source.ready().blockingAwait(timeout().toMillis(), TimeUnit.MILLISECONDS);
        await().atMost(timeout()).until(() -> sink.stats().pending() == 0);
        range(300, 500).forEach(sink::onNext);
        await().atMost(timeout()).until(() -> !got.isEmpty() && got.get(got.size() - 1) == 499);

        DeliveryStats s = sink.stats();
        Set<Integer> distinct = new LinkedHashSet<>(got);
        assertThat(distinct).as("no duplicates").hasSize(got.size());
        assertThat(got).as("in order").isSorted();
        assertThat(got).as("all sent before the kill and after the restart").containsAll(range(0, 200))
                .containsAll(range(300, 500));
        long lost = 500 - got.size();
        assertThat(lost).as("lost only what was sent during the outage").isLessThanOrEqualTo(100);
        assertThat(lost).as("every loss counted: " + s)
                .isLessThanOrEqualTo(s.failed() + s.droppedTotal() + s.sent() - s.acknowledged());
        assertAccounted(s);
    }
}
