package io.mape;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An item that asks the receiving element to run one of its methods instead of its function: PyMAPE's
 * {@code CallMethod}. Only methods annotated {@link io.mape.annotation.CallableMethod} can be run (on an element subclass,
 * or on the bean of an annotated-method element); anything else is refused, logged, and counted in
 * {@link ElementStats#refusedCalls()}. Arguments are converted to the method's parameter types through the codec,
 * so a call that came as JSON works as one made in Java.
 *
 * <p>On the wire: {@code {"@type":"call","name":"setTarget","args":[90]}}.
 *
 * @param name the method name
 * @param args the arguments, in order; never null
 */
public record CallMethod(String name, List<Object> args) {

    public CallMethod {
        Objects.requireNonNull(name, "name");
        args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
    }

    /** A call of {@code name} with these arguments. */
    public static CallMethod of(String name, Object... args) {
        return new CallMethod(name, Arrays.asList(args));
    }
}
