// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExceptionGroup}: Python's message, exceptions and nesting, and a stack trace that shows them all. */
class ExceptionGroupTest {
    private final IllegalStateException first = new IllegalStateException("first");
    private final OutOfMemoryError second = new OutOfMemoryError("second");

    @Test
    void messageIsPythonsStrWithTheCountAndMessageAloneIsPythonsMessage() {
        ExceptionGroup one = new ExceptionGroup("unhandled errors in a TaskGroup", List.of(first));
        ExceptionGroup two = new ExceptionGroup("unhandled errors in a TaskGroup", List.of(first, second));
        assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", one.getMessage());
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", two.getMessage());
        assertEquals("unhandled errors in a TaskGroup", two.message());
    }

    @Test
    void exceptionsKeepTheirOrderAndTheListIsACopy() {
        List<Throwable> given = new ArrayList<>(List.of(first, second));
        ExceptionGroup group = new ExceptionGroup("errors", given);
        given.clear();
        assertEquals(List.of(first, second), group.exceptions());
        assertThrows(UnsupportedOperationException.class, () -> group.exceptions().clear());
    }

    @Test
    void nestedGroupIsOneOfTheExceptions() {
        ExceptionGroup inner = new ExceptionGroup("inner", List.of(first));
        ExceptionGroup outer = new ExceptionGroup("outer", List.of(inner, second));
        assertEquals(List.of(inner, second), outer.exceptions());
    }

    @Test
    void stackTraceShowsEveryExceptionOfTheGroup() {
        ExceptionGroup group = new ExceptionGroup("errors", List.of(first, second));
        assertArrayEquals(new Throwable[] {first, second}, group.getSuppressed());
        StringWriter trace = new StringWriter();
        group.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        assertTrue(text.contains("Suppressed: java.lang.IllegalStateException: first"), text);
        assertTrue(text.contains("Suppressed: java.lang.OutOfMemoryError: second"), text);
    }

    @Test
    void emptyGroupIsRefusedAsInPython() {
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("none", List.of()));
    }
}
