// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import java.nio.ByteBuffer;

/**
 * A stream protocol that gives the transport its own buffer to read into, asyncio's
 * {@code BufferedProtocol}: no array is allocated per read. Calls come in the order of
 * {@link Protocol}'s, with {@code getBuffer}/{@code bufferUpdated} pairs in place of
 * {@code dataReceived}.
 */
public interface BufferedProtocol extends BaseProtocol<Transport> {
    /**
     * The buffer the next read fills from its position up to its limit, asyncio's
     * {@code get_buffer(sizehint)}; {@code sizeHint} is what the transport would like, or -1 if it has
     * no preference. The buffer must have room for at least one byte.
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code byteCount} bytes were read into the buffer last returned by {@link #getBuffer}, from its
     * position on, asyncio's {@code buffer_updated(nbytes)}; the transport has not moved the position.
     */
    void bufferUpdated(int byteCount);

    /** The peer closed its sending half, asyncio's {@code eof_received()}: see {@link Protocol#eofReceived()}. */
    default boolean eofReceived() {
        return false;
    }
}
