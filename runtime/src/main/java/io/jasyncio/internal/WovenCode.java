// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.AsyncCloseable;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * What woven code calls: the binary interface between the weaver and the runtime, version
 * {@value #VERSION}.
 *
 * <p>An {@code @Async} method {@code m} of class {@code Owner} is woven into three parts:
 * <ul>
 *   <li>a frame class {@code Owner-m-Frame extends Coroutine} (a {@code -}, which no Java class name
 *       holds, after the owner's name; a number after {@code Frame} for overloads), synthetic, with an
 *       {@code int label} field, one
 *       field per typed slot ({@code L$0}, {@code I$0}, {@code J$0}, {@code F$0}, {@code D$0}) and a
 *       {@code resume()} that calls the body; its bytes travel in the owner's constant pool and
 *       {@link #defineFrameClass} defines it on first use;
 *   <li>the method itself, which stores its arguments in a new frame and returns it;
 *   <li>the body, {@code static Object m(Coroutine frame, [Owner this,] params...)}, the state machine
 *       that keeps the user's method name and lines.
 * </ul>
 * At each {@code await(x)} the body first asks {@link #isDone} and takes {@link #doneResult} without
 * suspending; otherwise it spills its live values into the frame, sets the label and calls
 * {@link #await}; if that returns {@link #SUSPENDED} the body returns it, and the loop later resumes
 * the body at the label, which restores the values and takes {@link #resumeValue}.
 * {@code return result(v)} becomes {@code return returnValue(v, frame)}. The close of a
 * try-with-resources becomes {@code await(closeResource(r))}, and the {@code addSuppressed} of its
 * exceptional exit {@link #addSuppressed}.
 * {@code return result(v)} becomes {@code return returnValue(v, frame)}.
 *
 * <p>An {@code @Async} method returning {@code AsyncGenerator} is woven the same way, and its factory
 * returns {@link #asyncGenerator} around the frame. Each {@code emit(value)} in its body is a resume
 * point as an await is: the body saves its state, sets the label and returns {@link #emit}; resumed
 * there, it takes {@link #sentValue}.
 */
public final class WovenCode {
    /** The version of this contract; woven classes record the version they were woven for. */
    public static final int VERSION = 1;

    /** What a body returns when it suspended; never a value that user code sees. */
    public static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    private WovenCode() {
    }

    /**
     * Whether {@code awaitable} is a future, or a {@link CompletableFuture}, that is already done, so
     * awaiting it must not suspend.
     */
    public static boolean isDone(Object awaitable) {
        if (awaitable instanceof Future<?> future) {
            return future.done();
        }
        return awaitable instanceof CompletableFuture<?> stage && Runtime.INSTANCE.isDone(stage);
    }

    /**
     * The outcome of what {@link #isDone} found done: its result, or its exception thrown as it was
     * set; for a {@link CompletableFuture}, without Java's {@code CompletionException} around it, and
     * {@code CancelledError} if it was cancelled.
     */
    public static Object doneResult(Object awaitable) {
        if (awaitable instanceof Future<?> future) {
            return future.result();
        }
        return Runtime.INSTANCE.doneResult((CompletableFuture<?>) awaitable);
    }

    /**
     * Awaits {@code awaitable} in the task that drives {@code frame}, after the frame has saved its
     * state: returns {@link #SUSPENDED}, or the value when no suspension was needed (a coroutine that
     * ran to its end inline); throws what an inline coroutine threw. A coroutine awaited deep in a
     * chain of inline awaits is started by the task's step instead, in the same step, after the
     * frames on the Java stack have returned {@link #SUSPENDED}; the frame is then resumed with its
     * outcome.
     */
    public static Object await(Object frame, Object awaitable) {
        if (awaitable instanceof Coroutine<?> coroutine) {
            return Runtime.INSTANCE.awaitCoroutine((Coroutine<?>) frame, coroutine);
        }
        return Runtime.INSTANCE.await((Coroutine<?>) frame, awaitable);
    }

    /**
     * The outcome delivered to the await at which {@code frame} is being resumed: the value, or the
     * exception (a failure of the awaited object, or {@code CancelledError}) thrown at the await.
     */
    public static Object resumeValue(Object frame) {
        return Runtime.INSTANCE.resumeValue((Coroutine<?>) frame);
    }

    /** {@code result(value)} in woven code: records the value on the frame and returns the frame. */
    public static Coroutine<?> returnValue(Object value, Object frame) {
        return Runtime.INSTANCE.returnValue(value, (Coroutine<?>) frame);
    }

    /**
     * The close of a try-with-resources in woven code, which the code then awaits: {@code aclose()} of
     * an {@link AsyncCloseable}; for any other resource, {@code close()} is called now and what is
     * returned is done, so the await continues without suspending. {@code resource} is not
     * {@code null}: javac tests it first.
     */
    public static Awaitable<?> closeResource(AutoCloseable resource) throws Exception {
        if (resource instanceof AsyncCloseable asyncResource) {
            Coroutine<Void> closing = asyncResource.aclose();
            if (closing == null) {
                throw new NullPointerException("aclose() of " + resource.getClass().getName() + " returned null");
            }
            return closing;
        }
        resource.close();
        return CLOSED;
    }

    /**
     * Where a try-with-resources in woven code adds the failure of the close on its exceptional exit to
     * the body's exception, javac's {@code primary.addSuppressed(failure)}: the same, except that a
     * {@link CancelledError} from closing is not suppressed but thrown, with {@code primary} suppressed
     * in it, so that a task cancelled while it awaits {@code aclose()} ends cancelled, as Python's
     * {@code async with} lets the {@code CancelledError} of {@code __aexit__} propagate.
     */
    public static void addSuppressed(Throwable primary, Throwable failure) {
        if (failure instanceof CancelledError cancelled) {
            if (cancelled != primary) {
                cancelled.addSuppressed(primary);
            }
            throw cancelled;
        }
        primary.addSuppressed(failure);
    }

    /** What {@link #closeResource} returns for a resource closed without awaiting: done, on no loop. */
    private static final Future<Void> CLOSED = closedFuture();

    private static Future<Void> closedFuture() {
        Future<Void> closed = new Future<>(null);
        closed.setResult(null);
        return closed;
    }

    /**
     * {@code emit(value)} in the woven body of an async generator, after the frame has saved its state
     * and set its label: hands {@code value} to the step of the generator that runs the frame, and
     * returns what the body returns to end the step, as {@link #returnValue} does.
     */
    public static Object emit(Object frame, Object value) {
        return Runtime.INSTANCE.emit((Coroutine<?>) frame, value);
    }

    /**
     * What the {@code emit} at which an async generator's {@code frame} is being resumed returns: the
     * value {@code asend} sent ({@code null} for {@code anext}), or the exception {@code athrow} or
     * {@code aclose} throws in, thrown at the {@code emit}.
     */
    public static Object sentValue(Object frame) {
        return Runtime.INSTANCE.sentValue((Coroutine<?>) frame);
    }

    /**
     * What the factory of an async generator returns: the generator around its new {@code frame},
     * which nothing has run yet.
     */
    public static AsyncGenerator<?> asyncGenerator(Coroutine<?> frame) {
        return Runtime.INSTANCE.asyncGenerator(frame);
    }

    /**
     * Bootstrap of the {@code invokedynamic} that opens each woven {@code @Async} method: defines the
     * method's frame class in the owner's package from the bytes in {@code classFileChunks} (a class
     * file, one char per byte), unless a class of that name exists already, as when the build wrote it.
     * The call site then does nothing. An existing class of that name that is not a coroutine is no
     * frame class: that fails the link with an error naming it, rather than a
     * {@code ClassCastException} or {@code NoSuchFieldError} at each call.
     */
    public static CallSite defineFrameClass(
            MethodHandles.Lookup owner, String frameSimpleName, MethodType type, String... classFileChunks)
            throws IllegalAccessException {
        String packagePrefix = owner.lookupClass().getPackageName().isEmpty()
                ? "" : owner.lookupClass().getPackageName() + ".";
        String frameClassName = packagePrefix + frameSimpleName;
        try {
            Class<?> existing = owner.findClass(frameClassName);
            if (!Coroutine.class.isAssignableFrom(existing)) {
                throw new IncompatibleClassChangeError("the frame class " + frameClassName + " of a woven @Async"
                        + " method of " + owner.lookupClass().getName() + " exists already and is not a coroutine:"
                        + " another class has its name");
            }
            FrameClasses.defined(existing);
        } catch (ClassNotFoundException absent) {
            StringBuilder classFile = new StringBuilder();
            for (String chunk : classFileChunks) {
                classFile.append(chunk);
            }
            try {
                FrameClasses.defined(owner.defineClass(classFile.toString().getBytes(StandardCharsets.ISO_8859_1)));
            } catch (LinkageError definedConcurrently) {
                try {
                    FrameClasses.defined(owner.findClass(frameClassName));
                } catch (ClassNotFoundException stillAbsent) {
                    definedConcurrently.addSuppressed(stillAbsent);
                    throw definedConcurrently;
                }
            }
        }
        return new ConstantCallSite(MethodHandles.empty(type));
    }

    /** Holds the runtime, looked up on first use so that this class initialises without it. */
    private static final class Runtime {
        static final CoroutineRuntime INSTANCE = CoroutineRuntime.installed();
    }
}
