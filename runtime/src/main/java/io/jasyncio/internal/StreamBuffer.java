// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A first-in first-out buffer of bytes, asyncio's {@code bytearray} buffers of a reader and of a
 * transport: bytes are appended at the end and taken from the front.
 *
 * <p>Taking from the front only moves an index, so taking a buffer apart line by line costs no
 * copying of what is left; the bytes move to the front of the array only when an append needs the
 * room. A buffer that grew past {@link #RETAINED_CAPACITY} gives its array back once it is empty, so
 * that a burst does not pin memory for the life of a connection. Not thread-safe. Shared by the
 * stream readers and the transports' write buffers.
 */
public final class StreamBuffer {
    /** The capacity of a new buffer's first array, in bytes. */
    private static final int INITIAL_CAPACITY = 256;

    /** The largest array an empty buffer keeps, in bytes. */
    public static final int RETAINED_CAPACITY = 64 * 1024;

    /** The largest array the JVM reliably allocates. */
    private static final int MAXIMUM_CAPACITY = Integer.MAX_VALUE - 8;

    private static final byte[] EMPTY = new byte[0];

    /** The bytes, from {@link #start} (inclusive) to {@link #end} (exclusive). */
    private byte[] bytes = EMPTY;

    private int start;
    private int end;

    /** How many bytes the buffer holds. */
    public int size() {
        return end - start;
    }

    /** Whether the buffer holds no byte. */
    public boolean isEmpty() {
        return start == end;
    }

    /** Appends {@code length} bytes of {@code source} from {@code offset}. */
    public void append(byte[] source, int offset, int length) {
        makeRoom(length);
        System.arraycopy(source, offset, bytes, end, length);
        end += length;
    }

    /** Appends the remaining bytes of {@code source}, which it consumes. */
    public void append(ByteBuffer source) {
        int length = source.remaining();
        makeRoom(length);
        source.get(bytes, end, length);
        end += length;
    }

    /** Copies as many bytes from the front as fit in {@code target}, without taking them. */
    public void peek(ByteBuffer target) {
        int length = Math.min(size(), target.remaining());
        target.put(bytes, start, length);
    }

    /** The index (from the front, counting from 0) of the first {@code separator} at or after {@code from}, or -1. */
    public int indexOf(byte[] separator, int from) {
        byte first = separator[0];
        int last = end - separator.length;
        for (int i = start + Math.max(from, 0); i <= last; i++) {
            if (bytes[i] == first && matches(separator, i)) {
                return i - start;
            }
        }
        return -1;
    }

    /** Whether {@code separator} is in the buffer at index {@code at}. */
    public boolean startsWith(byte[] separator, int at) {
        return at >= 0 && at + separator.length <= size() && matches(separator, start + at);
    }

    private boolean matches(byte[] separator, int position) {
        for (int j = 1; j < separator.length; j++) {
            if (bytes[position + j] != separator[j]) {
                return false;
            }
        }
        return separator.length == 0 || bytes[position] == separator[0];
    }

    /** Takes the first {@code count} bytes, which the buffer must hold. */
    public byte[] take(int count) {
        byte[] taken = Arrays.copyOfRange(bytes, start, start + count);
        discard(count);
        return taken;
    }

    /** Takes every byte. */
    public byte[] takeAll() {
        return take(size());
    }

    /** Drops the first {@code count} bytes, which the buffer must hold. */
    public void discard(int count) {
        start += count;
        if (start == end) {
            clear();
        }
    }

    /** Drops every byte. */
    public void clear() {
        start = 0;
        end = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = EMPTY;
        }
    }

    /** Makes room for {@code length} more bytes at the end: slides the bytes to the front, or grows the array. */
    private void makeRoom(int length) {
        if (bytes.length - end >= length) {
            return;
        }
        int size = size();
        long needed = (long) size + length;
        if (needed > MAXIMUM_CAPACITY) {
            throw new OutOfMemoryError("a stream buffer cannot hold " + needed + " bytes");
        }
        if (needed <= bytes.length && start >= size) { // sliding copies no more than the room it frees
            System.arraycopy(bytes, start, bytes, 0, size);
        } else { // doubling keeps appends amortised O(1)
            long capacity = Math.min(MAXIMUM_CAPACITY, Math.max(needed, Math.max(INITIAL_CAPACITY, 2L * bytes.length)));
            byte[] grown = new byte[(int) capacity];
            System.arraycopy(bytes, start, grown, 0, size);
            bytes = grown;
        }
        start = 0;
        end = size;
    }

    @Override
    public String toString() {
        return "StreamBuffer[" + size() + " bytes]";
    }
}
