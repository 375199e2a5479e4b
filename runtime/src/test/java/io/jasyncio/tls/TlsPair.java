// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.Transport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/**
 * A TLS client and server over a {@link MemoryTransport} pair, with their handshake waiters, and
 * {@link Recorder}, an application protocol that records what it is told.
 */
final class TlsPair {
    final SslProtocol client;
    final SslProtocol server;
    final Future<Void> clientHandshake;
    final Future<Void> serverHandshake;
    final MemoryTransport clientRaw;
    final MemoryTransport serverRaw;

    /** Connects {@code clientApp} to {@code serverApp} over TLS; the handshake begins in the next iteration. */
    TlsPair(EventLoop loop, BaseProtocol<?> clientApp, SSLContext clientContext, String serverHostname,
            BaseProtocol<?> serverApp, SSLContext serverContext) {
        clientHandshake = loop.createFuture();
        serverHandshake = loop.createFuture();
        client = new SslProtocol(loop, clientApp, clientContext, clientHandshake, false, serverHostname, true,
                SslProtocol.DEFAULT_HANDSHAKE_TIMEOUT, SslProtocol.DEFAULT_SHUTDOWN_TIMEOUT);
        server = new SslProtocol(loop, serverApp, serverContext, serverHandshake, true, null, true,
                SslProtocol.DEFAULT_HANDSHAKE_TIMEOUT, SslProtocol.DEFAULT_SHUTDOWN_TIMEOUT);
        MemoryTransport[] ends = MemoryTransport.pair(loop, client, server);
        clientRaw = ends[0];
        serverRaw = ends[1];
    }

    /**
     * Runs {@code loop} until {@code done}, checked every hundredth of a second of the loop's time
     * (on a fake clock, whenever the loop has nothing else to do); fails after 1,000 s.
     */
    static void runUntil(EventLoop loop, BooleanSupplier done) {
        Future<Void> met = loop.createFuture();
        double deadline = loop.time() + 1000;
        Runnable check = new Runnable() {
            @Override
            public void run() {
                if (done.getAsBoolean()) {
                    met.setResult(null);
                } else if (loop.time() > deadline) {
                    met.setException(new AssertionError("still not done after 1,000 s"));
                } else {
                    loop.callLater(0.01, this);
                }
            }
        };
        loop.callSoon(check);
        loop.runUntilComplete(met);
    }

    /** An application protocol that records its calls as lines and keeps the data it receives. */
    static class Recorder implements io.jasyncio.transports.Protocol {
        /** What it writes once connected, if not {@code null}. */
        private final String greeting;

        /** Whether it closes its transport once data arrives. */
        private final boolean closeOnReply;

        final List<String> calls = new ArrayList<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Transport transport;
        Exception lostBy;
        boolean lost;

        /** The loop's time when the connection was lost. */
        double lostAt;

        /** A recorder that only records. */
        Recorder() {
            this(null, false);
        }

        /** A recorder that writes {@code greeting} once connected, and closes once data arrives if {@code closeOnReply}. */
        Recorder(String greeting, boolean closeOnReply) {
            this.greeting = greeting;
            this.closeOnReply = closeOnReply;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            calls.add("made");
            if (greeting != null) {
                transport.write(greeting.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
            if (closeOnReply) {
                transport.close();
            }
        }

        @Override
        public boolean eofReceived() {
            calls.add("eof after " + received.size() + " bytes");
            return false;
        }

        @Override
        public void connectionLost(Exception failure) {
            lost = true;
            lostAt = EventLoop.getRunningLoop().time();
            lostBy = failure;
            calls.add("lost " + (failure == null ? "cleanly" : failure.getClass().getSimpleName()));
        }

        @Override
        public void pauseWriting() {
            calls.add("pauseWriting");
        }

        @Override
        public void resumeWriting() {
            calls.add("resumeWriting");
        }
    }

    /** A recorder that writes {@code payload} in one write once connected, then closes. */
    static Recorder writingThenClosing(byte[] payload) {
        return new Recorder() {
            @Override
            public void connectionMade(Transport transport) {
                super.connectionMade(transport);
                transport.write(payload);
                transport.close();
            }
        };
    }

    /**
     * Writes {@code payload} in 16 KiB pieces as fast as the transport lets it: it stops at
     * {@code pauseWriting} and goes on in the iteration after {@code resumeWriting}; then closes, if told to.
     */
    static class Producer extends Recorder {
        private final EventLoop loop;
        private final byte[] payload;
        private final boolean closeWhenDone;
        int sent;
        private boolean paused;

        Producer(EventLoop loop, byte[] payload, boolean closeWhenDone) {
            this.loop = loop;
            this.payload = payload;
            this.closeWhenDone = closeWhenDone;
        }

        @Override
        public void connectionMade(Transport transport) {
            super.connectionMade(transport);
            produce();
        }

        void produce() {
            while (!paused && sent < payload.length && !transport.isClosing()) {
                int count = Math.min(16 * 1024, payload.length - sent);
                transport.write(payload, sent, count);
                sent += count;
            }
            if (sent == payload.length && closeWhenDone) {
                transport.close();
            }
        }

        @Override
        public void pauseWriting() {
            super.pauseWriting();
            paused = true;
        }

        @Override
        public void resumeWriting() {
            super.resumeWriting();
            paused = false;
            loop.callSoon(this::produce);
        }
    }
}
