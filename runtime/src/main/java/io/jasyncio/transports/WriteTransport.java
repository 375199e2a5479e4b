// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import java.nio.ByteBuffer;

/**
 * A transport that sends data, asyncio's {@code WriteTransport}. It never blocks: what the channel
 * does not take at once is buffered, and above the buffer's high-water mark the protocol's
 * {@code pauseWriting()} is called, then {@code resumeWriting()} once the buffer is down to the
 * low-water mark. Loop thread only.
 */
public interface WriteTransport extends BaseTransport {
    /** Sends {@code data}, asyncio's {@code write(data)}; the transport keeps no reference to the array. */
    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset}, asyncio's {@code write(memoryview(data)[offset:offset+length])}. */
    void write(byte[] data, int offset, int length);

    /** Sends the remaining bytes of {@code data}, asyncio's {@code write()} of a buffer; the buffer's position moves to its limit. */
    void write(ByteBuffer data);

    /** Sends each of {@code chunks} in order, asyncio's {@code writelines()}. */
    default void writelines(Iterable<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            write(chunk);
        }
    }

    /**
     * Closes the sending half once the buffered data is sent, asyncio's {@code write_eof()}; data can
     * still be received. Throws {@link UnsupportedOperationException} where {@link #canWriteEof()} is
     * false, as asyncio raises {@code NotImplementedError}.
     */
    void writeEof();

    /** Whether {@link #writeEof()} is possible, asyncio's {@code can_write_eof()}: false for TLS. */
    boolean canWriteEof();

    /** How many bytes are buffered, not yet taken by the channel, asyncio's {@code get_write_buffer_size()}. */
    int getWriteBufferSize();

    /**
     * Sets the marks for pausing and resuming the protocol's writing, in bytes, asyncio's
     * {@code set_write_buffer_limits(high, low)}, a negative value standing for Python's {@code None}:
     * both negative are asyncio's defaults (64 KiB and 16 KiB), a negative {@code high} is four times
     * {@code low}, a negative {@code low} a quarter of {@code high}. Throws
     * {@link IllegalArgumentException} unless {@code high >= low >= 0} after the defaults.
     */
    void setWriteBufferLimits(int high, int low);

    /** The low and high marks in bytes, asyncio's {@code get_write_buffer_limits()}. */
    WriteBufferLimits getWriteBufferLimits();

    /**
     * Closes the transport at once, dropping buffered data, asyncio's {@code abort()}: the protocol's
     * {@code connectionLost(null)} is called in a later loop iteration.
     */
    void abort();

    /** The marks of a transport's write buffer in bytes, asyncio's {@code (low, high)} pair. */
    record WriteBufferLimits(int low, int high) {}
}
