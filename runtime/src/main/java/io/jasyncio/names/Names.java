// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.names;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The loop's name lookups, asyncio's {@code loop.getaddrinfo} and {@code loop.getnameinfo}, for
 * {@code import static io.jasyncio.names.Names.*}: coroutines that look names up in the loop's
 * default executor, so that the loop's thread never waits for the name service.
 *
 * <pre>{@code
 * List<InetSocketAddress> addresses = await(getaddrinfo("example.org", 443));
 * NameInfo name = await(getnameinfo(addresses.get(0)));
 * }</pre>
 */
public final class Names {
    /** {@link #getnameinfo(InetSocketAddress, int)}'s flag for the address as text, no lookup, C's {@code NI_NUMERICHOST}. */
    public static final int NI_NUMERICHOST = 1;

    /** {@link #getnameinfo(InetSocketAddress, int)}'s flag for the port as a number, C's {@code NI_NUMERICSERV}: always so. */
    public static final int NI_NUMERICSERV = 2;

    /** {@link #getnameinfo(InetSocketAddress, int)}'s flag that makes an address without a name an error, C's {@code NI_NAMEREQD}. */
    public static final int NI_NAMEREQD = 8;

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The resolvers set on loops; a loop absent here uses {@link Resolver#JDK}. Weak, so that a closed loop goes. */
    private static final Map<EventLoop, Resolver> RESOLVERS = Collections.synchronizedMap(new WeakHashMap<>());

    private Names() {
    }

    /**
     * Makes {@code resolver} look names up for {@code loop} from now on, in its default executor;
     * {@code null} for the JDK's again. Thread-safe.
     */
    public static void setResolver(EventLoop loop, Resolver resolver) {
        if (resolver == null) {
            RESOLVERS.remove(loop);
        } else {
            RESOLVERS.put(loop, resolver);
        }
    }

    /** The resolver that looks names up for {@code loop}: {@link Resolver#JDK} unless one was set. */
    public static Resolver getResolver(EventLoop loop) {
        return RESOLVERS.getOrDefault(loop, Resolver.JDK);
    }

    /**
     * A coroutine that returns the socket addresses of {@code host} at {@code port}, asyncio's
     * {@code loop.getaddrinfo(host, port, type=SOCK_STREAM)} reduced to the addresses: each one's
     * family is its class ({@link Inet4Address} or {@link Inet6Address}); the JDK's resolver knows no
     * socket types or protocols. An IP literal is parsed without a lookup; {@code null} or {@code ""}
     * is the wildcard address, as with {@code AI_PASSIVE}. {@link UnknownHostException} for a name
     * with no address.
     */
    public static Coroutine<List<InetSocketAddress>> getaddrinfo(String host, int port) throws UnknownHostException {
        return getaddrinfo(host, port, null);
    }

    /**
     * Like {@link #getaddrinfo(String, int)}, with only the addresses of {@code family}
     * ({@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}; {@code null} for
     * both), asyncio's {@code family=AF_INET} or {@code AF_INET6}.
     */
    public static Coroutine<List<InetSocketAddress>> getaddrinfo(String host, int port, ProtocolFamily family)
            throws UnknownHostException {
        checkPort(port);
        return new LoopCall<>("Names.getaddrinfo", loop -> resolve(loop, host, port, family));
    }

    /**
     * A coroutine that returns the name of {@code address}'s host and its port, asyncio's
     * {@code loop.getnameinfo(sockaddr)}: the host as text if it has no name.
     */
    public static Coroutine<NameInfo> getnameinfo(InetSocketAddress address) throws UnknownHostException {
        return getnameinfo(address, 0);
    }

    /**
     * Like {@link #getnameinfo(InetSocketAddress)}, with C's flags: {@link #NI_NUMERICHOST} for the
     * address as text with no lookup, {@link #NI_NAMEREQD} for an {@link UnknownHostException} if the
     * address has no name; the port is always a number ({@link #NI_NUMERICSERV}).
     */
    public static Coroutine<NameInfo> getnameinfo(InetSocketAddress address, int flags) throws UnknownHostException {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("getnameinfo needs an address, not the unresolved " + address);
        }
        InetAddress host = address.getAddress();
        String service = Integer.toString(address.getPort());
        if ((flags & NI_NUMERICHOST) != 0) {
            return new LoopCall<>("Names.getnameinfo", loop -> done(loop, new NameInfo(host.getHostAddress(), service)));
        }
        return new LoopCall<>("Names.getnameinfo", loop -> {
            Resolver resolver = getResolver(loop);
            return loop.runInExecutor(null, () -> {
                String name = resolver.reverseLookup(host);
                if ((flags & NI_NAMEREQD) != 0 && name.equals(host.getHostAddress())) {
                    throw new UnknownHostException("Name or service not known: " + host.getHostAddress());
                }
                return new NameInfo(name, service);
            });
        });
    }

    /**
     * A future of {@code loop} for the socket addresses of {@code host} at {@code port}, what
     * {@link #getaddrinfo(String, int, ProtocolFamily)} returns and what the transports connect to
     * and listen on: done already for an IP literal or a {@code null} host, else looked up by the
     * loop's resolver in its default executor. Loop thread only.
     */
    public static Future<List<InetSocketAddress>> resolve(EventLoop loop, String host, int port, ProtocolFamily family) {
        checkPort(port);
        if (host == null || host.isEmpty()) {
            return done(loop, List.of(new InetSocketAddress(port)));
        }
        if (isLiteral(host)) {
            try {
                return done(loop, ofFamily(host, List.of(InetAddress.getByName(host)), port, family));
            } catch (UnknownHostException malformed) {
                Future<List<InetSocketAddress>> failed = loop.createFuture();
                failed.setException(malformed);
                return failed;
            }
        }
        Resolver resolver = getResolver(loop);
        return loop.runInExecutor(null, () -> ofFamily(host, resolver.lookup(host), port, family));
    }

    /** The addresses of {@code family} among {@code found}, with {@code port}; {@link UnknownHostException} if none. */
    private static List<InetSocketAddress> ofFamily(String host, List<InetAddress> found, int port, ProtocolFamily family)
            throws UnknownHostException {
        List<InetSocketAddress> addresses = new ArrayList<>(found.size());
        for (InetAddress address : found) {
            if (family == null || family == familyOf(address)) {
                addresses.add(new InetSocketAddress(address, port));
            }
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host + (family == null ? ": no address" : ": no address of family " + family));
        }
        return addresses;
    }

    /** The family of {@code address}: {@link StandardProtocolFamily#INET6} or {@link StandardProtocolFamily#INET}. */
    public static StandardProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal, which {@link InetAddress#getByName} parses without a lookup. */
    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    }

    private static <T> Future<T> done(EventLoop loop, T value) {
        Future<T> resolved = loop.createFuture();
        resolved.setResult(value);
        return resolved;
    }
}
