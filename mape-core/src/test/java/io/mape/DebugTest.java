package io.mape;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Debug logging and LogObserver, read from what slf4j-simple writes to standard error. */
class DebugTest {

    private final App app = App.create(MapeConfig.defaults());
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
        app.close();
    }

    private String logged() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void debugLogsItemsInAndOutAsAsked() {
        Element<Integer, Integer> e = app.loop("car").execute("speed", (Integer x, Output<Integer> o) -> o.next(x + 1));

        e.debug(Debug.IN);
        e.onNext(1);
        e.debug(Debug.OUT);
        e.onNext(10);
        e.debug(Debug.IN, Debug.OUT);
        e.onNext(100);
        e.debug();
        e.onNext(1000);

        assertThat(logged())
                .contains("in > [car.speed] 1")
                .doesNotContain("[car.speed] > out 2")
                .doesNotContain("in > [car.speed] 10\n")
                .contains("[car.speed] > out 11")
                .contains("in > [car.speed] 100").contains("[car.speed] > out 101")
                .doesNotContain("1000").doesNotContain("1001");
    }

    @Test
    void debugInTheConfigLogsEveryElement() {
        try (App debugging = App.create(MapeConfig.builder().debug(true).build())) {
            Element<Integer, Integer> e = debugging.loop("dbg").execute("e", (Integer x, Output<Integer> o) -> o.next(-x));

            e.onNext(5);
        }

        assertThat(logged()).contains("in > [dbg.e] 5").contains("[dbg.e] > out -5");
    }

    @Test
    void logObserverLogsEveryNotification() {
        Observable.just("a", "b").subscribe(new LogObserver("sink"));
        Observable.error(new IllegalStateException("gone")).subscribe(new LogObserver("failing"));

        assertThat(logged()).contains("sink: a").contains("sink: b").contains("sink: completed")
                .contains("failing: error java.lang.IllegalStateException: gone");
    }
}
