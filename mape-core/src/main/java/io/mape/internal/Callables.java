package io.mape.internal;

import io.mape.CallMethod;
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

    /** What became of a call: null refusal means it ran. */
    public record Outcome(String refusal, Object result) {
    }

    /**
     * Runs the call on {@code target}. A refusal (no such callable method, arguments that do not fit) is returned,
     * not thrown; an exception thrown by the method itself is thrown.
     */
    public static Outcome invoke(Object target, CallMethod call, JsonCodec codec) throws Throwable {
        List<Method> candidates = new ArrayList<>();
        for (Method m : CALLABLE.get(target.getClass())) {
            if (m.getName().equals(call.name()) && m.getParameterCount() == call.args().size()) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            return new Outcome("no method '" + call.name() + "' with " + call.args().size()
                    + " argument(s) annotated @CallableMethod on " + target.getClass().getName()
                    + " (callable: " + names(target.getClass()) + ")", null);
        }
        if (candidates.size() > 1) {
            return new Outcome("'" + call.name() + "' with " + call.args().size()
                    + " argument(s) is overloaded on " + target.getClass().getName() + "; make the name unique", null);
        }
        Method m = candidates.get(0);
        Type[] types = m.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            try {
                args[i] = codec.convert(call.args().get(i), types[i]);
            } catch (CodecException e) {
                return new Outcome("argument " + i + " of '" + call.name() + "': " + e.getMessage(), null);
            }
        }
        try {
            return new Outcome(null, m.invoke(target, args));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static List<String> names(Class<?> type) {
        return CALLABLE.get(type).stream().map(Method::getName).distinct().sorted().toList();
    }
}
