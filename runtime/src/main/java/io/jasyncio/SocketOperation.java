// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import io.jasyncio.internal.HandWrittenCoroutine;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The coroutine of a low-level socket operation of {@link SelectorEventLoop}, asyncio's
 * {@code sock_connect}, {@code sock_accept}, {@code sock_recv} and {@code sock_sendall}.
 *
 * <p>It tries the operation at once; if the channel is not ready, it waits until the selector finds
 * it ready and tries again, in its own task's step. Unlike asyncio, where the reader callback does
 * the read and a cancellation that comes before the task resumes loses what was read, the operation
 * runs only in the step of a task that was not cancelled: cancelled, an operation has done nothing
 * it cannot report (a receive read nothing, an accept accepted nothing, a send advanced its buffer's
 * position by what it sent).
 *
 * @param <T> what the operation returns
 */
abstract class SocketOperation<T> extends HandWrittenCoroutine<T> implements Runnable {
    private static final int READY = 1;

    /** What {@link #attempt()} returns when the channel is not ready. */
    static final Object WOULD_BLOCK = new Object();

    private final SelectorEventLoop loop;
    private final SelectableChannel channel;

    /** Whether the operation waits for the channel to be writable (or connected) rather than readable. */
    private final boolean writing;

    /** Done when the channel is ready; one per wait. */
    private Future<Void> ready;

    SocketOperation(SelectorEventLoop loop, SelectableChannel channel, boolean writing) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking: " + channel);
        }
        this.loop = loop;
        this.channel = channel;
        this.writing = writing;
    }

    /** Tries the operation once: returns its result, or {@link #WOULD_BLOCK}. */
    abstract Object attempt() throws IOException;

    @Override
    @SuppressWarnings("unchecked")
    protected Object step(int label) {
        if (label == READY) {
            try {
                awaited();
            } finally {
                unregister();
            }
        } else if (label != START) {
            throw badLabel(label);
        }
        Object outcome;
        try {
            outcome = attempt();
        } catch (IOException failure) {
            throw rethrow(failure);
        }
        if (outcome != WOULD_BLOCK) {
            return finish((T) outcome);
        }
        ready = loop.createFuture();
        if (writing) {
            loop.addWriter(channel, this);
        } else {
            loop.addReader(channel, this);
        }
        return await(READY, ready);
    }

    /** The selector found the channel ready: wakes the task, which tries again. */
    @Override
    public void run() {
        unregister();
        if (!ready.done()) {
            ready.setResult(null);
        }
    }

    private void unregister() {
        if (writing) {
            loop.removeWriter(channel);
        } else {
            loop.removeReader(channel);
        }
    }

    /** {@code sock_connect}. */
    static final class Connect extends SocketOperation<Void> {
        private final SocketChannel channel;
        private final SocketAddress address;
        private boolean started;

        Connect(SelectorEventLoop loop, SocketChannel channel, SocketAddress address) {
            super(loop, channel, true);
            this.channel = channel;
            this.address = address;
        }

        @Override
        Object attempt() throws IOException {
            boolean connected;
            if (started) {
                connected = channel.finishConnect();
            } else {
                started = true;
                connected = channel.connect(address);
            }
            return connected ? null : WOULD_BLOCK;
        }

        @Override
        protected String functionName() {
            return "sockConnect";
        }
    }

    /** {@code sock_accept}. */
    static final class Accept extends SocketOperation<SocketChannel> {
        private final ServerSocketChannel channel;

        Accept(SelectorEventLoop loop, ServerSocketChannel channel) {
            super(loop, channel, false);
            this.channel = channel;
        }

        @Override
        Object attempt() throws IOException {
            SocketChannel accepted = channel.accept();
            if (accepted == null) {
                return WOULD_BLOCK;
            }
            try {
                accepted.configureBlocking(false);
            } catch (IOException failure) {
                accepted.close();
                throw failure;
            }
            return accepted;
        }

        @Override
        protected String functionName() {
            return "sockAccept";
        }
    }

    /** {@code sock_recv}. */
    static final class Receive extends SocketOperation<byte[]> {
        private final SocketChannel channel;
        private final ByteBuffer buffer;

        Receive(SelectorEventLoop loop, SocketChannel channel, int maxBytes) {
            super(loop, channel, false);
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
            }
            this.channel = channel;
            this.buffer = ByteBuffer.allocate(maxBytes);
        }

        @Override
        Object attempt() throws IOException {
            if (!buffer.hasRemaining()) {
                return new byte[0];
            }
            int count = channel.read(buffer);
            if (count == 0) {
                return WOULD_BLOCK;
            }
            return count < 0 ? new byte[0] : Arrays.copyOf(buffer.array(), count);
        }

        @Override
        protected String functionName() {
            return "sockRecv";
        }
    }

    /** {@code sock_sendall}. */
    static final class SendAll extends SocketOperation<Void> {
        private final SocketChannel channel;
        private final ByteBuffer data;

        SendAll(SelectorEventLoop loop, SocketChannel channel, ByteBuffer data) {
            super(loop, channel, true);
            this.channel = channel;
            this.data = data;
        }

        @Override
        Object attempt() throws IOException {
            while (data.hasRemaining()) {
                if (channel.write(data) == 0) {
                    return WOULD_BLOCK;
                }
            }
            return null;
        }

        @Override
        protected String functionName() {
            return "sockSendall";
        }
    }
}
