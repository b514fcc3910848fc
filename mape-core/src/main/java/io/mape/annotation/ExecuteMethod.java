package io.mape.annotation;

import io.mape.Debug;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a bean an execute element when the bean is given to {@link io.mape.Loop#register(Object)}.
 * See {@link MonitorMethod} for the method shapes and options.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExecuteMethod {

    /** The element uid; empty means the method name. */
    String uid() default "";

    /**
     * The elements this one subscribes to: uids in the loop, or dot paths in the App, of elements that exist once
     * the bean's own are added. Checked at registration: each one's output type must fit this one's input type.
     */
    String[] from() default {};

    /** The elements that subscribe to this one, named and checked as {@link #from()}. */
    String[] to() default {};

    /** Name of a method or field of the bean that gives the {@code ObservableTransformer} for port in. */
    String opsIn() default "";

    /** Name of a method or field of the bean that gives the {@code ObservableTransformer} for port out. */
    String opsOut() default "";

    /** A standard RxJava scheduler to run the method on: {@code io}, {@code computation}, {@code single}, {@code newThread}; empty means the pushing thread. */
    String scheduler() default "";

    /** What to log through SLF4J. */
    Debug[] debug() default {};
}
