package io.mape.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Message;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ItemTracerTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("car");
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Records begin/end and gives the function the Message as a child span, as a real tracer does. */
    private final ItemTracer recording = (element, in) -> {
        Message<?> child = in.withTrace(in.trace().child());
        events.add("begin " + element.path() + " parent=" + in.trace().spanId() + " span=" + child.trace().spanId());
        return new ItemTracer.Span() {
            @Override
            public Message<?> message() {
                return child;
            }

            @Override
            public void end(Throwable failure) {
                events.add("end " + element.path() + (failure == null ? "" : " " + failure.getMessage()));
            }
        };
    };

    @AfterEach
    void tearDown() {
        ItemTracer.installed().forEach(ItemTracer::uninstall);
        app.close();
    }

    @Test
    void eachElementOpensASpanWhoseIdTheDerivedMessageCarriesDownstream() {
        ItemTracer.install(recording);
        Element<Message<Integer>, Message<Integer>> a = loop.plan("a",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m.derive(m.value() + 1)));
        Element<Message<Integer>, Message<Integer>> b = loop.execute("b",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m));
        a.link(b);
        TestObserver<Message<Integer>> seen = b.test();
        Message<Integer> first = Message.of(1);

        a.onNext(first);

        Message<Integer> out = seen.values().get(0);
        assertThat(out.traceId()).isEqualTo(first.traceId());
        String aSpan = events.get(0).replaceAll(".*span=", "");
        assertThat(events.get(0)).startsWith("begin car.a parent=" + first.trace().spanId());
        assertThat(events.get(1)).as("b is a child of a's span").startsWith("begin car.b parent=" + aSpan);
        assertThat(out.trace().spanId()).isEqualTo(events.get(1).replaceAll(".*span=", ""));
        assertThat(events).contains("end car.a", "end car.b");
    }

    @Test
    void aFailingFunctionEndsItsSpanWithTheFailure() {
        ItemTracer.install(recording);
        Element<Message<Integer>, Message<Integer>> a = loop.plan("a",
                (Message<Integer> m, Output<Message<Integer>> o) -> {
                    throw new IllegalStateException("boom");
                });
        a.test();

        a.onNext(Message.of(1));

        assertThat(events).hasSize(2).last().isEqualTo("end car.a boom");
        assertThat(a.stats().failed()).isEqualTo(1);
    }

    @Test
    void plainItemsAndAnUninstalledTracerOpenNoSpan() {
        ItemTracer.install(recording);
        Element<Integer, Integer> plain = loop.plan("plain", (Integer x, Output<Integer> o) -> o.next(x));
        TestObserver<Integer> plainSeen = plain.test();
        plain.onNext(1);
        assertThat(plainSeen.values()).containsExactly(1);
        ItemTracer.uninstall(recording);
        assertThat(ItemTracer.installed()).isEmpty();
        Element<Message<Integer>, Message<Integer>> m = loop.plan("m",
                (Message<Integer> x, Output<Message<Integer>> o) -> o.next(x));
        TestObserver<Message<Integer>> seen = m.test();
        Message<Integer> first = Message.of(1);

        m.onNext(first);

        assertThat(events).isEmpty();
        assertThat(seen.values().get(0).trace()).isEqualTo(first.trace());
    }

    @Test
    void aThrowingTracerLeavesTheItemProcessed() {
        ItemTracer.install((element, in) -> {
            throw new IllegalStateException("tracer down");
        });
        Element<Message<Integer>, Message<Integer>> m = loop.plan("m",
                (Message<Integer> x, Output<Message<Integer>> o) -> o.next(x));
        TestObserver<Message<Integer>> seen = m.test();

        m.onNext(Message.of(1));

        assertThat(seen.values()).hasSize(1);
    }

    @Test
    void twoTracersChainTheSecondBeginsOnTheFirstsMessageAndTheyEndInReverse() {
        List<String> second = new CopyOnWriteArrayList<>();
        ItemTracer counting = (element, in) -> {
            second.add("begin parent=" + in.trace().spanId());
            return new ItemTracer.Span() {
                @Override
                public Message<?> message() {
                    return in;
                }

                @Override
                public void end(Throwable failure) {
                    events.add("end second");
                }
            };
        };
        ItemTracer.install(recording);
        ItemTracer.install(counting);
        ItemTracer.install(recording);
        assertThat(ItemTracer.installed()).as("installed once each, in order").containsExactly(recording, counting);
        Element<Message<Integer>, Message<Integer>> m = loop.plan("m",
                (Message<Integer> x, Output<Message<Integer>> o) -> o.next(x));
        TestObserver<Message<Integer>> seen = m.test();

        m.onNext(Message.of(1));

        String child = seen.values().get(0).trace().spanId();
        assertThat(second).containsExactly("begin parent=" + child);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).startsWith("begin car.m").endsWith("span=" + child);
        assertThat(events.subList(1, 3)).containsExactly("end second", "end car.m");
    }
}
