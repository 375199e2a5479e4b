// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

/** A transport that receives data, asyncio's {@code ReadTransport}. Loop thread only. */
public interface ReadTransport extends BaseTransport {
    /** Whether the transport is receiving data, asyncio's {@code is_reading()}. */
    boolean isReading();

    /**
     * Stops calling the protocol's data callbacks until {@link #resumeReading()}, asyncio's
     * {@code pause_reading()}: the channel is no longer read, so the peer's sends back up into the
     * kernel's buffers. Pausing a paused or closing transport does nothing.
     */
    void pauseReading();

    /** Receives data again after {@link #pauseReading()}, asyncio's {@code resume_reading()}. */
    void resumeReading();
}
