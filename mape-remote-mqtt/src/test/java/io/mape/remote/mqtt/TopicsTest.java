package io.mape.remote.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.remote.mqtt.internal.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MQTT filter of a channel pattern: the narrowest that covers it. */
class TopicsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "car_a.detect|car_a.detect",
        "cars/a/speed|cars/a/speed",
        "cars/*/speed|cars/#",
        "cars/a*|cars/#",
        "cars/a/b?|cars/a/#",
        "cars/[ab]/speed|cars/#",
        "cars/\\*|cars/#",
        "car_*.detect|#",
        "*|#",
        "/x*|/#",
        "a//b*|a//#",
    })
    void theFilterIsTheCompleteLevelsBeforeTheFirstGlobCharacter(String pattern, String filter) {
        assertThat(Topics.filter(pattern)).isEqualTo(filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cars/+/*", "#", "a/#/b*", "car\0*"})
    void aPatternNoTopicNameCanMatchIsRefused(String pattern) {
        assertThatThrownBy(() -> Topics.filter(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches no MQTT topic name");
    }
}
