package io.mape.internal;

import io.mape.CallMethod;
import io.mape.Element;
import io.mape.annotation.CallableMethod;
import io.mape.codec.CodecException;
import io.mape.codec.JsonCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link CallMethod} on a target, only through a method annotated {@link CallableMethod}. */
public final class Callables {

    private static final ClassValue<List<Method>> CALLABLE = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            List<Method> found = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(CallableMethod.class) && !m.isBridge() && !Modifier.isStatic(m.getModifiers())) {
                        m.setAccessible(true);
                        found.add(m);
                    }
                }
            }
            return List.copyOf(found);
        }
    };

    private Callables() {
    }

    /**
     * The object whose {@code @CallableMethod} methods a call to {@code element} may run: the bean of an
     * annotated-method element, else the element itself (a subclass that overrides {@code callTarget()} is not
     * seen here).
     */
    public static Object target(Element<?, ?> element) {
        return element instanceof BeanElement bean ? bean.callTarget() : element;
    }

    /** What became of a call: null refusal means it ran. */
    public record Outcome(String refusal, Object result) {
    }

    /**
     * Runs the call on {@code target}. A refusal (no such callable method, arguments that do not fit) is returned,
     * not thrown; an exception thrown by the method itself is thrown.
     */
    public static Outcome invoke(Object target, CallMethod call, JsonCodec codec) throws Throwable {
        Resolved r = resolve(target, call, codec);
        if (r.refusal != null) {
            return new Outcome(r.refusal, null);
        }
        try {
            return new Outcome(null, r.method.invoke(target, r.args));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Why {@code call} would be refused on {@code target}, or null when it would run: the check {@link #invoke}
     * makes, without running anything (a transport answers a refused call before it queues it).
     */
    public static String refusal(Object target, CallMethod call, JsonCodec codec) {
        return resolve(target, call, codec).refusal;
    }

    /** The method and converted arguments of a call, or why there are none. */
    private record Resolved(String refusal, Method method, Object[] args) {
    }

    private static Resolved resolve(Object target, CallMethod call, JsonCodec codec) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : CALLABLE.get(target.getClass())) {
            if (m.getName().equals(call.name()) && m.getParameterCount() == call.args().size()) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            return refused("no method '" + WireText.escape(call.name()) + "' with " + call.args().size()
                    + " argument(s) annotated @CallableMethod on " + target.getClass().getName()
                    + " (callable: " + names(target.getClass()) + ")");
        }
        if (candidates.size() > 1) {
            return refused("'" + call.name() + "' with " + call.args().size()
                    + " argument(s) is overloaded on " + target.getClass().getName() + "; make the name unique");
        }
        Method m = candidates.get(0);
        Type[] types = m.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            try {
                args[i] = codec.convert(call.args().get(i), types[i]);
            } catch (CodecException e) {
                return refused("argument " + i + " of '" + call.name() + "': " + WireText.escape(e.getMessage()));
            }
        }
        return new Resolved(null, m, args);
    }

    private static Resolved refused(String why) {
        return new Resolved(why, null, null);
    }

    private static List<String> names(Class<?> type) {
        return CALLABLE.get(type).stream().map(Method::getName).distinct().sorted().toList();
    }
}
