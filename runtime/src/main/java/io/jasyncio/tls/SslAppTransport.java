// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.Transport;
import java.nio.ByteBuffer;

/**
 * The transport that the application protocol of a TLS session writes to, asyncio's
 * {@code _SSLProtocolTransport}: writes are encrypted, {@link #close()} sends what is buffered, then
 * close_notify, and {@link #abort()} drops both. It cannot write EOF: TLS has no half-close, and
 * close_notify ends both directions. Its extra information adds the session's names
 * ({@code "sslcontext"}, {@code "ssl_object"}, {@code "peercert"}, {@code "cipher"}) to those of the
 * transport under it. Loop thread only.
 */
final class SslAppTransport implements Transport {
    private final SslProtocol protocol;

    /** Whether {@link #close()} or {@link #abort()} was called, or the connection was lost. */
    private boolean closed;

    SslAppTransport(SslProtocol protocol) {
        this.protocol = protocol;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return protocol.extraInfo(name, defaultValue);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Sends what is buffered, then close_notify, and closes once the peer answers or the shutdown timeout passes. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            protocol.startShutdown();
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> appProtocol) {
        protocol.setAppProtocol(appProtocol);
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol.appProtocol;
    }

    @Override
    public boolean isReading() {
        return !protocol.appData.readingPaused();
    }

    @Override
    public void pauseReading() {
        protocol.appData.pauseReading();
    }

    @Override
    public void resumeReading() {
        protocol.appData.resumeReading();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + data.length);
        }
        if (length > 0) {
            protocol.appData.write(ByteBuffer.wrap(data, offset, length));
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (data.hasRemaining()) {
            protocol.appData.write(data);
            data.position(data.limit());
        }
    }

    /** Always throws {@link UnsupportedOperationException}, as asyncio raises {@code NotImplementedError}: see {@link #close()}. */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("a TLS transport cannot write EOF: close() sends close_notify");
    }

    /** False: TLS has no half-close. */
    @Override
    public boolean canWriteEof() {
        return false;
    }

    /** The encrypted bytes waiting for the transport under this one, and the plain ones waiting to be encrypted. */
    @Override
    public int getWriteBufferSize() {
        return protocol.appData.writeBufferSize();
    }

    /** Sets the marks as asyncio does for TLS, where a negative {@code high} means 512 KiB (or 4 × {@code low}). */
    @Override
    public void setWriteBufferLimits(int high, int low) {
        protocol.appData.setWriteBufferLimits(high, low);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return protocol.appData.writeBufferLimits();
    }

    @Override
    public void abort() {
        closed = true;
        protocol.abort();
    }

    @Override
    public String toString() {
        return "SslTransport[" + (closed ? "closing " : "") + protocol + "]";
    }
}
