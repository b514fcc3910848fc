package io.mape.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @MethodSource("io.mape.remote.tck.ChannelPatternTable#rows")
    void matchesAsRedisDoes(String pattern, String text, boolean expected) {
        assertThat(ChannelPattern.of(pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void aHostileChannelAgainstManyStarsMatchesInLinearTime() {
        String channel = "a".repeat(10_000);
        ChannelPattern stars = ChannelPattern.of("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        ChannelPattern classes = ChannelPattern.of("*[a]*[a]*?*[^b]*a*a*a*a*a*b");
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertThat(stars.matches(channel)).isFalse();
            assertThat(classes.matches(channel)).isFalse();
            assertThat(stars.matches(channel + "b")).isTrue();
        });
    }

    @Test
    void theChannelOfTheReportBlocksNoMore() {
        String channel = "car_" + "x".repeat(100) + ".detect";
        assertThat(channel).hasSize(111);
        ChannelPattern p = ChannelPattern.of("car_*x*x*x*x*x*x*x*x*.detectY");
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThat(p.matches(channel)).isFalse());
    }

    @Test
    void tellsAPatternFromALiteralName() {
        assertThat(ChannelPattern.isPattern("car_a.detect")).isFalse();
        assertThat(ChannelPattern.isPattern("car_*.detect")).isTrue();
        assertThat(ChannelPattern.isPattern("car_?")).isTrue();
        assertThat(ChannelPattern.isPattern("car_[ab]")).isTrue();
        assertThat(ChannelPattern.isPattern("car\\_")).isTrue();
    }
}
