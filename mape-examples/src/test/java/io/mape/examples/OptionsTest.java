package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Option<Long> STEPS = Options.STEPS.withDefault(60L);
    private static final Option<String> SIDE = Option.choice("--side", List.of("up", "down"), "up", "which side");
    private static final List<Option<?>> KNOWN = List.of(STEPS, Options.SEED, Options.INTERACTIVE, Options.NAME, SIDE);

    private static Options parse(String... args) throws UsageException {
        return Options.parse(List.of(args), KNOWN);
    }

    @Test
    void valuesComeSpaceOrEqualsSeparatedAndDefaultsFillTheRest() throws UsageException {
        Options o = parse("--steps", "5", "--name=Panda", "--interactive");

        assertThat(o.get(STEPS)).isEqualTo(5L);
        assertThat(o.get(Options.NAME)).isEqualTo("Panda");
        assertThat(o.get(Options.INTERACTIVE)).isTrue();
        assertThat(o.get(Options.SEED)).isEqualTo(1L);
        assertThat(o.get(SIDE)).isEqualTo("up");
        assertThat(o.given(STEPS)).isTrue();
        assertThat(o.given(Options.SEED)).isFalse();
    }

    @Test
    void theDefaultIsTheOneTheExampleDeclared() throws UsageException {
        assertThat(parse().get(Options.STEPS)).isEqualTo(60L);
    }

    @Test
    void negativeNumbersAreValuesNotOptions() throws UsageException {
        assertThat(parse("--seed", "-7").get(Options.SEED)).isEqualTo(-7L);
    }

    @Test
    void anUnknownOptionNamesTheKnownOnes() {
        assertThatThrownBy(() -> parse("--redis", "redis://localhost"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--redis'; options: --steps, --seed, --interactive, --name, --side");
    }

    @Test
    void malformedValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> parse("--steps", "ten")).hasMessage("--steps takes a whole number, not 'ten'");
        assertThatThrownBy(() -> parse("--steps", "0")).hasMessage("--steps must be between 1 and 10000000, not 0");
        assertThatThrownBy(() -> parse("--name", "car.a")).hasMessage("--name takes letters, digits, '_' and '-' only, not 'car.a'");
        assertThatThrownBy(() -> parse("--side", "left")).hasMessage("--side takes one of up, down, not 'left'");
    }

    @Test
    void aMissingValueAFlagWithAValueARepeatAndAStrayWordAreErrors() {
        assertThatThrownBy(() -> parse("--steps")).hasMessageStartingWith("--steps needs a value: --steps N");
        assertThatThrownBy(() -> parse("--steps", "--interactive")).hasMessageStartingWith("--steps needs a value");
        assertThatThrownBy(() -> parse("--interactive=yes")).hasMessage("--interactive takes no value");
        assertThatThrownBy(() -> parse("--steps", "1", "--steps", "2")).hasMessage("--steps is given twice");
        assertThatThrownBy(() -> parse("Panda")).hasMessage("unexpected argument 'Panda'; options start with --");
    }

    @Test
    void anExampleWithoutOptionsSaysSo() {
        assertThatThrownBy(() -> Options.parse(List.of("--steps", "3"), List.of()))
                .hasMessage("unknown option '--steps'; this example takes none");
    }

    @Test
    void usageShowsTheMetavarAndTheDefault() {
        assertThat(STEPS.usage()).startsWith("--steps N").endsWith("(default 60)");
        assertThat(Options.INTERACTIVE.usage()).startsWith("--interactive ").doesNotContain("default");
    }

    private static final List<Option<?>> REMOTE = List.of(Options.REDIS, Options.REST, Options.AMBULANCE,
            Options.CARS, Options.INFLUX, Options.NAME);

    private static Options remote(String... args) throws UsageException {
        return Options.parse(List.of(args), REMOTE);
    }

    @Test
    void remoteOptionsTakeUrlsAddressesAndPeers() throws UsageException {
        Options o = remote("--redis", "redis://127.0.0.1:6379/0", "--rest", "0.0.0.0:0", "--ambulance", "[::1]:6000",
                "--cars", "127.0.0.1:6061/Countach", "10.0.0.2:6062/Panda,10.0.0.3:6063/Veyron", "--name", "Beetle",
                "--influx=http://127.0.0.1:8086");

        assertThat(o.get(Options.REDIS)).hasToString("redis://127.0.0.1:6379/0");
        assertThat(o.get(Options.REST)).isEqualTo(new HostPort("0.0.0.0", 0));
        assertThat(o.get(Options.AMBULANCE)).isEqualTo(new HostPort("::1", 6000));
        assertThat(o.get(Options.AMBULANCE).httpUrl()).isEqualTo("http://[::1]:6000");
        assertThat(o.get(Options.CARS)).extracting(Peer::toString)
                .containsExactly("127.0.0.1:6061/Countach", "10.0.0.2:6062/Panda", "10.0.0.3:6063/Veyron");
        assertThat(o.get(Options.NAME)).isEqualTo("Beetle");
        assertThat(o.get(Options.INFLUX)).hasToString("http://127.0.0.1:8086");
        assertThat(remote().get(Options.CARS)).isEmpty();
    }

    @Test
    void malformedRemoteValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> remote("--redis", "localhost:6379"))
                .hasMessage("--redis takes a URL such as redis://127.0.0.1:6379, not 'localhost:6379' "
                        + "(the scheme must be redis or rediss)");
        assertThatThrownBy(() -> remote("--redis", "redis://"))
                .hasMessageStartingWith("--redis takes a URL such as redis://127.0.0.1:6379, not 'redis://'");
        assertThatThrownBy(() -> remote("--influx", "ftp://x")).hasMessageContaining("the scheme must be http or https");
        assertThatThrownBy(() -> remote("--rest", "6060"))
                .hasMessage("--rest takes HOST:PORT (such as 127.0.0.1:6060), not '6060': no port");
        assertThatThrownBy(() -> remote("--rest", "host:99999"))
                .hasMessage("--rest: the port must be between 0 and 65535, not 99999");
        assertThatThrownBy(() -> remote("--ambulance", "host:0"))
                .hasMessage("--ambulance: the port must be between 1 and 65535, not 0");
        assertThatThrownBy(() -> remote("--ambulance", "http://host:6000"))
                .hasMessageStartingWith("--ambulance takes HOST:PORT (such as 127.0.0.1:6060), not 'http://host:6000'");
        assertThatThrownBy(() -> remote("--cars", "127.0.0.1:6061"))
                .hasMessage("--cars takes HOST:PORT/NAME (such as 127.0.0.1:6061/Countach), not '127.0.0.1:6061': no /NAME");
        assertThatThrownBy(() -> remote("--cars", "127.0.0.1:6061/car.a"))
                .hasMessage("--cars: the name in '127.0.0.1:6061/car.a' takes letters, digits, '_' and '-' only");
        assertThatThrownBy(() -> remote("--cars", "--name", "x")).hasMessageStartingWith("--cars needs a value");
    }
}
