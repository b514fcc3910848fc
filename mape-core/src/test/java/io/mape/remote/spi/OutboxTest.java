package io.mape.remote.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.TestHelper;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.OverflowPolicy;
import io.mape.remote.SinkOptions;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final TestScheduler clock = new TestScheduler();
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final List<Integer> sent = new CopyOnWriteArrayList<>();

    private Outbox<Integer> outbox(SinkOptions options) {
        return new Outbox<>("test", options, (item, done) -> {
            sent.add(item);
            done.done(SendResult.SENT, null);
        }, connected::get, Integer.MAX_VALUE, clock);
    }

    private static SinkOptions capacity(int n, OverflowPolicy policy) {
        return SinkOptions.builder().capacity(n).overflow(policy).build();
    }

    private static void assertAccounted(DeliveryStats s) {
        assertThat(s.sent() + s.failed() + s.droppedTotal() + s.pending()).isEqualTo(s.accepted());
    }

    @Test
    void sendsAtOnceOnThePushingThreadWhenNothingWaits() {
        Outbox<Integer> box = outbox(SinkOptions.defaults());
        box.offer(1);
        box.offer(2);
        assertThat(sent).containsExactly(1, 2);
        assertThat(box.stats().sent()).isEqualTo(2);
        assertThat(box.stats().pending()).isZero();
    }

    @Test
    void whileDisconnected_keepsItemsInOrder_andSendsThemAfterTheBackoffOnceConnected() {
        Outbox<Integer> box = outbox(SinkOptions.defaults());
        connected.set(false);
        for (int i = 0; i < 5; i++) {
            box.offer(i);
        }
        assertThat(sent).isEmpty();
        assertThat(box.stats().pending()).isEqualTo(5);

        connected.set(true);
        clock.advanceTimeBy(9, TimeUnit.MILLISECONDS);
        assertThat(sent).isEmpty();
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertThat(sent).containsExactly(0, 1, 2, 3, 4);
        assertAccounted(box.stats());
    }

    @Test
    void theBackoffDoublesUpToItsMaximum_andResetsAfterASend() {
        AtomicInteger polls = new AtomicInteger();
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.builder().backoff(Duration.ofMillis(10),
                Duration.ofMillis(40)).build(), (item, done) -> done.done(SendResult.SENT, null), () -> {
                    polls.incrementAndGet();
                    return false;
                }, 1, clock);
        box.offer(1);
        assertThat(polls).hasValue(1);
        List<Integer> at = new ArrayList<>();
        for (int ms = 1; ms <= 150; ms++) {
            clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            if (polls.get() > at.size() + 1) {
                at.add(ms);
            }
        }
        assertThat(at).containsExactly(10, 30, 70, 110, 150);
    }

    @Test
    void dropNewest_keepsTheStartOfAnOutage() {
        Outbox<Integer> box = outbox(capacity(3, OverflowPolicy.DROP_NEWEST));
        connected.set(false);
        for (int i = 0; i < 5; i++) {
            box.offer(i);
        }
        connected.set(true);
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(sent).containsExactly(0, 1, 2);
        assertThat(box.stats().dropped(DropReason.OVERFLOW)).isEqualTo(2);
        assertAccounted(box.stats());
    }

    @Test
    void dropOldest_keepsTheLatest() {
        Outbox<Integer> box = outbox(capacity(3, OverflowPolicy.DROP_OLDEST));
        connected.set(false);
        for (int i = 0; i < 5; i++) {
            box.offer(i);
        }
        connected.set(true);
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(sent).containsExactly(2, 3, 4);
        assertThat(box.stats().dropped(DropReason.OVERFLOW)).isEqualTo(2);
        assertAccounted(box.stats());
    }

    @Test
    void dropOldest_keepsTheItemTheServerAskedToHaveAgain() {
        AtomicBoolean refuse = new AtomicBoolean(true);
        Outbox<Integer> box = new Outbox<>("test", capacity(3, OverflowPolicy.DROP_OLDEST), (item, done) -> {
            if (refuse.get()) {
                done.done(SendResult.RETRY, new IOException("refused"));
            } else {
                sent.add(item);
                done.done(SendResult.SENT, null);
            }
        }, connected::get, 1, clock);
        for (int i = 0; i < 6; i++) {
            box.offer(i);
        }
        assertThat(box.stats().dropped(DropReason.OVERFLOW)).isEqualTo(3);

        refuse.set(false);
        clock.advanceTimeBy(1, TimeUnit.MINUTES);

        assertThat(sent).containsExactly(0, 4, 5);
        assertAccounted(box.stats());
    }

    @Test
    void atClose_expendableItemsAreDroppedAsClosedLikeOthers() {
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> { }, () -> false,
                1, clock, item -> item < 0);
        box.offer(1);
        box.offer(-1);
        box.close(Duration.ZERO);
        assertThat(box.stats().dropped(DropReason.CLOSED)).isEqualTo(2);
        assertAccounted(box.stats());
    }

    @Test
    void block_waitsForRoomUpToItsTimeout_thenDropsTheNewest() throws Exception {
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.builder().capacity(1).overflow(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofMillis(100)).build(), (item, done) -> {
                    sent.add(item);
                    done.done(SendResult.SENT, null);
                }, connected::get, Integer.MAX_VALUE, Schedulers.single());
        connected.set(false);
        box.offer(0);
        long t0 = System.nanoTime();
        assertThat(box.offer(1)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(box.stats().dropped(DropReason.OVERFLOW)).isEqualTo(1);

        // a pusher blocked on a full box gets in once the server is back (the box's backoff may by then have grown
        // past 100 ms, so this half waits up to 10 s for room)
        List<Integer> roomySent = new CopyOnWriteArrayList<>();
        Outbox<Integer> roomy = new Outbox<>("test", SinkOptions.builder().capacity(1).overflow(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(10)).build(), (item, done) -> {
                    roomySent.add(item);
                    done.done(SendResult.SENT, null);
                }, connected::get, Integer.MAX_VALUE, Schedulers.single());
        roomy.offer(0);
        CountDownLatch blocked = new CountDownLatch(1);
        Thread pusher = new Thread(() -> {
            blocked.countDown();
            roomy.offer(2);
        });
        pusher.start();
        blocked.await();
        connected.set(true);
        pusher.join(10_000);
        org.awaitility.Awaitility.await().until(() -> roomySent.size() == 2);
        assertThat(roomySent).containsExactly(0, 2);
        assertAccounted(roomy.stats());
    }

    @Test
    void aRetryIsSentAgainBeforeLaterItems() {
        AtomicInteger attempts = new AtomicInteger();
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> {
            if (item == 1 && attempts.incrementAndGet() == 1) {
                done.done(SendResult.RETRY, null);
            } else {
                sent.add(item);
                done.done(SendResult.ACKNOWLEDGED, null);
            }
        }, connected::get, 1, clock);
        box.offer(0);
        box.offer(1);
        box.offer(2);
        assertThat(sent).containsExactly(0);
        clock.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        assertThat(sent).containsExactly(0, 1, 2);
        assertThat(box.stats().acknowledged()).isEqualTo(3);
    }

    @Test
    void aFailureIsCountedAndNotSentAgain() {
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> {
            if (item == 1) {
                done.done(SendResult.FAILED, new IllegalStateException("cut off"));
            } else {
                sent.add(item);
                done.done(SendResult.SENT, null);
            }
        }, connected::get, Integer.MAX_VALUE, clock);
        box.offer(0);
        box.offer(1);
        box.offer(2);
        assertThat(sent).containsExactly(0, 2);
        assertThat(box.stats().failed()).isEqualTo(1);
        assertAccounted(box.stats());
    }

    @Test
    void closeWaitsForWhatIsPending_withinItsGrace_thenDropsTheRestAsClosed() {
        Outbox<Integer> box = outbox(SinkOptions.defaults());
        connected.set(false);
        box.offer(0);
        box.offer(1);
        assertThat(box.close(Duration.ofMillis(30))).isFalse();
        assertThat(box.stats().dropped(DropReason.CLOSED)).isEqualTo(2);
        box.offer(2);
        assertThat(box.stats().dropped(DropReason.CLOSED)).isEqualTo(3);
        assertThat(box.stats().pending()).isZero();
        assertAccounted(box.stats());
    }

    @Test
    void aSendInFlightAtCloseThatAnswersRetryIsDroppedAsClosed_notSentAgain() {
        List<TransportDriver.SendCallback> answers = new ArrayList<>();
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> {
            sent.add(item);
            answers.add(done);
        }, connected::get, 1, clock);
        box.offer(0);
        assertThat(box.close(Duration.ZERO)).isFalse();

        answers.get(0).done(SendResult.RETRY, new IOException("refused"));
        clock.advanceTimeBy(1, TimeUnit.MINUTES);

        assertThat(sent).containsExactly(0);
        assertThat(box.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
        assertThat(box.stats().pending()).isZero();
        assertAccounted(box.stats());
    }

    /**
     * A send that closing makes and the server answers RETRY (a connection that rejects commands for a moment) is
     * sent again within the grace period: closing drained the outbox, and dropped such an item as closed at once.
     */
    @Test
    void aRetryAnsweredWithinTheGracePeriodIsSentAgain_notDropped() {
        AtomicInteger calls = new AtomicInteger();
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.builder()
                .backoff(Duration.ofMillis(200), Duration.ofMillis(200)).build(), (item, done) -> {
                    sent.add(item);
                    done.done(calls.getAndIncrement() == 0 ? SendResult.RETRY : SendResult.SENT, null);
                }, connected::get, 1, Schedulers.single());
        connected.set(false);
        box.offer(0);
        connected.set(true);

        assertThat(box.close(Duration.ofSeconds(10))).as("drained").isTrue();

        assertThat(sent).containsExactly(0, 0);
        DeliveryStats s = box.stats();
        assertThat(s.sent()).as("" + s).isEqualTo(1);
        assertThat(s.dropped(DropReason.CLOSED)).isZero();
        assertAccounted(s);
    }

    /** The defect of the REST module's old sender: one request counted both dropped (by close) and sent. */
    @Test
    void race_anAnswerDuringCloseIsCountedOnce() {
        for (SendResult answer : new SendResult[] {SendResult.SENT, SendResult.RETRY, SendResult.FAILED}) {
            for (int i = 0; i < 300; i++) {
                List<TransportDriver.SendCallback> answers = new ArrayList<>();
                Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> answers.add(done),
                        connected::get, 1, clock);
                box.offer(0);
                box.offer(1);
                TestHelper.race(() -> box.close(Duration.ZERO),
                        () -> answers.get(0).done(answer, answer == SendResult.SENT ? null : new IOException("x")));

                DeliveryStats s = box.stats();
                assertThat(s.pending()).as(answer + ": " + s).isZero();
                assertAccounted(s);
                assertThat(s.dropped(DropReason.CLOSED)).as(answer + ": " + s)
                        .isEqualTo(answer == SendResult.RETRY ? 2 : 1);
            }
        }
    }

    @Test
    void closeDrainsWhatAnswersInTime() throws Exception {
        ExecutorService answers = Executors.newSingleThreadExecutor();
        try {
            Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> answers.execute(() -> {
                sent.add(item);
                done.done(SendResult.SENT, null);
            }), connected::get, 1, clock);
            for (int i = 0; i < 1000; i++) {
                box.offer(i);
            }
            assertThat(box.close(Duration.ofSeconds(10))).isTrue();
            assertThat(box.stats().sent()).isEqualTo(1000);
            assertThat(sent).hasSize(1000).isSorted();
        } finally {
            answers.shutdownNow();
        }
    }

    @Test
    void anOfferFromWithinASendIsQueuedNotRecursedInto() {
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger deepest = new AtomicInteger();
        List<Outbox<Integer>> self = new ArrayList<>();
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), (item, done) -> {
            deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
            sent.add(item);
            if (item < 100) {
                self.get(0).offer(item + 1);
            }
            depth.decrementAndGet();
            done.done(SendResult.SENT, null);
        }, connected::get, Integer.MAX_VALUE, clock);
        self.add(box);
        box.offer(0);
        assertThat(sent).hasSize(101).isSorted();
        assertThat(deepest).hasValue(1);
    }

    /**
     * A driver like Lettuce: a send made on its I/O thread is written at once, one from any other thread is queued to
     * that thread, and an answer may come on it before the next queued write. If the outbox sent from the answering
     * (I/O) thread, a later item would be written before an earlier one still queued.
     */
    @RepeatedTest(20)
    void race_sendsNeverOvertakeOneAnotherThroughTheDriversIoThread() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
        List<Integer> written = new CopyOnWriteArrayList<>();
        Outbox<Integer> box = new Outbox<>("io", SinkOptions.builder().capacity(1_000_000).build(), (item, done) -> {
            Runnable write = () -> {
                written.add(item);
                done.done(SendResult.SENT, null);
            };
            if (Thread.currentThread().getName().equals("io")) {
                write.run();
            } else {
                io.execute(write);
            }
        }, () -> true, 2, Schedulers.computation());
        for (int i = 0; i < 5_000; i++) {
            box.offer(i);
        }
        assertThat(box.close(Duration.ofSeconds(20))).isTrue();
        io.shutdown();
        assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(written).hasSize(5_000).isSorted();
    }

    /** Four pushing threads against answers on another thread and a flapping connection: all accounted, in order. */
    @RepeatedTest(20)
    void race_concurrentOffersAndAnswers_keepEachPushersOrder_andAccountForEveryItem() throws Exception {
        ExecutorService answers = Executors.newFixedThreadPool(2);
        List<int[]> order = new CopyOnWriteArrayList<>();
        Outbox<int[]> box = new Outbox<>("race", SinkOptions.builder().capacity(1_000_000).build(), (item, done) -> {
            order.add(item);
            answers.execute(() -> done.done(SendResult.SENT, null));
        }, () -> true, 64, Schedulers.computation());
        int threads = 4;
        int each = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> pushers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread p = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    box.offer(new int[] {id, i});
                }
            });
            p.start();
            pushers.add(p);
        }
        start.countDown();
        for (Thread p : pushers) {
            p.join();
        }
        assertThat(box.close(Duration.ofSeconds(20))).isTrue();
        answers.shutdown();
        assertThat(answers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        DeliveryStats s = box.stats();
        assertThat(s.sent()).isEqualTo((long) threads * each);
        assertThat(s.pending()).isZero();
        int[] next = new int[threads];
        for (int[] item : order) {
            assertThat(item[1]).as("pusher %d's order", item[0]).isEqualTo(next[item[0]]++);
        }
    }
}
