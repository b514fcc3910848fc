package io.mape.internal;

import io.mape.Element;
import io.mape.ElementFunction;
import io.mape.Output;
import io.mape.Kind;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * An element whose body is a lambda given to a {@link io.mape.Loop} factory. The body is read once per item from a
 * volatile field, so {@link Element#swap} takes effect between two items.
 */
public final class FunctionElement<I, O> extends Element<I, O> implements Swappable {

    /** The body; a {@link ElementFunction.WithSelf} is held in a {@link WithSelf}, so a run makes no type test. */
    private volatile ElementFunction<I, O> body;

    public FunctionElement(Kind kind, String uid, ElementFunction<I, O> fn, Type inputType, Type outputType) {
        this(kind, uid, (Serializable) fn, inputType, outputType);
    }

    public FunctionElement(Kind kind, String uid, ElementFunction.WithSelf<I, O> withSelf, Type inputType, Type outputType) {
        this(kind, uid, (Serializable) withSelf, inputType, outputType);
    }

    private FunctionElement(Kind kind, String uid, Serializable body, Type inputType, Type outputType) {
        super(kind, uid);
        this.body = asFunction(body);
        inputType(inputType);
        outputType(outputType);
    }

    @Override
    protected void process(I item, Output<O> out) throws Exception {
        try {
            body.apply(item, out);
        } catch (ClassCastException e) {
            throw explained(this, kind().name().toLowerCase(java.util.Locale.ROOT) + "(", e);
        }
    }

    @Override
    public void swap(Serializable next) {
        if (!(next instanceof ElementFunction<?, ?>) && !(next instanceof ElementFunction.WithSelf<?, ?>)) {
            throw new IllegalArgumentException(this + " has a synchronous body; swap it with swap(...), not "
                    + "swapAsync(...)");
        }
        checkTypes(this, next);
        body = asFunction(next);
    }

    @SuppressWarnings("unchecked")
    private ElementFunction<I, O> asFunction(Serializable lambda) {
        return lambda instanceof ElementFunction<?, ?> fn ? (ElementFunction<I, O>) fn
                : new WithSelf<>((ElementFunction.WithSelf<I, O>) lambda, this);
    }

    /** A body that is also given its element, as a plain function. Never serialized. */
    private record WithSelf<I, O>(ElementFunction.WithSelf<I, O> fn, Element<I, O> self) implements ElementFunction<I, O> {
        @Override
        public void apply(I item, Output<O> out) throws Exception {
            fn.apply(item, out, self);
        }
    }

    /**
     * Throws when {@code next} does not take what {@code element} takes or emits what it does not. A lambda whose
     * types javac erased reads as Object and fits.
     */
    static void checkTypes(Element<?, ?> element, Serializable next) {
        Type in = Types.parameter(next, 0);
        Type out = Types.outputArgument(Types.parameter(next, 1));
        if (!Types.fits(element.inputType(), in) || !Types.fits(out, element.outputType())) {
            throw new IllegalArgumentException(element + " takes " + Types.name(element.inputType()) + " and emits "
                    + Types.name(element.outputType()) + "; the new body takes " + Types.name(in) + " and emits "
                    + Types.name(out));
        }
    }

    /**
     * {@code e} with the fix in its message when the lambda's input type reached the runtime erased (a generic class
     * seen without its type arguments), the likely cause: an item from the wire decoded without them.
     */
    static ClassCastException explained(Element<?, ?> element, String factory, ClassCastException e) {
        if (Types.isComplete(element.inputType())) {
            return e;
        }
        String raw = Types.name(element.inputType());
        ClassCastException explained = new ClassCastException(e.getMessage() + " (the lambda of " + element
                + " takes a " + raw + " whose type arguments javac does not keep, so an item from the wire is decoded "
                + "without them; give them: loop." + factory + "uid, new TypeRef<" + raw
                + "<...>>() {}, (item, out) -> ...), or use a method reference)");
        explained.setStackTrace(e.getStackTrace());
        return explained;
    }

    /** An element whose body is an asynchronous lambda. */
    public static final class Async<I, O> extends Element<I, O> implements Swappable {

        private volatile ElementFunction.Async<I, O> fn;

        public Async(Kind kind, String uid, ElementFunction.Async<I, O> fn, Type inputType, Type outputType) {
            super(kind, uid);
            this.fn = fn;
            inputType(inputType);
            outputType(outputType);
        }

        @Override
        protected boolean isAsynchronous() {
            return true;
        }

        @Override
        protected CompletionStage<?> processAsync(I item, Output<O> out) throws Exception {
            try {
                return fn.apply(item, out);
            } catch (ClassCastException e) {
                throw explained(this, "async(Kind." + kind() + ", ", e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void swap(Serializable next) {
            if (!(next instanceof ElementFunction.Async<?, ?> async)) {
                throw new IllegalArgumentException(this + " has an asynchronous body; swap it with swapAsync(...)");
            }
            checkTypes(this, next);
            fn = (ElementFunction.Async<I, O>) async;
        }
    }
}
