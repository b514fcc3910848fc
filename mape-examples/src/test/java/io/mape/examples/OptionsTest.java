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
}
