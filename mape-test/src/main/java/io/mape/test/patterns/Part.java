package io.mape.test.patterns;

import io.mape.Element;
import java.util.List;
import java.util.Objects;

/**
 * One part of a system whose parts each run a whole loop ({@link CoordinatedControlConformance},
 * {@link InformationSharingConformance}).
 *
 * @param name     the part's name, as other parts' {@code reaches} name it
 * @param elements the elements of the part's loop: a monitor, an analyzer, a planner and an executor at least (leave
 *                 out taps that are no stage of it, such as a sink feeding a time series)
 * @param stimulus makes the part see something the others must hear of (e.g. its driver reports an emergency)
 * @param reaches  the names of the parts that hear of what this part sees
 */
public record Part(String name, List<Element<?, ?>> elements, Runnable stimulus, List<String> reaches) {
    public Part {
        Objects.requireNonNull(name, "name");
        elements = List.copyOf(elements);
        Objects.requireNonNull(stimulus, "stimulus");
        reaches = List.copyOf(reaches);
    }
}
