package io.mape.internal;

import io.mape.Debug;
import io.mape.Element;
import io.mape.Output;
import io.mape.Kind;
import io.mape.annotation.AnalyzeMethod;
import io.mape.annotation.ExecuteMethod;
import io.mape.annotation.MonitorMethod;
import io.mape.annotation.PlanMethod;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** An element whose body is an annotated method of a plain object, made by {@code Loop.register(bean)}. */
public final class BeanElement extends Element<Object, Object> {

    private enum Shape { ITEM_OUT, ITEM_OUT_SELF, ITEM_RETURNS }

    private final Object bean;
    private final Method method;
    private final Shape shape;
    private final boolean async;
    private List<String> from = List.of();
    private List<String> to = List.of();

    private BeanElement(Kind kind, String uid, Object bean, Method method) {
        super(kind, uid);
        this.bean = bean;
        this.method = method;
        Class<?>[] p = method.getParameterTypes();
        String where = method.getDeclaringClass().getName() + "." + method.getName();
        if (p.length == 1) {
            shape = Shape.ITEM_RETURNS;
        } else if (p.length == 2 && p[1] == Output.class) {
            shape = Shape.ITEM_OUT;
        } else if (p.length == 3 && p[1] == Output.class && Element.class.isAssignableFrom(p[2])) {
            shape = Shape.ITEM_OUT_SELF;
        } else {
            throw new IllegalArgumentException(where + " must take (item), (item, Output) or (item, Output, Element)");
        }
        async = CompletionStage.class.isAssignableFrom(method.getReturnType());
        if (async && shape == Shape.ITEM_RETURNS) {
            throw new IllegalArgumentException(where + " returns a CompletionStage, so it must take (item, Output)");
        }
        method.setAccessible(true);
        inputType(method.getGenericParameterTypes()[0]);
        outputType(shape == Shape.ITEM_RETURNS ? method.getGenericReturnType()
                : Types.outputArgument(method.getGenericParameterTypes()[1]));
    }

    /** The annotation's {@code from}: what this element subscribes to. */
    public List<String> from() {
        return from;
    }

    /** The annotation's {@code to}: what subscribes to this element. */
    public List<String> to() {
        return to;
    }

    /** The elements of every annotated method of {@code bean}, configured from their annotations, not yet in a loop. */
    public static List<BeanElement> of(Object bean) {
        List<BeanElement> elements = new ArrayList<>();
        for (Class<?> c = bean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                for (Annotation a : m.getDeclaredAnnotations()) {
                    Spec spec = Spec.of(a);
                    if (spec != null) {
                        elements.add(spec.build(bean, m));
                    }
                }
            }
        }
        if (elements.isEmpty()) {
            throw new IllegalArgumentException(bean.getClass().getName()
                    + " has no method annotated @MonitorMethod, @AnalyzeMethod, @PlanMethod or @ExecuteMethod");
        }
        return elements;
    }

    @Override
    protected boolean isAsynchronous() {
        return async;
    }

    @Override
    protected void process(Object item, Output<Object> out) throws Exception {
        Object r = call(item, out);
        if (shape == Shape.ITEM_RETURNS && r != null) {
            out.next(r);
        }
    }

    @Override
    protected CompletionStage<?> processAsync(Object item, Output<Object> out) throws Exception {
        if (!async) {
            process(item, out);
            return null;
        }
        return (CompletionStage<?>) call(item, out);
    }

    private Object call(Object item, Output<Object> out) throws Exception {
        try {
            return switch (shape) {
                case ITEM_RETURNS -> method.invoke(bean, item);
                case ITEM_OUT -> method.invoke(bean, item, out);
                case ITEM_OUT_SELF -> method.invoke(bean, item, out, this);
            };
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    @Override
    protected Object callTarget() {
        return bean;
    }

    private record Spec(Kind kind, String uid, String[] from, String[] to, String opsIn, String opsOut,
                        String scheduler, Debug[] debug) {

        static Spec of(Annotation a) {
            if (a instanceof MonitorMethod m) {
                return new Spec(Kind.MONITOR, m.uid(), m.from(), m.to(), m.opsIn(), m.opsOut(), m.scheduler(),
                        m.debug());
            }
            if (a instanceof AnalyzeMethod m) {
                return new Spec(Kind.ANALYZE, m.uid(), m.from(), m.to(), m.opsIn(), m.opsOut(), m.scheduler(),
                        m.debug());
            }
            if (a instanceof PlanMethod m) {
                return new Spec(Kind.PLAN, m.uid(), m.from(), m.to(), m.opsIn(), m.opsOut(), m.scheduler(), m.debug());
            }
            if (a instanceof ExecuteMethod m) {
                return new Spec(Kind.EXECUTE, m.uid(), m.from(), m.to(), m.opsIn(), m.opsOut(), m.scheduler(),
                        m.debug());
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        BeanElement build(Object bean, Method m) {
            BeanElement e = new BeanElement(kind, uid.isEmpty() ? m.getName() : uid, bean, m);
            e.from = List.of(from);
            e.to = List.of(to);
            if (!opsIn.isEmpty()) {
                e.opsIn((ObservableTransformer<Object, Object>) member(bean, opsIn, m));
            }
            if (!opsOut.isEmpty()) {
                e.opsOut((ObservableTransformer<Object, Object>) member(bean, opsOut, m));
            }
            if (!scheduler.isEmpty()) {
                e.scheduler(scheduler(scheduler, m));
            }
            e.debug(debug);
            return e;
        }

        private static Object member(Object bean, String name, Method annotated) {
            String where = annotated.getDeclaringClass().getName() + "." + annotated.getName();
            for (Class<?> c = bean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Method getter = c.getDeclaredMethod(name);
                    getter.setAccessible(true);
                    return transformer(getter.invoke(bean), name, where);
                } catch (NoSuchMethodException e) {
                    // try a field, then the superclass
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException(where + ": calling " + name + "() failed: " + e.getCause(), e);
                }
                try {
                    Field f = c.getDeclaredField(name);
                    f.setAccessible(true);
                    return transformer(f.get(bean), name, where);
                } catch (NoSuchFieldException e) {
                    // go up
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException(where + ": reading field " + name + " failed", e);
                }
            }
            throw new IllegalArgumentException(where + ": no method " + name + "() or field " + name + " on "
                    + bean.getClass().getName() + " to give its operators");
        }

        private static Object transformer(Object value, String name, String where) {
            if (!(value instanceof ObservableTransformer<?, ?>)) {
                throw new IllegalArgumentException(where + ": " + name + " must give an ObservableTransformer, gave "
                        + (value == null ? "null" : value.getClass().getName()));
            }
            return value;
        }

        private static Scheduler scheduler(String name, Method m) {
            return switch (name) {
                case "io" -> Schedulers.io();
                case "computation" -> Schedulers.computation();
                case "single" -> Schedulers.single();
                case "newThread" -> Schedulers.newThread();
                default -> throw new IllegalArgumentException(m.getDeclaringClass().getName() + "." + m.getName()
                        + ": unknown scheduler '" + name + "' (io, computation, single, newThread)");
            };
        }
    }
}
