package io.mape.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.mape.knowledge.InMemoryKnowledgeBackend;
import io.mape.knowledge.KnowledgeEvent;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Elements sharing state through their loop's Knowledge, as PyMAPE's coordinated examples do with {@code self.loop.k}. */
class LoopKnowledgeTest {

    @Test
    void aPolicyWritesTheSpeedLimitAndAnExecutorReadsIt() {
        try (App app = App.create(MapeConfig.defaults())) {
            Loop car = app.loop("car_panda_safety");
            car.k().put("speed_limit", 130);
            Element<Boolean, Integer> policy = car.plan("safety_policy", (Boolean emergency, Output<Integer> out, Element<Boolean, Integer> self) -> {
                int limit = emergency ? 50 : 130;
                self.k().put("speed_limit", limit);
                out.next(limit);
            });
            Element<Integer, String> speed = car.execute("speed_limit", (Integer ignored, Output<String> out, Element<Integer, String> self) ->
                    out.next("limit now " + self.k().get("speed_limit", Integer.class)));
            policy.link(speed);
            TestObserver<String> applied = speed.test();

            policy.onNext(true);
            policy.onNext(false);

            applied.assertValues("limit now 50", "limit now 130");
            assertThat(app.k().contains("speed_limit")).as("scopes are separate").isFalse();
            assertThat(app.<Loop>get("car_panda_safety").k().get("speed_limit", Integer.class)).isEqualTo(130);
        }
    }

    @Test
    void changesOfAppKnowledgeDriveAnElement() {
        try (App app = App.create(MapeConfig.defaults())) {
            List<String> lanes = new CopyOnWriteArrayList<>();
            Element<KnowledgeEvent, Void> planner = app.loop("carriageway_up").execute("lanes",
                    (KnowledgeEvent e, Output<Void> out) -> lanes.add(e.command() + " " + e.name()));
            app.k().changes("carriageway_up_cars", "sadd", "srem").subscribe(planner);

            app.k().set("carriageway_up_cars", String.class).add("panda");
            app.k().set("carriageway_up_cars", String.class).add("veyron");
            app.k().set("carriageway_up_cars", String.class).remove("panda");

            await().atMost(5, TimeUnit.SECONDS).until(() -> lanes.size() == 3);
            assertThat(lanes).containsExactly("sadd carriageway_up_cars", "sadd carriageway_up_cars", "srem carriageway_up_cars");
            assertThat(app.k().set("carriageway_up_cars", String.class).members()).containsExactly("veyron");
        }
    }

    @Test
    void theAppClosesItsKnowledgeBackend() {
        InMemoryKnowledgeBackend backend = InMemoryKnowledgeBackend.create();
        App app = App.builder().config(MapeConfig.defaults()).knowledge(backend).build();
        TestObserver<KnowledgeEvent> changes = app.k().changes("*").test();

        app.close();

        changes.awaitDone(5, TimeUnit.SECONDS).assertComplete();
        assertThat(app.knowledgeBackend()).isSameAs(backend);
    }
}
