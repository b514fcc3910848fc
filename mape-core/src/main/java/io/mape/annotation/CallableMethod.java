package io.mape.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that a {@link io.mape.CallMethod} may run. Without it, no method can be called by name: from the
 * network that would be remote code execution. The method runs in the element's serialized context, like its
 * function, so it may touch the element's state without locks.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CallableMethod {
}
