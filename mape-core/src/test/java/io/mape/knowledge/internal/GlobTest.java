package io.mape.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "cars|cars|true",
        "cars|car|false",
        "cars|carss|false",
        "*|''|true",
        "*|anything.at.all|true",
        "car_*|car_|true",
        "car_*|car_a.b|true",
        "car_*|bus|false",
        "*_a|car_a|true",
        "*_a|car_b|false",
        "a*b*c|aXXbYYc|true",
        "a*b*c|aXXbYY|false",
        "a**c|abc|true",
        "car_?|car_a|true",
        "car_?|car_ab|false",
        "car_?|car_|false",
        "car_[ab]|car_a|true",
        "car_[ab]|car_c|false",
        "car_[^ab]|car_c|true",
        "car_[^ab]|car_a|false",
        "car_[a-c]|car_b|true",
        "car_[c-a]|car_b|true",
        "car_[a-c]|car_d|false",
        "car_[\\]]|car_]|true",
        "car_\\*|car_*|true",
        "car_\\*|car_a|false",
        "car_\\?|car_?|true",
        "[abc|a|true",
        "h?llo*|hello world|true",
    })
    void matchesAsRedis(String pattern, String text, boolean expected) {
        assertThat(Glob.of(pattern).matches(text)).isEqualTo(expected);
    }
}
