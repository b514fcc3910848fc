package io.mape.internal;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
     * The declared types of a serializable lambda's or method reference's parameters, read from its
     * {@link SerializedLambda} (nothing is serialized): generic for a method reference, whose target keeps its
     * signature. A lambda's body is a synthetic method that javac (17 and 25 alike, with or without {@code -g})
     * leaves with erased parameter types only: no generic signature and no {@code LocalVariableTypeTable}, so
     * {@code (Message<Speed> m, out) -> ...} is seen as {@code Message}. A parameter that cannot be told is
     * {@code Object.class}. Read once per lambda class.
     */
    public static Type[] parameters(Serializable lambda) {
        AtomicReference<Type[]> known = PARAMETERS.get(lambda.getClass());
        Type[] t = known.get();
        if (t == null) {
            t = read(lambda);
            known.set(t);
        }
        return t.clone();
    }

    /** The declared type of a lambda's parameter {@code index} as {@link #parameters} reads it. */
    public static Type parameter(Serializable lambda, int index) {
        Type[] all = parameters(lambda);
        return index < all.length ? known(all[index]) : Object.class;
    }

    /** {@code X} of a declared {@code Output<X>}, else {@code Object.class}. */
    public static Type outputArgument(Type outputParameter) {
        return outputParameter instanceof ParameterizedType p && p.getRawType() == io.mape.Output.class
                ? known(p.getActualTypeArguments()[0]) : Object.class;
    }

    /** Whether a type reached the runtime with its type arguments, so that a decoder can honour them. */
    public static boolean isComplete(Type type) {
        return !(type instanceof Class<?> c) || c.getTypeParameters().length == 0;
    }

    /**
     * Whether a value of type {@code from} can go where {@code to} is declared, as far as the runtime can tell:
     * {@code Object} on either side is taken as unknown (true), raw classes by assignability, and where both sides
     * give type arguments of the same class, the arguments must be equal or a wildcard or type variable.
     */
    public static boolean fits(Type from, Type to) {
        if (from == Object.class || to == Object.class || from.equals(to)) {
            return true;
        }
        Class<?> rawFrom = raw(from);
        Class<?> rawTo = raw(to);
        if (!box(rawTo).isAssignableFrom(box(rawFrom))) {
            return false;
        }
        if (from instanceof ParameterizedType pf && to instanceof ParameterizedType pt && rawFrom == rawTo) {
            Type[] a = pf.getActualTypeArguments();
            Type[] b = pt.getActualTypeArguments();
            for (int i = 0; i < a.length; i++) {
                if (!(b[i] instanceof WildcardType || b[i] instanceof TypeVariable<?> || a[i] instanceof TypeVariable<?>
                        || a[i].equals(b[i]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A type as a reader writes it, without package names: {@code Message<Speed>}. */
    public static String name(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? name(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            StringBuilder b = new StringBuilder(name(p.getRawType())).append('<');
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                b.append(i == 0 ? "" : ", ").append(name(args[i]));
            }
            return b.append('>').toString();
        }
        return type.getTypeName();
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> c) {
        return c.isPrimitive() ? java.lang.invoke.MethodType.methodType(c).wrap().returnType() : c;
    }

    private static Type known(Type t) {
        return t instanceof TypeVariable<?> || t instanceof WildcardType ? Object.class : t;
    }

    /** Per lambda class, the types once read: the reflection runs once per call site. */
    private static final ClassValue<AtomicReference<Type[]>> PARAMETERS = new ClassValue<>() {
        @Override
        protected AtomicReference<Type[]> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    private static Type[] read(Serializable lambda) {
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (!(writeReplace.invoke(lambda) instanceof SerializedLambda sl)) {
                return new Type[0];
            }
            ClassLoader loader = lambda.getClass().getClassLoader();
            Type[] erased = erased(sl.getInstantiatedMethodType(), loader);
            Type[] declared = implParameters(sl, loader);
            for (int i = 0; i < erased.length && declared != null; i++) {
                if (declared[i] instanceof ParameterizedType || declared[i] instanceof GenericArrayType) {
                    erased[i] = declared[i];
                }
            }
            return erased;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Type[0];
        }
    }

    /** The generic types of the implementation method's parameters that the functional method's map onto. */
    private static Type[] implParameters(SerializedLambda sl, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> impl = Class.forName(sl.getImplClass().replace('/', '.'), false, loader);
        for (Method m : impl.getDeclaredMethods()) {
            if (m.getName().equals(sl.getImplMethodName())
                    && descriptor(m).equals(sl.getImplMethodSignature())) {
                boolean instance = !Modifier.isStatic(m.getModifiers());
                Type[] generic = m.getGenericParameterTypes();
                int captured = sl.getCapturedArgCount() - (instance && sl.getCapturedArgCount() > 0 ? 1 : 0);
                List<Type> out = new ArrayList<>();
                if (instance && sl.getCapturedArgCount() == 0) {
                    out.add(impl);
                }
                out.addAll(Arrays.asList(generic).subList(Math.min(captured, generic.length), generic.length));
                return out.toArray(Type[]::new);
            }
        }
        return null;
    }

    private static String descriptor(Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    private static Type[] erased(String descriptor, ClassLoader loader) {
        Class<?>[] classes = java.lang.invoke.MethodType.fromMethodDescriptorString(descriptor, loader).parameterArray();
        return Arrays.copyOf(classes, classes.length, Type[].class);
    }
}
