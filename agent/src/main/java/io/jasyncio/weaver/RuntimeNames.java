// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

/**
 * The names and descriptors of the runtime that the weaver reads and writes: its half of the
 * contract documented by {@code io.jasyncio.internal.WovenCode}. The weaver names them as strings so
 * that it never loads the runtime.
 */
final class RuntimeNames {
    private RuntimeNames() {
    }

    /** The version of {@code WovenCode} that this weaver writes calls to. */
    static final int CONTRACT_VERSION = 1;

    static final String ASYNC_ANNOTATION = "Lio/jasyncio/annotations/Async;";

    /** The marker on woven classes: an invisible annotation, so weaving twice changes nothing. */
    static final String WOVEN_ANNOTATION = "Lio/jasyncio/internal/Woven;";

    static final String ASYNCIO = "io/jasyncio/Asyncio";
    static final String AWAIT = "await";
    static final String AWAIT_DESCRIPTOR = "(Lio/jasyncio/Awaitable;)Ljava/lang/Object;";
    static final String AWAIT_STAGE_DESCRIPTOR = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
    static final String RESULT = "result";
    static final String RESULT_DESCRIPTOR = "(Ljava/lang/Object;)Lio/jasyncio/Coroutine;";

    /** What code throws that the weaver never rewrote, or refused: an {@code Error}, which {@code catch (Exception e)} lets through. */
    static final String NOT_WOVEN_ERROR = "io/jasyncio/NotWovenError";

    static final String COROUTINE = "io/jasyncio/Coroutine";
    static final String COROUTINE_DESCRIPTOR = "L" + COROUTINE + ";";

    /** What a lambda returns when its target is {@code Supplier<Awaitable<T>>}, as the runtime's {@code withLock} takes. */
    static final String AWAITABLE_DESCRIPTOR = "Lio/jasyncio/Awaitable;";

    /** What an async generator's method returns, and the owner of {@code emit}, an interface. */
    static final String ASYNC_GENERATOR = "io/jasyncio/AsyncGenerator";
    static final String ASYNC_GENERATOR_DESCRIPTOR = "L" + ASYNC_GENERATOR + ";";
    static final String EMIT = "emit";
    static final String EMIT_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";

    static final String WOVEN_CODE = "io/jasyncio/internal/WovenCode";
    static final String IS_DONE = "isDone";
    static final String IS_DONE_DESCRIPTOR = "(Ljava/lang/Object;)Z";
    static final String DONE_RESULT = "doneResult";
    static final String DONE_RESULT_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
    static final String SUSPEND = "await";
    static final String SUSPEND_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
    static final String RESUME_VALUE = "resumeValue";
    static final String RESUME_VALUE_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
    static final String RETURN_VALUE = "returnValue";
    static final String RETURN_VALUE_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)" + COROUTINE_DESCRIPTOR;
    static final String SUSPENDED = "SUSPENDED";
    static final String CLOSE_RESOURCE = "closeResource";
    static final String CLOSE_RESOURCE_DESCRIPTOR = "(Ljava/lang/AutoCloseable;)Lio/jasyncio/Awaitable;";
    static final String ADD_SUPPRESSED = "addSuppressed";
    static final String ADD_SUPPRESSED_DESCRIPTOR = "(Ljava/lang/Throwable;Ljava/lang/Throwable;)V";
    static final String EMIT_VALUE = "emit";
    static final String EMIT_VALUE_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
    static final String SENT_VALUE = "sentValue";
    static final String SENT_VALUE_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
    static final String WRAP_GENERATOR = "asyncGenerator";
    static final String WRAP_GENERATOR_DESCRIPTOR = "(" + COROUTINE_DESCRIPTOR + ")" + ASYNC_GENERATOR_DESCRIPTOR;
    static final String DEFINE_FRAME_CLASS = "defineFrameClass";
    static final String DEFINE_FRAME_CLASS_DESCRIPTOR = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;[Ljava/lang/String;)Ljava/lang/invoke/CallSite;";

    /** The frame's resume point: 0 before the first step, then the number of the await it is suspended at. */
    static final String LABEL_FIELD = "label";

    /** The method every frame class overrides to run its body. */
    static final String RESUME = "resume";
    static final String RESUME_DESCRIPTOR = "()Ljava/lang/Object;";

    /** The method every frame class overrides to name its coroutine function, {@code Owner.method}. */
    static final String FUNCTION_NAME = "functionName";
    static final String FUNCTION_NAME_DESCRIPTOR = "()Ljava/lang/String;";

    /** The method a frame class overrides to give the line of the await it is suspended at, from constant code. */
    static final String AWAIT_LINE = "awaitLine";
    static final String AWAIT_LINE_DESCRIPTOR = "()I";

    /** The method a frame class overrides to give its owner's source file, for stack frames of suspended tasks. */
    static final String SOURCE_FILE = "sourceFile";
    static final String SOURCE_FILE_DESCRIPTOR = "()Ljava/lang/String;";
}
