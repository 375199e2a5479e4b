// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

/**
 * The texts of the processor's diagnostics. Where the weaver refuses the same shape, the text is the
 * weaver's (see "What cannot be woven" in {@code agent/WEAVING.md}), so that a user reads the same
 * explanation at compile time and at weave time; where source code can say more precisely what is
 * wrong (a lambda, an instance initialiser), it does.
 */
final class Messages {
    /** The weaver's text for an {@code await} in a plain method. */
    static final String AWAIT_IN_PLAIN_METHOD = "await in a method that is neither @Async nor a lambda returning"
            + " Coroutine: annotate it with @io.jasyncio.annotations.Async and make it return io.jasyncio.Coroutine<T>";
    /** The weaver sees a lambda body as a plain method; the source can name it a lambda and say what fixes it. */
    static final String AWAIT_IN_PLAIN_LAMBDA = "await in a lambda that does not return Coroutine: the lambda runs"
            + " outside the coroutine around it and cannot suspend; await outside the lambda (a for loop instead"
            + " of forEach), or give it a functional interface whose method returns io.jasyncio.Coroutine<T>";
    /** The weaver's text for an {@code await} in a constructor. */
    static final String AWAIT_IN_CONSTRUCTOR = "await in a constructor: a constructor cannot suspend; create the"
            + " object, then await in an @Async method";
    /** The weaver finds an instance initialiser's code in the constructors; the source knows it as an initialiser. */
    static final String AWAIT_IN_INSTANCE_INITIALISER = "await in an instance initialiser: creating an object cannot"
            + " suspend; create the object, then await in an @Async method";
    /** The weaver's text for an {@code await} in a static initialiser (a static field's initialiser is one too). */
    static final String AWAIT_IN_STATIC_INITIALISER = "await in a static initialiser: class initialisation cannot"
            + " suspend; await in an @Async method instead";
    /** The weaver's text for an {@code emit} anywhere but in an async generator. */
    static final String EMIT_OUTSIDE_GENERATOR = "emit outside an async generator: only an @Async method or a"
            + " lambda returning io.jasyncio.AsyncGenerator<T> can hand out values";
    /** The weaver's text for a method reference to {@code await}. */
    static final String AWAIT_REFERENCE = "await as a method reference: the reference calls await from"
            + " whatever method calls the functional interface, outside any coroutine, where it cannot suspend;"
            + " call await(x) in an @Async method or an async lambda instead (a for loop instead of map)";
    /** The weaver's text for a {@code synchronized @Async} method, whether it awaits or not. */
    static final String SYNCHRONIZED_ASYNC_METHOD = "a synchronized @Async method: a coroutine body never runs"
            + " inside the caller's monitor, since the call only creates the coroutine and its body runs later, in"
            + " the steps of a task; use io.jasyncio locks instead";
    /** The weaver's text for an {@code await} in a {@code synchronized} block. */
    static final String AWAIT_IN_SYNCHRONIZED_BLOCK = "await inside a synchronized block: a suspended task would"
            + " hold the monitor while other tasks run on the same thread; use io.jasyncio locks instead";
    /** The weaver's text for an {@code @Async} method without a body. */
    static final String ASYNC_WITHOUT_BODY = "an @Async method must have a body: it cannot be abstract or native";

    private Messages() {
    }

    /** The weaver's text for an {@code @Async} method that returns {@code erasedReturnType}. */
    static String asyncReturnType(String erasedReturnType) {
        return "an @Async method must return io.jasyncio.Coroutine<T>, not " + erasedReturnType;
    }

    /** Python's "coroutine was never awaited", for the coroutine that a call of {@code method} returns. */
    static String coroutineNeverAwaited(String method) {
        return "coroutine " + method + "() is never awaited: calling it only creates the coroutine, which runs"
                + " nothing; await it with await(" + method + "(...)), or run it as a task with createTask("
                + method + "(...))";
    }

    /** "Coroutine was never awaited" for the coroutine that a call of {@code method} stored in {@code variable}. */
    static String storedCoroutineNeverAwaited(String method, String variable) {
        return "coroutine " + method + "() is stored in " + variable + " and never awaited: nothing reads " + variable
                + ", so the coroutine never runs; await it with await(" + variable + "), or run it as a task with"
                + " createTask(" + variable + ")";
    }

    /** A method reference to {@code method}, which returns a coroutine, where the interface's method returns void. */
    static String coroutineReferenceAsVoid(String reference, String method) {
        return "method reference " + reference + " drops its coroutine: " + method + "() returns a coroutine, but"
                + " the method of the functional interface expected here returns void, so the coroutine is thrown"
                + " away and never runs; run it as a task instead, () -> createTask(" + method + "(...))";
    }

    /** The processor's own failure on {@code className}: a bug, which the user can report. */
    static String checksFailed(String className, RuntimeException bug) {
        return "jasyncio's compile-time checks failed on " + className + " and checked nothing in it; please report"
                + " this bug: " + bug;
    }

    /** A {@code catch} that takes {@code CancelledError} for an ordinary failure and keeps it. */
    static String cancellationSwallowed(String caughtType, String variable) {
        return "catch (" + caughtType + " " + variable + ") around an await also catches io.jasyncio.CancelledError"
                + " and does not rethrow it, so the task cannot be cancelled: rethrow " + variable + ", or add"
                + " catch (CancelledError e) { throw e; } before this clause";
    }
    /** A try-with-resources whose resource only {@code aclose()} closes, in code that is not woven. */
    static final String ASYNC_RESOURCE_OUTSIDE_COROUTINE = "try-with-resources on an AsyncCloseable outside an"
            + " @Async method: only woven code awaits its aclose() on leaving, and its close() throws; make the"
            + " method @Async, or close it with await(resource.aclose()) in an @Async method";
    /** A try-with-resources of an {@code AsyncCloseable} inside a {@code synchronized} block of a coroutine. */
    static final String ASYNC_RESOURCE_IN_SYNCHRONIZED_BLOCK = "try-with-resources on an AsyncCloseable inside a"
            + " synchronized block: closing it awaits aclose(), and a suspended task would hold the monitor while"
            + " other tasks run on the same thread; use io.jasyncio locks instead";
    /** A try-with-resources of an {@code AsyncCloseable} with an empty body, whose close the weaver cannot tell from the user's. */
    static final String ASYNC_RESOURCE_WITH_EMPTY_BODY = "try-with-resources on an AsyncCloseable with an empty"
            + " body: javac writes its close without the exception handler by which the weaver recognises a"
            + " try-with-resources, so aclose() would not be awaited; write await(resource.aclose()) instead";
}
