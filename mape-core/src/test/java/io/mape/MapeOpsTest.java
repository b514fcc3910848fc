package io.mape;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MapeOpsTest {

    private final App app = App.create(MapeConfig.defaults());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void throughPipesAStreamIntoAnElementAndOut() {
        Element<Integer, Integer> twice = app.loop("l").plan("twice", (Integer x, Output<Integer> o) -> o.next(2 * x));
        PublishSubject<Integer> source = PublishSubject.create();
        TestObserver<Integer> seen = source.compose(MapeOps.through(twice)).test();

        source.onNext(1);
        source.onNext(2);
        seen.dispose();
        source.onNext(3);

        seen.assertValues(2, 4);
        assertThat(twice.subscriberCount()).isZero();
        assertThat(source.hasObservers()).isFalse();
    }

    @Test
    void routerDeliversByDestinationAndPassesTheRest() {
        List<Object> veyron = new ArrayList<>();
        List<Object> panda = new ArrayList<>();
        app.loop("car_veyron").execute("exec", (Object m, Output<Object> o) -> veyron.add(((Message<?>) m).value()));
        app.loop("car_panda").execute("exec", (Object m, Output<Object> o) -> panda.add(((Message<?>) m).value()));

        TestObserver<Message<String>> rest = Observable.just(
                        Message.of("fine 100", "car_veyron.exec"),
                        Message.of("ok", "car_panda.exec"),
                        Message.of("nobody"),
                        Message.of("lost", "car_gone.exec"))
                .compose(MapeOps.router(app)).test();

        assertThat(veyron).containsExactly("fine 100");
        assertThat(panda).containsExactly("ok");
        assertThat(rest.values()).extracting(Message::value).containsExactly("nobody");
    }

    @Test
    void anItemWithNoRouteIsAnEventOfTheApp_eachOne() {
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(app).listen(events::add);

        Observable.just(Message.of("lost", "car_gone.exec"), Message.of("lost too", "car_gone.exec"))
                .compose(MapeOps.router(app)).test().assertNoValues().assertComplete();

        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e).isInstanceOfSatisfying(Event.Drop.class, d -> {
                assertThat(d.path()).isEqualTo("car_gone.exec");
                assertThat(d.reason()).isEqualTo(MapeOps.NO_ROUTE);
            });
        });
    }

    @Test
    void gatewayRoutesByAnyMapping() {
        List<Object> got = new ArrayList<>();
        app.loop("car_a").execute("exec", (Object x, Output<Object> o) -> got.add(x));

        Observable.just("a:1", "b:2").compose(MapeOps.gateway(app, s -> s.startsWith("a") ? "car_a.exec" : null)).test()
                .assertValues("b:2");

        assertThat(got).containsExactly("a:1");
    }

    @Test
    void groupAndPipeGivesEachKeyItsOwnPipeline() {
        record Speed(String car, int kmh) {
        }
        TestObserver<String> averages = Observable.just(
                        new Speed("veyron", 300), new Speed("panda", 90), new Speed("veyron", 310), new Speed("panda", 80))
                .compose(MapeOps.groupAndPipe(Speed::car, group -> group.buffer(2)
                        .map(w -> w.get(0).car() + "=" + (w.get(0).kmh() + w.get(1).kmh()) / 2)))
                .test();

        averages.assertValues("veyron=305", "panda=85");
    }
}
