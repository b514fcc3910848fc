package io.mape;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.remote.InProcessHub;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import org.junit.jupiter.api.Test;

/** What an element's port out feeds and a source's observers, as the topology reads them. */
class TargetsTest {

    @Test
    void targetsNameTheLinkedElementsTheSinksAndOtherObservers() {
        try (App app = App.create()) {
            Loop loop = app.loop("l");
            Element<Integer, Integer> m = loop.monitor("m", (Integer x, Output<Integer> out) -> out.next(x));
            Element<Integer, Integer> a = loop.analyze("a", (Integer x, Output<Integer> out) -> out.next(x));
            Transport t = InProcessTransport.builder(app).hub(InProcessHub.create()).build();
            Sink sink = t.sink("elsewhere");
            TestObserver<Integer> observer = new TestObserver<>();
            Disposable link = m.link(a);
            m.link(sink);
            m.subscribe(observer);

            assertThat(m.targets()).containsExactly(a, sink, observer);
            assertThat(a.targets()).isEmpty();

            link.dispose();
            assertThat(m.targets()).containsExactly(sink, observer);
        }
    }

    @Test
    void aSourceListsItsObservers() {
        try (App app = App.create()) {
            Loop loop = app.loop("l");
            Element<Integer, Integer> a = loop.analyze("a", (Integer x, Output<Integer> out) -> out.next(x));
            Transport t = InProcessTransport.builder(app).hub(InProcessHub.create()).build();
            Source<Integer> source = t.source("l.*", Integer.class);
            assertThat(source.observers()).isEmpty();

            source.subscribe(a);
            assertThat(source.observers()).containsExactly(a);
            Disposable other = source.subscribe(x -> { });
            assertThat(source.observers()).hasSize(2);
            other.dispose();
            assertThat(source.observers()).containsExactly(a);
        }
    }
}
