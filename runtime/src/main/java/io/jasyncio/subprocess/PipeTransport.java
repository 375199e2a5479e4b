// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.EventLoop;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.BaseTransport;
import java.io.Closeable;
import java.io.IOException;

/**
 * What the two ends of a pipe to a child share, asyncio's {@code _UnixReadPipeTransport} and
 * {@code _UnixWritePipeTransport} alike: the loop, the JDK's blocking stream, the protocol, and
 * closing the stream whatever it reports. Loop thread only.
 *
 * @param <S> the stream: the child's stdout or stderr, or its stdin
 */
abstract class PipeTransport<S extends Closeable> implements BaseTransport {
    final EventLoop loop;
    final S pipe;
    BaseProtocol<?> protocol;

    /** The transport of {@code pipe} for {@code protocol}, which learns of it at once, as asyncio's {@code connection_made} tells it. */
    PipeTransport(EventLoop loop, S pipe, PipeProtocol protocol) {
        this.loop = loop;
        this.pipe = pipe;
        this.protocol = protocol;
        protocol.pipe = this; // at once, not in a later iteration: the process transport may close the pipe before
    }

    /** Closes the stream; the descriptor is released whatever {@code close()} reports, and nobody is left to tell. */
    final void closeQuietly() {
        try {
            pipe.close();
        } catch (IOException ignored) {
            // a stdin the child closed cannot take the flush of close(): released all the same
        }
    }

    @Override
    public final void setProtocol(BaseProtocol<?> protocol) {
        this.protocol = protocol;
    }

    @Override
    public final BaseProtocol<?> getProtocol() {
        return protocol;
    }

    /** Under {@code "pipe"}, the JDK's stream, asyncio's {@code get_extra_info('pipe')}. */
    @Override
    public final Object getExtraInfo(String name, Object defaultValue) {
        return "pipe".equals(name) ? pipe : defaultValue;
    }
}
