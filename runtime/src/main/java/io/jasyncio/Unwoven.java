// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/** The errors of code that reached the runtime without being woven. */
final class Unwoven {
    private Unwoven() {
    }

    /** The three ways to weave, as the errors of unwoven code say them. */
    static final String HOW_TO_WEAVE = "compile it with javac with jasyncio-processor on the annotation processor"
            + " path (it weaves each class as javac writes it), weave the compiled classes with the"
            + " jasyncio-maven-plugin, or run with java -javaagent:jasyncio-agent.jar";

    /**
     * The error of an {@code await} that the weaver never rewrote: it names the method and how to
     * weave it. It is thrown, never waited on, so an unwoven program fails instead of blocking; it is
     * an {@link Error}, so a {@code catch (Exception e)} around the {@code await} does not swallow it.
     */
    static NotWovenError awaitCalledFrom(StackWalker.StackFrame caller) {
        return new NotWovenError("await() called in " + where(caller) + ", which was not woven: await() works only in"
                + " an @Async method (or a lambda returning Coroutine) whose class was woven; " + HOW_TO_WEAVE);
    }

    /** The error of an {@code emit} that the weaver never rewrote, as {@link #awaitCalledFrom} for an await. */
    static NotWovenError emitCalledFrom(StackWalker.StackFrame caller) {
        return new NotWovenError("emit() called in " + where(caller) + ", which was not woven: emit() works only in"
                + " an @Async method (or a lambda) returning AsyncGenerator whose class was woven; " + HOW_TO_WEAVE);
    }

    private static String where(StackWalker.StackFrame caller) {
        return caller == null ? "an unknown method"
                : caller.getClassName() + "." + caller.getMethodName() + " (" + caller.getFileName() + ":"
                        + caller.getLineNumber() + ")";
    }
}
