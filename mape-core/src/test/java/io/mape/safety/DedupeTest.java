package io.mape.safety;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.Message;
import io.mape.knowledge.InMemoryKnowledgeBackend;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DedupeTest {

    private final TestScheduler clock = new TestScheduler();
    private final InMemoryKnowledgeBackend backend = InMemoryKnowledgeBackend.create();
    private final Knowledge k = backend.knowledge(Scope.app());
    private final PublishSubject<String> items = PublishSubject.create();

    @AfterEach
    void close() {
        backend.close();
    }

    private Dedupe<String> dedupe(Duration window) {
        return Dedupe.<String>builder(s -> s.substring(0, 1)).knowledge(k, "seen.test").window(window)
                .scheduler(clock).build();
    }

    @Test
    void anIdSeenWithinTheWindowIsWithheld() {
        Dedupe<String> dedupe = dedupe(Duration.ofMinutes(1));
        TestObserver<Veto<String>> vetoes = dedupe.vetoes().test();
        TestObserver<String> out = items.compose(dedupe).test();

        items.onNext("a1");
        items.onNext("b1");
        clock.advanceTimeBy(59, TimeUnit.SECONDS);
        items.onNext("a2");

        out.assertValues("a1", "b1");
        vetoes.assertValue(v -> v.item().equals("a2") && v.by().equals("duplicate")
                && v.reason().equals("duplicate of a seen 1970-01-01T00:00:00Z"));
        assertThat(dedupe.stats()).isEqualTo(new SafetyStats(3, 2, 1, 0, Map.of("duplicate", 1L)));
    }

    @Test
    void anIdPassesAgainOnceTheWindowIsOver() {
        Dedupe<String> dedupe = dedupe(Duration.ofMinutes(1));
        TestObserver<String> out = items.compose(dedupe).test();

        items.onNext("a1");
        clock.advanceTimeBy(1, TimeUnit.MINUTES);
        items.onNext("a2");
        items.onNext("a3");

        out.assertValues("a1", "a2");
        assertThat(k.sortedSet("seen.test", String.class).score("a")).isEqualTo(60_000.0);
        assertThat(dedupe.stats().withheldBy()).isEqualTo(Map.of("duplicate", 1L));
    }

    @Test
    void anExpiredIdNotYetTrimmedPassesAgain() {
        Dedupe<String> dedupe = dedupe(Duration.ofSeconds(100));
        TestObserver<String> out = items.compose(dedupe).test();
        items.onNext("a1");
        clock.advanceTimeBy(95, TimeUnit.SECONDS);
        items.onNext("b1");                       // trims (nothing is old enough) and sets the next trim at 105 s
        clock.advanceTimeBy(5, TimeUnit.SECONDS);
        items.onNext("a2");                       // 100 s: no trim due, yet a's record is over

        out.assertValues("a1", "b1", "a2");
    }

    @Test
    void oldIdsAreTrimmedAtMostOncePerTenthOfTheWindow() {
        Dedupe<String> dedupe = dedupe(Duration.ofSeconds(100));
        KSortedSet<String> seen = k.sortedSet("seen.test", String.class);
        items.compose(dedupe).test();

        for (char c = 'a'; c <= 'e'; c++) {
            items.onNext(c + "1");
            clock.advanceTimeBy(30, TimeUnit.SECONDS);
        }
        // a at 0, b at 30, c at 60, d at 90, e at 120: e's item trimmed a, 100 s old
        assertThat(seen.range(0, -1)).containsExactly("b", "c", "d", "e");
        items.onNext("f0");                       // 150 s: trims b; the next trim is due at 160 s
        seen.add("old", 0);
        for (int i = 1; i < 50; i++) {
            clock.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            items.onNext("f" + i);
        }
        assertThat(seen.range(0, -1)).containsExactly("old", "c", "d", "e", "f");
        clock.advanceTimeBy(10, TimeUnit.SECONDS);
        items.onNext("g1");                       // 164.9 s: trims what was seen up to 64.9 s
        assertThat(seen.range(0, -1)).containsExactly("d", "e", "f", "g");
        assertThat(dedupe.stats().withheldBy()).isEqualTo(Map.of("duplicate", 49L));
    }

    @Test
    void anItemWithoutAnIdIsWithheldAndCounted() {
        Dedupe<String> dedupe = Dedupe.<String>builder(s -> s.isEmpty() ? null : s).knowledge(k, "seen.test")
                .scheduler(clock).build();
        TestObserver<String> out = items.compose(dedupe).test();
        items.onNext("");
        items.onNext("a");
        out.assertValues("a");
        assertThat(dedupe.stats()).isEqualTo(new SafetyStats(2, 1, 1, 0, Map.of("no-id", 1L)));
    }

    @Test
    void messagesAreKeyedByTheirTraceId() {
        Dedupe<Message<Integer>> dedupe = Dedupe.<Integer>byTraceId().knowledge(k, "seen.trace").scheduler(clock)
                .build();
        PublishSubject<Message<Integer>> messages = PublishSubject.create();
        TestObserver<Message<Integer>> out = messages.compose(dedupe).test();
        Message<Integer> first = Message.of(1);
        messages.onNext(first);
        messages.onNext(first.hop());             // the same entry delivered again
        messages.onNext(Message.of(1));

        assertThat(out.values()).extracting(Message::traceId).doesNotHaveDuplicates().hasSize(2);
        assertThat(dedupe.stats().withheldBy()).isEqualTo(Map.of("duplicate", 1L));
    }

    @Test
    void aDedupeNeedsAKnowledgeAndAPositiveWindow() {
        assertThatThrownBy(() -> Dedupe.<String>builder(s -> s).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("knowledge(");
        assertThatThrownBy(() -> Dedupe.<String>builder(s -> s).window(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoOperatorsOfferingTheSameIdsAtOnceLetEachPassExactlyOnce() {
        List<String> passed = Collections.synchronizedList(new ArrayList<>());
        List<Dedupe<String>> both = new ArrayList<>();
        List<PublishSubject<String>> ins = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Dedupe<String> d = Dedupe.<String>builder(s -> s.substring(0, s.length() - 1))
                    .knowledge(k, "seen.race").scheduler(clock).build();
            PublishSubject<String> in = PublishSubject.create();
            in.compose(d).subscribe(passed::add);
            both.add(d);
            ins.add(in);
        }
        int[] round = {0};

        race(500, () -> {
            String id = "id" + round[0]++;
            return new Runnable[] {() -> ins.get(0).onNext(id + "x"), () -> ins.get(1).onNext(id + "y")};
        });

        assertThat(passed).hasSize(500);
        assertThat(passed).extracting(s -> s.substring(0, s.length() - 1)).doesNotHaveDuplicates();
        assertThat(both.get(0).stats().itemsOut() + both.get(1).stats().itemsOut()).isEqualTo(500);
        assertThat(both.get(0).stats().withheld() + both.get(1).stats().withheld()).isEqualTo(500);
    }
}
