// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sockets of the transports: the running selector loop, resolving a host and port to socket addresses, asyncio's
 * {@code _ensure_resolved} (an IP literal is parsed at once, any other name is looked up in the
 * loop's default executor, since the JDK's lookup blocks), opening non-blocking sockets for them, and
 * closing sockets at once.
 */
final class Sockets {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Sockets() {
    }

    /**
     * A future of {@code loop} for the addresses of {@code host} at {@code port}, done already for an IP
     * literal; {@code null} or {@code ""} is the wildcard address, which listens on every interface.
     */
    static Future<List<SocketAddress>> resolve(EventLoop loop, String host, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (host == null || host.isEmpty()) {
            return done(loop, List.of(new InetSocketAddress(port)));
        }
        if (isLiteral(host)) {
            try {
                return done(loop, List.of(new InetSocketAddress(InetAddress.getByName(host), port)));
            } catch (UnknownHostException malformed) {
                Future<List<SocketAddress>> failed = loop.createFuture();
                failed.setException(malformed);
                return failed;
            }
        }
        return loop.runInExecutor(null, () -> {
            List<SocketAddress> addresses = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                addresses.add(new InetSocketAddress(address, port));
            }
            return addresses;
        });
    }

    /** A future of {@code loop} for the address of the Unix domain socket at {@code path}, done already. */
    static Future<List<SocketAddress>> unix(EventLoop loop, Path path) {
        return done(loop, List.of(UnixDomainSocketAddress.of(path)));
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal, which {@link InetAddress#getByName} parses without a lookup. */
    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    }

    /**
     * A new non-blocking socket that can connect to {@code address}: a Unix domain socket, or the JDK's
     * default IP socket, which reaches IPv4 and IPv6 addresses alike.
     */
    static SocketChannel openSocket(SocketAddress address) throws IOException {
        return nonBlocking(address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open());
    }

    /** As {@link #openSocket(SocketAddress)}, bound to {@code localAddress} unless it is {@code null}, asyncio's {@code local_addr}. */
    static SocketChannel openSocket(SocketAddress address, SocketAddress localAddress) throws IOException {
        SocketChannel channel = openSocket(address);
        if (localAddress != null) {
            try {
                channel.bind(localAddress);
            } catch (IOException failure) {
                channel.close();
                BindException named = new BindException("error while attempting to bind on address " + localAddress + ": "
                        + failure.getMessage());
                named.initCause(failure);
                throw named;
            }
        }
        return channel;
    }

    /** A new non-blocking server socket that can listen on {@code address}, as {@link #openSocket}. */
    static ServerSocketChannel openServerSocket(SocketAddress address) throws IOException {
        return nonBlocking(address instanceof UnixDomainSocketAddress
                ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open());
    }

    private static <C extends SelectableChannel> C nonBlocking(C channel) throws IOException {
        try {
            channel.configureBlocking(false);
            return channel;
        } catch (IOException failure) {
            try {
                channel.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    /**
     * Closes {@code channel} and releases its descriptor at once ({@link SelectorEventLoop#closeChannel}),
     * ignoring a failure to close: the descriptor is released whatever {@code close()} reports, and
     * nobody is left to tell.
     */
    static void closeQuietly(SelectorEventLoop loop, SelectableChannel channel) {
        try {
            loop.closeChannel(channel);
        } catch (IOException ignored) {
            // see above
        }
    }

    /**
     * Reports {@code failure} to the loop's exception handler, asyncio's {@code call_exception_handler},
     * with the keys asyncio uses: {@code message}, {@code exception}, then {@code key} (the transport
     * or the socket concerned).
     */
    static void reportToLoop(EventLoop loop, String message, Throwable failure, String key, Object value) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        context.put("exception", failure);
        context.put(key, value);
        loop.callExceptionHandler(context);
    }

    /** The running loop, which must be a selector loop. */
    static SelectorEventLoop runningLoop() {
        EventLoop loop = EventLoop.getRunningLoop();
        if (loop instanceof SelectorEventLoop selectorLoop) {
            return selectorLoop;
        }
        throw new IllegalStateException("transports and streams need a SelectorEventLoop; the running loop is " + loop);
    }

    private static Future<List<SocketAddress>> done(EventLoop loop, List<SocketAddress> addresses) {
        Future<List<SocketAddress>> resolved = loop.createFuture();
        resolved.setResult(addresses);
        return resolved;
    }
}
