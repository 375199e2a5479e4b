// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

/** The errors of code that reached the runtime without being woven. */
final class Unwoven {
    private Unwoven() {
    }

    /**
     * The error of an {@code await} that the weaver never rewrote: it names the method and how to
     * weave it. It is thrown, never waited on, so an unwoven program fails instead of blocking.
     */
    static IllegalStateException awaitCalledFrom(StackWalker.StackFrame caller) {
        String where = caller == null ? "an unknown method"
                : caller.getClassName() + "." + caller.getMethodName() + " (" + caller.getFileName() + ":"
                        + caller.getLineNumber() + ")";
        return new IllegalStateException("await() called in " + where + ", which was not woven: await() works"
                + " only in an @Async method (or a lambda returning Coroutine) whose class was woven, either at"
                + " load time with java -javaagent:jasyncio-agent.jar or at build time with the"
                + " jasyncio-maven-plugin");
    }
}
