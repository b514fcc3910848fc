package io.mape.test;

import io.mape.Element;
import io.mape.test.internal.Recorder;

/**
 * An Execute that acts by recording what it is given, made by {@link TestApp#effector}: link a plan to
 * {@link #element()} and assert on what was executed, and when, with the assertions of {@link Probe}.
 *
 * @param <T> what it executes
 */
public final class RecordingEffector<T> extends Probe<T> {

    private final Element<T, Void> element;

    RecordingEffector(Element<T, Void> element, Recorder<T> recorder) {
        super(element, recorder, "executed");
        this.element = element;
    }

    /** The Execute element, to link to. */
    @Override
    public Element<T, Void> element() {
        return element;
    }
}
