package io.mape.remote.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', value = {
            "car_*.detect|car_a.detect|true",
            "car_*.detect|car_.detect|true",
            "car_*.detect|car_a.detect.x|false",
            "car_*.detect|bus_a.detect|false",
            "car_[xy].detect|car_x.detect|true",
            "car_[xy].detect|car_y.detect|true",
            "car_[xy].detect|car_z.detect|false",
            "car_[^xy].detect|car_z.detect|true",
            "car_[^xy].detect|car_x.detect|false",
            "car_[a-c].detect|car_b.detect|true",
            "car_[c-a].detect|car_b.detect|true",
            "car_[a-c].detect|car_d.detect|false",
            "car_?.detect|car_a.detect|true",
            "car_?.detect|car_ab.detect|false",
            "*|anything|true",
            "*|''|true",
            "**.x|a.b.x|true",
            "h\\*llo|h*llo|true",
            "h\\*llo|hello|false",
            "h[\\]]llo|h]llo|true",
            "a*b*c|axxbyyc|true",
            "a*b*c|axxbyy|false",
            "ambulance.detect|ambulance.detect|true",
            "ambulance.detect|ambulance.detectx|false",
    })
    void matchesAsRedisDoes(String pattern, String text, boolean expected) {
        assertThat(Glob.matches(pattern, text)).isEqualTo(expected);
    }
}
