// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import io.jasyncio.CancelledError;
import io.jasyncio.InvalidStateException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The few Python built-ins that the conformance ports need, formatting values as CPython does, so
 * that a port prints the bytes of the program it ports.
 *
 * <p>Java values stand for Python values: {@code null} is {@code None}, a {@link Boolean} is
 * {@code True} or {@code False}, a {@code byte[]} is a {@code bytes}, a {@link Double} is a
 * {@code float}, a {@link List} is a {@code list}, a {@link Map} is a {@code dict}, a {@link Tuple}
 * is a {@code tuple}, and a {@link Throwable} is an exception whose {@code args} is its message
 * alone.
 */
public final class Python {
    static {
        // A cold JVM loads BigDecimal and its helpers on their first use, which on a busy machine can
        // take tens of milliseconds. The ports that print elapsed times call monotonic() first, so
        // paying for that here keeps the JVM's class loading out of the times they print.
        floatRepr(round(monotonic(), 1));
    }

    private Python() {
    }

    /**
     * Python's {@code print(*values)}: writes the {@link #str} of each value, separated by one space
     * and followed by {@code "\n"} on every platform, to {@code System.out} as UTF-8.
     */
    public static void print(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(str(values[i]));
        }
        byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
    }

    /** Python's {@code str(value)}: a string as it is, an exception as its message, anything else as {@link #repr}. */
    public static String str(Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Throwable exception) {
            String message = exception.getMessage();
            return message == null ? "" : message;
        }
        return repr(value);
    }

    /**
     * Python's {@code repr(value)}: {@code None}, {@code True}, {@code 'text'}, {@code 1.0},
     * {@code [1, 2]}, {@code ('bad',)}, {@code {'k': 1}}, {@code ValueError('bad')}; other objects as
     * their {@code toString()}.
     */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return stringRepr(value.toString());
        }
        if (value instanceof byte[] bytes) {
            return bytesRepr(bytes);
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof Tuple tuple) {
            List<?> items = tuple.items();
            return items.size() == 1 ? "(" + repr(items.get(0)) + ",)" : join("(", items, ")");
        }
        if (value instanceof List<?> list) {
            return join("[", list, "]");
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                text.append(separator).append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
                separator = ", ";
            }
            return text.append('}').toString();
        }
        if (value instanceof Throwable exception) {
            return join(typeName(exception) + "(", args(exception).items(), ")");
        }
        return value.toString();
    }

    /**
     * Python's {@code type(e).__name__}: the simple name of the exception's class, except that the
     * runtime's Java-named exceptions print under their asyncio name ({@link InvalidStateException}
     * as {@code InvalidStateError}).
     */
    public static String typeName(Throwable exception) {
        if (exception instanceof InvalidStateException) {
            return "InvalidStateError";
        }
        if (exception instanceof CancelledError) {
            return "CancelledError";
        }
        return exception.getClass().getSimpleName();
    }

    /** Python's {@code e.args}: the message as a one-element tuple, or the empty tuple if there is none. */
    public static Tuple args(Throwable exception) {
        String message = exception.getMessage();
        return message == null ? tuple() : tuple(message);
    }

    /** A Python tuple of {@code items}. */
    public static Tuple tuple(Object... items) {
        return new Tuple(Arrays.asList(items));
    }

    /**
     * Python's {@code round(x, ndigits)} of a float: the decimal value of {@code x} rounded half to
     * even at {@code ndigits} decimals, then the nearest double, so {@code round(0.25, 1)} is
     * {@code 0.2} as in CPython.
     */
    public static double round(double x, int ndigits) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            return x;
        }
        return new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Python's {@code time.monotonic()}: seconds on a clock that never goes back, for differences only. */
    public static double monotonic() {
        return System.nanoTime() / 1e9;
    }

    /**
     * A float as Python's {@code repr} writes it: the shortest digits that read back as the same
     * double, in fixed notation with at least one decimal ({@code 2.0}) for exponents from -4 to 15
     * and in scientific notation ({@code 1e+16}, {@code 1.5e-07}) outside.
     */
    private static String floatRepr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String sign = (x < 0 || (x == 0 && 1 / x < 0)) ? "-" : "";
        if (x == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentDigits = String.valueOf(Math.abs(exponent));
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (exponentDigits.length() == 1 ? "0" : "") + exponentDigits;
    }

    /** A string as Python's {@code repr} writes it: single quotes unless it holds one and no double quote. */
    private static String stringRepr(String text) {
        return quoted(text, 0x7f);
    }

    /**
     * A {@code bytes} object as Python's {@code repr} writes it: {@code b'...'}, quoted as a string is,
     * with every byte that is not printable ASCII escaped as {@code \\xhh}.
     */
    private static String bytesRepr(byte[] bytes) {
        return "b" + quoted(new String(bytes, StandardCharsets.ISO_8859_1), 0xff);
    }

    /**
     * {@code text} in the quotes of Python's {@code repr}, with backslash escapes for the quote, the
     * backslash, tabs, newlines, returns, other control characters, and the characters from
     * {@code 0x7f} to {@code lastEscaped}.
     */
    private static String quoted(String text, int lastEscaped) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        text.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c <= lastEscaped)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(quote).toString();
    }

    private static String join(String open, List<?> items, String close) {
        StringBuilder text = new StringBuilder(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(repr(items.get(i)));
        }
        return text.append(close).toString();
    }

    /**
     * A Python tuple: immutable, and printed in parentheses, with a trailing comma when it has one
     * element.
     *
     * @param items the elements, in order
     */
    public record Tuple(List<?> items) {
        /** A tuple of a copy of {@code items}, which may hold {@code null} ({@code None}). */
        public Tuple {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public String toString() {
            return repr(this);
        }
    }
}
