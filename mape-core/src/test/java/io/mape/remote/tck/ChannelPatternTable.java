package io.mape.remote.tck;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Redis's glob rules as a table of pattern, channel and whether it matches: checked against
 * {@link io.mape.remote.ChannelPattern} in mape-core and against a real redis-server's {@code PSUBSCRIBE} in
 * mape-remote-redis ({@code ChannelPatternRedisIT}).
 */
public final class ChannelPatternTable {

    private static final String[] ROWS = {
        "cars|cars|true",
        "cars|car|false",
        "cars|carss|false",
        "*|''|false",
        "*|anything.at.all|true",
        "car_*|car_|true",
        "car_*|car_a.b|true",
        "car_*|bus|false",
        "*_a|car_a|true",
        "*_a|car_b|false",
        "a*b*c|aXXbYYc|true",
        "a*b*c|aXXbYY|false",
        "a**c|abc|true",
        "**.x|a.b.x|true",
        "car_*.detect|car_.detect|true",
        "car_*.detect|car_a.detect.x|false",
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
        "car_\\|car_\\|true",
        "[abc|a|true",
        "[abc|b|true",
        "[abc|d|false",
        "[a-]|a|true",
        "[a-]|b|false",
        "[a-]|^|true",
        "[^|a|true",
        "h?llo*|hello world|true",
        "a.b|aXb|false",
        "*a*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|false",
        "*a*a*a*a*b|aaaaaaaaaaaaaaaaab|true",
    };

    private ChannelPatternTable() {
    }

    /** Pattern, channel ({@code ''} is the empty channel), expected match. */
    public static Stream<Arguments> rows() {
        return Stream.of(ROWS).map(r -> {
            String[] f = r.split("\\|", -1);
            return Arguments.of(f[0], f[1].equals("''") ? "" : f[1], Boolean.parseBoolean(f[2]));
        });
    }
}
