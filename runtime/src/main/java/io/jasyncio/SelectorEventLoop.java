// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An event loop that waits for I/O with a {@link Selector}, asyncio's {@code SelectorEventLoop}
 * ({@code selector_events.py}): the default loop of {@code run()} and {@code newEventLoop()}.
 *
 * <p>Every iteration polls the selector, as asyncio does: without waiting when callbacks are ready,
 * until the next timer is due when only timers are pending (the wait rounded up to whole
 * milliseconds, so that timers never fire early), and without limit when nothing is pending. The
 * callbacks of the channels found ready are queued behind the callbacks that were ready already, and
 * due timers behind them. {@link #callSoonThreadsafe} wakes a waiting selector.
 *
 * <p>On a {@link FakeClock}, time passes only while the loop has nothing to do, by the clock's rule:
 * the loop first polls its channels without waiting, so that I/O in flight runs before time moves;
 * then the clock jumps to the next timer, unless the loop waits for work in another thread; with no
 * timer, the loop waits for I/O in real time.
 *
 * <p>Loop thread only, except {@link #callSoonThreadsafe}. Channels must be non-blocking.
 */
public class SelectorEventLoop extends EventLoop {
    /** The longest single wait in the selector, asyncio's {@code MAXIMUM_SELECT_TIMEOUT} (24 hours), in nanoseconds. */
    private static final long MAXIMUM_SELECT_NANOS = 24L * 3600 * 1_000_000_000L;

    /** Where the channels are registered, with an {@link IoCallbacks} attached to each key; closed with the loop. */
    private final Selector selector;

    /** Whether time is fake: the loop may then make time pass instead of waiting for timers. */
    private final boolean fakeTime;

    /**
     * Whether some thread has called {@link Selector#wakeup()} since the loop last returned from the
     * selector. Another thread queues its callback first and then sets this flag; the loop clears it
     * right after each select and then takes the queued callbacks. So a callback queued after the
     * clearing finds the flag clear and wakes the selector, whose wake-up stays pending until the next
     * select (none is lost), and a callback queued before it is taken by the loop without waiting; a
     * burst of callbacks costs one {@code wakeup()} system call per iteration, not one each.
     */
    private final AtomicBoolean wakeUpRequested = new AtomicBoolean();

    /** Queues the callbacks of a selected key; one instance, so that a poll allocates nothing. */
    private final Consumer<SelectionKey> queueReadyCallbacks = this::queueReadyCallbacks;

    /** Ignores a selected key, for the select that only deregisters keys. */
    private static final Consumer<SelectionKey> IGNORE_KEY = key -> { };

    /** A loop on the system clock, with a new selector. */
    public SelectorEventLoop() {
        this(Clock.system());
    }

    /** A loop on {@code clock}, with a new selector; tests pass a {@link FakeClock}. */
    public SelectorEventLoop(Clock clock) {
        super(clock);
        this.fakeTime = clock instanceof FakeClock;
        try {
            this.selector = Selector.open();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot open a selector", failure);
        }
    }

    /** The callbacks registered for one channel: the attachment of its selection key. */
    private static final class IoCallbacks {
        /** Runs when the channel is readable (or, for a server channel, has a connection to accept); may be {@code null}. */
        Handle reader;

        /** Runs when the channel is writable (or, while it connects, connected); may be {@code null}. */
        Handle writer;

        /** Puts {@code handle} (or {@code null}) in place of the reader or the writer and returns the one it replaces. */
        Handle replace(boolean writing, Handle handle) {
            Handle previous;
            if (writing) {
                previous = writer;
                writer = handle;
            } else {
                previous = reader;
                reader = handle;
            }
            return previous;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Readers and writers

    /**
     * Runs {@code callback} in every iteration in which {@code channel} is readable, or for a
     * {@link ServerSocketChannel} has a connection to accept, until {@link #removeReader}; asyncio's
     * {@code add_reader}. Replaces the channel's previous reader. The callback runs in the context
     * current now.
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        setCallback(channel, false, requireCallback(callback));
    }

    /**
     * Runs {@code callback} in every iteration in which {@code channel} is writable, or for a
     * {@link SocketChannel} that is connecting, once the connection is made or refused (call
     * {@link SocketChannel#finishConnect()} there), until {@link #removeWriter}; asyncio's
     * {@code add_writer}. Replaces the channel's previous writer.
     */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        setCallback(channel, true, requireCallback(callback));
    }

    /**
     * Stops watching {@code channel} for reading, asyncio's {@code remove_reader}: a reader callback
     * already queued for this iteration does not run. Returns whether a reader was registered.
     */
    public boolean removeReader(SelectableChannel channel) {
        return removeCallback(channel, false);
    }

    /**
     * Stops watching {@code channel} for writing, asyncio's {@code remove_writer}: a writer callback
     * already queued for this iteration does not run. Returns whether a writer was registered.
     */
    public boolean removeWriter(SelectableChannel channel) {
        return removeCallback(channel, true);
    }

    private void setCallback(SelectableChannel channel, boolean writing, Runnable callback) {
        IoCallbacks callbacks = callbacksOf(channel);
        Handle previous = callbacks.replace(writing, new Handle(callback, CurrentContext.map()));
        if (previous != null) {
            previous.cancel();
        }
        updateInterest(channel, callbacks);
    }

    private boolean removeCallback(SelectableChannel channel, boolean writing) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            return false;
        }
        IoCallbacks callbacks = (IoCallbacks) key.attachment();
        Handle previous = callbacks.replace(writing, null);
        if (previous == null) {
            return false;
        }
        previous.cancel(); // even if the channel was closed meanwhile: the queued callback must not run
        if (key.isValid()) {
            updateInterest(channel, callbacks);
        }
        return true;
    }

    /**
     * Closes {@code channel} and releases its descriptor now, removing its reader and writer. Closing
     * a channel registered with a selector by {@link java.nio.channels.Channel#close()} alone defers
     * the release until the selector's next select, so that a listening socket would go on accepting
     * connections (and then reset them) for the rest of the iteration: asyncio's sockets close at once.
     */
    public void closeChannel(SelectableChannel channel) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            channel.close();
            return;
        }
        removeCallback(channel, false);
        removeCallback(channel, true);
        channel.close();
        if (!isClosed()) {
            // A select deregisters the cancelled key, which releases the descriptor. Readiness it finds is
            // ignored (the selector is level-triggered: the next poll finds it again), but a wake-up it
            // consumes is restored, so that the next wait returns as the thread that asked for it expects.
            selector.selectNow(IGNORE_KEY);
            if (wakeUpRequested.get()) {
                selector.wakeup();
            }
        }
    }

    /**
     * The callbacks of {@code channel}, registering it with the selector on first use. A channel stays
     * registered, with no interest when it has no callback, until it is closed: cancelling its key
     * would make registering it again fail until the next select.
     */
    private IoCallbacks callbacksOf(SelectableChannel channel) {
        if (isClosed()) {
            throw new IllegalStateException("Event loop is closed");
        }
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking: " + channel);
        }
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            return (IoCallbacks) key.attachment();
        }
        IoCallbacks callbacks = new IoCallbacks();
        try {
            channel.register(selector, 0, callbacks);
        } catch (ClosedChannelException closed) {
            throw new IllegalArgumentException("the channel is closed: " + channel, closed);
        }
        return callbacks;
    }

    private void updateInterest(SelectableChannel channel, IoCallbacks callbacks) {
        int ops = 0;
        if (callbacks.reader != null) {
            ops |= channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if (callbacks.writer != null) {
            // A connecting socket reports its connection as OP_CONNECT only; once connected, writability as OP_WRITE only.
            boolean connecting = channel instanceof SocketChannel socket && socket.isConnectionPending();
            ops |= channel.validOps() & (connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE);
        }
        channel.keyFor(selector).interestOps(ops);
    }

    /** Queues the reader and the writer of a selected key behind the callbacks already ready, asyncio's {@code _process_events}. */
    private void queueReadyCallbacks(SelectionKey key) {
        IoCallbacks callbacks = (IoCallbacks) key.attachment();
        int ready = key.readyOps();
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && callbacks.reader != null) {
            schedule(callbacks.reader);
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && callbacks.writer != null) {
            schedule(callbacks.writer);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Waiting

    /**
     * Polls the selector, asyncio's step 3: waits at most {@code timeoutNanos} ({@code -1}: without
     * limit, {@code 0}: not at all) for a channel to become ready or another thread to call
     * {@link #callSoonThreadsafe}, and queues the callbacks of the ready channels.
     */
    @Override
    protected void waitForEvents(long timeoutNanos) {
        boolean channels = !selector.keys().isEmpty();
        if (timeoutNanos == 0) {
            if (channels) {
                select(0);
            }
            return;
        }
        if (!fakeTime) {
            select(timeoutNanos);
            return;
        }
        if (channels && select(0) > 0) {
            return; // I/O in flight runs before fake time moves
        }
        if (clock.passTimeWithoutWaiting(timeoutNanos, channels)) {
            return;
        }
        long waitStart = System.nanoTime();
        select(timeoutNanos);
        clock.waitedInRealTime(System.nanoTime() - waitStart, timeoutNanos);
    }

    /** The channels registered with this loop that are still open, for {@link LoopDiagnostics}. */
    List<SelectableChannel> openChannels() {
        if (isClosed()) {
            return List.of();
        }
        return selector.keys().stream().map(SelectionKey::channel).filter(SelectableChannel::isOpen).toList();
    }

    /** One select, queueing the callbacks of the ready channels; returns how many channels were ready. */
    private int select(long timeoutNanos) {
        int selected;
        try {
            if (timeoutNanos == 0) {
                selected = selector.selectNow(queueReadyCallbacks);
            } else if (timeoutNanos < 0) {
                selected = selector.select(queueReadyCallbacks);
            } else {
                // Rounded up, as asyncio's selectors do, so that a timer is never found early; never 0, which would mean no limit.
                long millis = Math.max(1, ceilDiv(Math.min(timeoutNanos, MAXIMUM_SELECT_NANOS), 1_000_000));
                selected = selector.select(queueReadyCallbacks, millis);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("select failed", failure);
        }
        wakeUpRequested.set(false); // see the field: after the select, before the loop takes the queued callbacks
        return selected;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    /** Schedules {@code handle} from any thread, as {@link EventLoop#callSoonThreadsafe} does, and wakes the selector if it waits. */
    @Override
    Handle callSoonThreadsafe(Handle handle) {
        super.callSoonThreadsafe(handle);
        if (wakeUpRequested.compareAndSet(false, true)) {
            selector.wakeup();
        }
        return handle;
    }

    /**
     * Closes the loop as {@link EventLoop#close()} does, then the selector, asyncio's
     * {@code BaseSelectorEventLoop.close()}, and removes its signal handlers, as asyncio's Unix loop does.
     * Channels stay open: closing them is their owners' job.
     */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        super.close();
        io.jasyncio.signals.Signals.removeSignalHandlers(this);
        try {
            selector.close();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot close the selector", failure);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Low-level socket operations

    /**
     * A coroutine that connects {@code channel} to {@code address}, asyncio's {@code sock_connect}: a
     * refused connection throws {@link java.net.ConnectException}, as Java reports it. Cancelled, it
     * leaves the channel connecting: close it.
     */
    public Coroutine<Void> sockConnect(SocketChannel channel, SocketAddress address) throws IOException {
        return new SocketOperation.Connect(this, channel, address);
    }

    /**
     * A coroutine that accepts a connection on {@code channel} and returns it, non-blocking, asyncio's
     * {@code sock_accept}; the peer's address is its {@link SocketChannel#getRemoteAddress()}.
     * Cancelled, it has accepted nothing.
     */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel channel) throws IOException {
        return new SocketOperation.Accept(this, channel);
    }

    /**
     * A coroutine that reads at most {@code maxBytes} from {@code channel} as soon as any are
     * available and returns them, asyncio's {@code sock_recv}: an empty array at end of stream.
     * Cancelled, it has read nothing.
     */
    public Coroutine<byte[]> sockRecv(SocketChannel channel, int maxBytes) throws IOException {
        return new SocketOperation.Receive(this, channel, maxBytes);
    }

    /**
     * A coroutine that writes all of {@code data} to {@code channel}, asyncio's {@code sock_sendall}.
     * The buffer's position advances as bytes go out, so that, cancelled or failed, it tells how many
     * were sent.
     */
    public Coroutine<Void> sockSendall(SocketChannel channel, ByteBuffer data) throws IOException {
        return new SocketOperation.SendAll(this, channel, data);
    }

    private static Runnable requireCallback(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        return callback;
    }

    @Override
    public String toString() {
        return "SelectorEventLoop[running=" + isRunning() + " closed=" + isClosed()
                + " channels=" + (isClosed() ? 0 : selector.keys().size()) + "]";
    }
}
