package io.mape.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

class MapeExtensionTest {

    /** The TestApps the sample class was given, in order: its before-each's and its test's. */
    static final List<TestApp> GIVEN = new ArrayList<>();

    @ExtendWith(MapeExtension.class)
    static class Sample {
        @BeforeEach
        void setUp(TestApp t) {
            GIVEN.add(t);
        }

        @Test
        void first(TestApp t) {
            GIVEN.add(t);
            assertThat(t.app().isClosed()).isFalse();
        }

        @Test
        void second(TestApp t) {
            GIVEN.add(t);
        }
    }

    @Test
    void eachTestGetsItsOwnAppSharedWithItsBeforeEachAndClosedAfterIt() {
        GIVEN.clear();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build(), summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).as(summary.getSummary().getFailures().toString())
                .isEqualTo(2);
        assertThat(GIVEN).hasSize(4);
        assertThat(GIVEN.get(0)).isSameAs(GIVEN.get(1));
        assertThat(GIVEN.get(2)).isSameAs(GIVEN.get(3)).isNotSameAs(GIVEN.get(0));
        assertThat(GIVEN).allSatisfy(t -> assertThat(t.app().isClosed()).isTrue());
    }
}
