package io.mape.internal;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Finds the declared input type of an element, so that the wire can decode into it. */
public final class Types {

    private Types() {
    }

    /**
     * The actual type given to type parameter {@code index} of {@code base} by {@code cls}'s superclass chain,
     * or {@code Object.class} when the chain leaves it open.
     */
    public static Type typeArgument(Class<?> cls, Class<?> base, int index) {
        Map<TypeVariable<?>, Type> bound = new HashMap<>();
        Class<?> c = cls;
        while (c != null && c != base) {
            Type sup = c.getGenericSuperclass();
            Class<?> raw = sup instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) sup;
            if (sup instanceof ParameterizedType p) {
                TypeVariable<?>[] vars = raw.getTypeParameters();
                Type[] args = p.getActualTypeArguments();
                for (int i = 0; i < vars.length; i++) {
                    bound.put(vars[i], args[i] instanceof TypeVariable<?> v ? bound.getOrDefault(v, v) : args[i]);
                }
            }
            c = raw;
        }
        if (c == null) {
            return Object.class;
        }
        Type t = bound.get(base.getTypeParameters()[index]);
        return t == null || t instanceof TypeVariable<?> ? Object.class : t;
    }

    /**
     * The erased type of the first parameter of a serializable lambda or method reference, read from its
     * {@link SerializedLambda} (nothing is serialized), or {@code Object.class} when it cannot be told.
     */
    public static Type firstParameter(Serializable lambda) {
        AtomicReference<Type> known = FIRST_PARAMETER.get(lambda.getClass());
        Type t = known.get();
        if (t == null) {
            t = read(lambda);
            known.set(t);
        }
        return t;
    }

    /** Per lambda class, the type once read: the reflection runs once per call site. */
    private static final ClassValue<AtomicReference<Type>> FIRST_PARAMETER = new ClassValue<>() {
        @Override
        protected AtomicReference<Type> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    private static Type read(Serializable lambda) {
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (!(writeReplace.invoke(lambda) instanceof SerializedLambda sl)) {
                return Object.class;
            }
            String descriptor = sl.getInstantiatedMethodType();
            if (!descriptor.startsWith("(L")) {
                return Object.class;
            }
            String name = descriptor.substring(2, descriptor.indexOf(';')).replace('/', '.');
            return Class.forName(name, false, lambda.getClass().getClassLoader());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Object.class;
        }
    }
}
