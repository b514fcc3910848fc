package io.mape.remote.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.TestHelper;
import io.mape.remote.BatchOptions;
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

    private static final int THREADS = 4;
    private static final int EACH = 5_000;

    /**
     * {@link #THREADS} threads, released together, each offering {@code {its number, 0..EACH-1}} in order; then
     * closes the outbox (which must drain) and the executor of its answers, and returns its stats.
     */
    private static DeliveryStats pushAtOnceAndClose(Outbox<int[]> box, ExecutorService answers)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> pushers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread p = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < EACH; i++) {
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
        return box.stats();
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
        DeliveryStats s = pushAtOnceAndClose(box, answers);
        assertThat(s.sent()).isEqualTo((long) THREADS * EACH);
        assertThat(s.pending()).isZero();
        int[] next = new int[THREADS];
        for (int[] item : order) {
            assertThat(item[1]).as("pusher %d's order", item[0]).isEqualTo(next[item[0]]++);
        }
    }

    // ---- batches ----

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    /** Offers 0 to {@code n - 1}. */
    private static void offerUpTo(Outbox<Integer> box, int n) {
        for (int i = 0; i < n; i++) {
            box.offer(i);
        }
    }

    /** An outbox of batches of {@code maxSize}, waiting at most {@code intervalMs} of virtual time, that sends at once. */
    private Outbox<Integer> batching(SinkOptions options, int maxSize, long intervalMs) {
        return new Outbox<>("test", options, new BatchOptions(maxSize, Duration.ofMillis(intervalMs)),
                (batch, done) -> {
                    batches.add(batch);
                    done.done(SendResult.SENT, null);
                }, connected::get, 1, clock);
    }

    @Test
    void batches_aFullBatchGoesAtOnce_andAPartialOneOnFlush() {
        Outbox<Integer> box = batching(SinkOptions.defaults(), 3, TimeUnit.HOURS.toMillis(1));
        offerUpTo(box, 7);
        assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
        assertThat(box.stats().sent()).isEqualTo(6);
        assertThat(box.stats().pending()).isEqualTo(1);

        box.flush();

        assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(box.stats().pending()).isZero();
        assertAccounted(box.stats());
    }

    @Test
    void batches_aPartialBatchGoesOnceItsOldestItemHasWaitedTheFlushInterval() {
        Outbox<Integer> box = batching(SinkOptions.defaults(), 100, 50);
        box.offer(1);
        clock.advanceTimeBy(30, TimeUnit.MILLISECONDS);
        box.offer(2);
        clock.advanceTimeBy(19, TimeUnit.MILLISECONDS);
        assertThat(batches).isEmpty();
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertThat(batches).containsExactly(List.of(1, 2));

        // the interval starts again with the next item, not with the last flush
        clock.advanceTimeBy(40, TimeUnit.MILLISECONDS);
        box.offer(3);
        clock.advanceTimeBy(49, TimeUnit.MILLISECONDS);
        assertThat(batches).hasSize(1);
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertThat(batches).containsExactly(List.of(1, 2), List.of(3));
        assertAccounted(box.stats());
    }

    @Test
    void batches_aRetriedBatchIsSentAgainWhole_afterTheBackoff_beforeWhatCameMeanwhile() {
        AtomicInteger attempts = new AtomicInteger();
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), new BatchOptions(2, Duration.ofHours(1)),
                (batch, done) -> {
                    batches.add(batch);
                    done.done(attempts.incrementAndGet() == 1 ? SendResult.RETRY : SendResult.ACKNOWLEDGED,
                            new IOException("503"));
                }, connected::get, 1, clock);
        box.offer(0);
        box.offer(1);
        box.offer(2);
        box.offer(3);
        box.offer(4);
        assertThat(batches).containsExactly(List.of(0, 1));
        assertThat(box.stats().pending()).isEqualTo(5);

        clock.advanceTimeBy(9, TimeUnit.MILLISECONDS);
        assertThat(batches).hasSize(1);
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);

        assertThat(batches).containsExactly(List.of(0, 1), List.of(0, 1), List.of(2, 3));
        DeliveryStats s = box.stats();
        assertThat(s.acknowledged()).isEqualTo(4);
        assertThat(s.pending()).isEqualTo(1);
        assertAccounted(s);
    }

    @Test
    void batches_aFailedBatchCountsEachOfItsItems_andTheNextOneGoes() {
        Outbox<Integer> box = new Outbox<>("test", SinkOptions.defaults(), new BatchOptions(2, Duration.ofHours(1)),
                (batch, done) -> {
                    batches.add(batch);
                    done.done(batch.contains(0) ? SendResult.FAILED : SendResult.SENT, new IOException("400"));
                }, connected::get, 1, clock);
        offerUpTo(box, 4);
        assertThat(batches).containsExactly(List.of(0, 1), List.of(2, 3));
        assertThat(box.stats().failed()).isEqualTo(2);
        assertThat(box.stats().sent()).isEqualTo(2);
        assertAccounted(box.stats());
    }

    @Test
    void batches_closeSendsThePartialBatchAtOnce_andDropsWhatCannotGoWithinTheGrace() {
        Outbox<Integer> box = batching(SinkOptions.defaults(), 100, TimeUnit.HOURS.toMillis(1));
        box.offer(1);
        box.offer(2);
        assertThat(box.close(Duration.ofSeconds(10))).isTrue();
        assertThat(batches).containsExactly(List.of(1, 2));
        assertThat(box.stats().sent()).isEqualTo(2);

        Outbox<Integer> away = batching(SinkOptions.defaults(), 100, TimeUnit.HOURS.toMillis(1));
        connected.set(false);
        away.offer(3);
        away.offer(4);
        assertThat(away.close(Duration.ofMillis(30))).isFalse();
        assertThat(away.stats().dropped(DropReason.CLOSED)).isEqualTo(2);
        assertThat(away.stats().pending()).isZero();
        assertAccounted(away.stats());
        clock.advanceTimeBy(2, TimeUnit.HOURS);
        assertThat(batches).hasSize(1);
    }

    @Test
    void batches_whileABatchIsInFlight_itsItemsCountAgainstTheCapacity_andDropOldestSparesThem() {
        for (OverflowPolicy policy : new OverflowPolicy[] {OverflowPolicy.DROP_NEWEST, OverflowPolicy.DROP_OLDEST}) {
            batches.clear();
            List<TransportDriver.SendCallback> answers = new ArrayList<>();
            Outbox<Integer> box = new Outbox<>("test", capacity(4, policy), new BatchOptions(2, Duration.ofHours(1)),
                    (batch, done) -> {
                        batches.add(batch);
                        answers.add(done);
                    }, connected::get, 1, clock);
            offerUpTo(box, 5);
            assertThat(batches).as("" + policy).containsExactly(List.of(0, 1));
            assertThat(box.stats().dropped(DropReason.OVERFLOW)).as("" + policy).isEqualTo(1);
            assertThat(box.stats().pending()).isEqualTo(4);

            answers.get(0).done(SendResult.SENT, null);
            clock.triggerActions();

            assertThat(batches).as("" + policy).containsExactly(List.of(0, 1),
                    policy == OverflowPolicy.DROP_NEWEST ? List.of(2, 3) : List.of(3, 4));
            answers.get(1).done(SendResult.SENT, null);
            DeliveryStats s = box.stats();
            assertThat(s.sent()).isEqualTo(4);
            assertThat(s.pending()).isZero();
            assertAccounted(s);
        }
    }

    @Test
    void batches_dropOldestSparesABatchTheServerAskedToHaveAgain() {
        AtomicBoolean refuse = new AtomicBoolean(true);
        Outbox<Integer> box = new Outbox<>("test", capacity(3, OverflowPolicy.DROP_OLDEST),
                new BatchOptions(2, Duration.ofHours(1)), (batch, done) -> {
                    batches.add(batch);
                    done.done(refuse.get() ? SendResult.RETRY : SendResult.SENT, new IOException("503"));
                }, connected::get, 1, clock);
        offerUpTo(box, 5);
        assertThat(box.stats().dropped(DropReason.OVERFLOW)).isEqualTo(2);
        refuse.set(false);
        clock.advanceTimeBy(1, TimeUnit.MINUTES);
        box.flush();

        assertThat(batches).containsExactly(List.of(0, 1), List.of(0, 1), List.of(4));
        assertAccounted(box.stats());
    }

    /**
     * One thread offers while another asks for flushes, answers come from a third, and every fifth send asks to be
     * retried: each item is sent exactly once, in order, and every one is counted.
     */
    @RepeatedTest(10)
    void race_batches_offersDuringFlushesAndRetries_sendEachItemOnceInOrder() throws Exception {
        ExecutorService answers = Executors.newSingleThreadExecutor();
        List<Integer> got = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        int n = 3_000;
        try {
            Outbox<Integer> box = new Outbox<>("race", SinkOptions.builder().capacity(1_000_000)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(1)).build(),
                    new BatchOptions(16, Duration.ofHours(1)), (batch, done) -> answers.execute(() -> {
                        if (calls.incrementAndGet() % 5 == 0) {
                            done.done(SendResult.RETRY, new IOException("503"));
                        } else {
                            got.addAll(batch);
                            done.done(SendResult.SENT, null);
                        }
                    }), () -> true, 1, Schedulers.computation());
            TestHelper.race(() -> {
                for (int i = 0; i < n; i++) {
                    box.offer(i);
                }
            }, () -> {
                for (int i = 0; i < 500; i++) {
                    box.flush();
                }
            });
            assertThat(box.close(Duration.ofSeconds(20))).isTrue();
            DeliveryStats s = box.stats();
            assertThat(s.sent()).as("" + s).isEqualTo(n);
            assertThat(s.pending()).isZero();
            assertAccounted(s);
            assertThat(got).hasSize(n).isSorted().doesNotHaveDuplicates();
        } finally {
            answers.shutdownNow();
        }
    }

    /**
     * Four pushers against a small outbox whose batches are in flight on another thread and flushed by the timer:
     * what is not sent is dropped as OVERFLOW, counted exactly, and each pusher's items that went keep their order.
     */
    @RepeatedTest(10)
    void race_batches_concurrentOffersWhileBatchesAreInFlight_accountForEveryItem() throws Exception {
        ExecutorService answers = Executors.newFixedThreadPool(2);
        List<int[]> order = new CopyOnWriteArrayList<>();
        Outbox<int[]> box = new Outbox<>("race", capacity(50, OverflowPolicy.DROP_NEWEST),
                new BatchOptions(8, Duration.ofMillis(1)), (batch, done) -> {
                    order.addAll(batch);
                    answers.execute(() -> done.done(SendResult.SENT, null));
                }, () -> true, 2, Schedulers.computation());
        DeliveryStats s = pushAtOnceAndClose(box, answers);
        assertThat(s.accepted()).isEqualTo((long) THREADS * EACH);
        assertThat(s.sent()).as("" + s).isEqualTo(order.size());
        assertThat(s.sent() + s.dropped(DropReason.OVERFLOW)).as("" + s).isEqualTo(s.accepted());
        assertThat(s.pending()).isZero();
        int[] last = {-1, -1, -1, -1};
        for (int[] item : order) {
            assertThat(item[1]).as("pusher %d's order", item[0]).isGreaterThan(last[item[0]]);
            last[item[0]] = item[1];
        }
    }

    @Test
    void batchOptionsRefuseWhatCannotMakeABatch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchOptions(0, Duration.ofSeconds(1)))
                .hasMessage("maxSize must be at least 1, got 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchOptions.defaults().withFlushInterval(Duration.ZERO))
                .hasMessage("flushInterval must be positive, got PT0S");
        assertThat(BatchOptions.defaults()).isEqualTo(new BatchOptions(1000, Duration.ofSeconds(1)));
        assertThat(BatchOptions.defaults().withMaxSize(5).maxSize()).isEqualTo(5);
    }
}
