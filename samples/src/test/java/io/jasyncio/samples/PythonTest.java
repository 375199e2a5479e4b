// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.samples.Python.repr;
import static io.jasyncio.samples.Python.round;
import static io.jasyncio.samples.Python.str;
import static io.jasyncio.samples.Python.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.InvalidStateException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values print as CPython 3.11 prints them (the expected strings are CPython's). */
class PythonTest {
    @Test
    void scalarsPrintAsPythonsNoneBoolsIntsAndStrings() {
        assertEquals("None", repr(null));
        assertEquals("True", repr(true));
        assertEquals("False", str(false));
        assertEquals("19999900000", str(19999900000L));
        assertEquals("text", str("text"));
        assertEquals("'text'", repr("text"));
        assertEquals("\"it's\"", repr("it's"));
        assertEquals("'both \\' and \"'", repr("both ' and \""));
        assertEquals("'a\\nb\\\\'", repr("a\nb\\"));
    }

    @Test
    void bytesPrintAsPythonsRepr() {
        assertEquals("b'HELLO\\n'", str("HELLO\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("b''", repr(new byte[0]));
        assertEquals("b\"it's\"", repr("it's".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("b'\\x00\\t\\x7f\\x80\\xff\\\\'", repr(new byte[] {0, 9, 0x7f, (byte) 0x80, (byte) 0xff, '\\'}));
    }

    @Test
    void floatsPrintAsPythonsRepr() {
        assertEquals("1.0", repr(1.0));
        assertEquals("-0.0", repr(-0.0));
        assertEquals("0.1", repr(0.1));
        assertEquals("0.0001", repr(0.0001));
        assertEquals("1e-05", repr(0.00001));
        assertEquals("1.5e-07", repr(1.5e-7));
        assertEquals("123456789.0", repr(123456789.0));
        assertEquals("1e+16", repr(1e16));
        assertEquals("1234567890123456.0", repr(1234567890123456.0));
        assertEquals("0.3333333333333333", repr(1.0 / 3));
        assertEquals("-1e-300", repr(-1e-300));
        assertEquals("1.7976931348623157e+308", repr(Double.MAX_VALUE));
        assertEquals("inf", repr(Double.POSITIVE_INFINITY));
        assertEquals("nan", repr(Double.NaN));
    }

    @Test
    void roundIsHalfToEvenOnTheExactValue() {
        assertEquals(1.0, round(1.04, 1));
        assertEquals(2.0, round(1.95001, 1));
        assertEquals(0.2, round(0.25, 1));
        assertEquals(2.7, round(2.675, 1));
        assertEquals(2.67, round(2.675, 2)); // 2.675 is 2.67499999... as a double
    }

    @Test
    void containersUseTheReprOfTheirElements() {
        assertEquals("[False, False, False]", str(List.of(false, false, false)));
        assertEquals("[None, 'a', 1.5]", str(Arrays.asList(null, "a", 1.5)));
        assertEquals("()", str(tuple()));
        assertEquals("('bad',)", str(tuple("bad")));
        assertEquals("(1, 'x')", str(tuple(1, "x")));
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("k", 1);
        dict.put(2, null);
        assertEquals("{'k': 1, 2: None}", str(dict));
    }

    @Test
    void exceptionsPrintTheirPythonNameAndArgs() {
        ValueError bad = new ValueError("bad");
        assertEquals("ValueError", Python.typeName(bad));
        assertEquals("('bad',)", str(Python.args(bad)));
        assertEquals("bad", str(bad));
        assertEquals("ValueError('bad')", repr(bad));
        assertEquals("InvalidStateError", Python.typeName(new InvalidStateException("Result is not ready.")));
    }

    @Test
    void printJoinsWithSpacesAndEndsWithNewline() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Python.print("got", "hello", "elapsed", 1.0);
            Python.print();
            Python.print("done", true, "exception", null);
        } finally {
            System.setOut(original);
        }
        assertEquals("got hello elapsed 1.0\n\ndone True exception None\n", captured.toString(StandardCharsets.UTF_8));
    }
}
