package io.mape.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.mape.TestHelper;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private final RateLimit limit = new RateLimit(100, () -> {
        reads.incrementAndGet();
        return now.get();
    });

    @Test
    void theFirstPassesThenOneAnIntervalWithTheCountHeldBack() {
        assertThat(limit.pass()).isZero();
        assertThat(limit.pass()).isEqualTo(-1);
        assertThat(limit.pass()).isEqualTo(-1);
        now.addAndGet(99);
        assertThat(limit.pass()).isEqualTo(-1);
        now.addAndGet(1);
        assertThat(limit.pass()).as("three held back since the last").isEqualTo(3);
        assertThat(limit.pass()).isEqualTo(-1);
        now.addAndGet(100);
        assertThat(limit.pass()).isEqualTo(1);
        now.addAndGet(100);
        assertThat(limit.pass()).isZero();
    }

    @Test
    void aBurstReadsTheClockOnceInSixtyFourAndStillPassesSoonAfterTheInterval() {
        limit.pass();
        for (int i = 0; i < 64_000; i++) {
            assertThat(limit.pass()).isEqualTo(-1);
        }
        assertThat(reads.get()).as("clock reads in a burst of 64,000").isLessThan(64 + 1_000 + 2);

        now.addAndGet(100);
        long passed = -1;
        int tries = 0;
        while (passed < 0) {
            passed = limit.pass();
            tries++;
        }
        assertThat(tries).isLessThanOrEqualTo(RateLimit.CHECK_EVERY);
        assertThat(passed).isEqualTo(64_000 + tries - 1);
    }

    @Test
    void racingThreadsNeitherLoseNorDoubleCountAnOccurrence() {
        for (int round = 0; round < 500; round++) {
            RateLimit shared = new RateLimit(0);
            AtomicLong passed = new AtomicLong();
            AtomicLong reported = new AtomicLong();
            Runnable burst = () -> {
                for (int i = 0; i < 1_000; i++) {
                    long r = shared.pass();
                    if (r >= 0) {
                        passed.incrementAndGet();
                        reported.addAndGet(r);
                    }
                }
            };
            TestHelper.race(burst, burst);
            long last;
            int tries = 0;
            do {
                last = shared.pass();
                tries++;
            } while (last < 0);
            assertThat(passed.get() + 1 + reported.get() + last).as("every occurrence passed or reported held")
                    .isEqualTo(2_000 + tries);
        }
    }
}
