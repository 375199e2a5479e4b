// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.names;

import static io.jasyncio.names.Names.getaddrinfo;
import static io.jasyncio.names.Names.getnameinfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Clock;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopTestSupport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio's {@code getaddrinfo} and {@code getnameinfo}: lookups off the loop's thread, with a resolver set on the loop. */
@Timeout(60)
class NamesTest extends LoopTestSupport {
    /** A resolver with a fixed table, for every loop of these tests. */
    private static Resolver table(List<InetAddress> addresses, String name) {
        return new Resolver() {
            @Override
            public List<InetAddress> lookup(String host) throws UnknownHostException {
                if (!host.equals("dual.test")) {
                    throw new UnknownHostException(host);
                }
                return addresses;
            }

            @Override
            public String reverseLookup(InetAddress address) {
                return name != null ? name : address.getHostAddress();
            }
        };
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void aSlowLookupLeavesTheLoopRunning() throws Exception {
        CountDownLatch loopRanMeanwhile = new CountDownLatch(1);
        runTest(Clock.system(), loop -> {
            Names.setResolver(loop, new Resolver() {
                @Override
                public List<InetAddress> lookup(String host) throws UnknownHostException {
                    // Blocks until a callback has run on the loop: were the lookup on the loop's thread, it never would.
                    loop.callSoonThreadsafe(() -> {
                        trace("the loop runs a callback while the lookup waits");
                        loopRanMeanwhile.countDown();
                    });
                    try {
                        if (!loopRanMeanwhile.await(30, TimeUnit.SECONDS)) {
                            throw new AssertionError("the loop did not run while the lookup waited");
                        }
                    } catch (InterruptedException interrupted) {
                        throw new AssertionError(interrupted);
                    }
                    trace("lookup of " + host + " done on a thread of its own: " + (Thread.currentThread() != loopThread));
                    return List.of(ip("10.1.2.3"));
                }

                @Override
                public String reverseLookup(InetAddress address) {
                    return address.getHostAddress();
                }
            });
            loopThread = Thread.currentThread();
            trace("resolved " + loop.runUntilComplete(getaddrinfo("slow.test", 80)));
        });
        assertTrace("the loop runs a callback while the lookup waits", "lookup of slow.test done on a thread of its own: true",
                "resolved [/10.1.2.3:80]");
    }

    private volatile Thread loopThread;

    @Test
    void literalsNeedNoLookupAndTheFamilyFilters() throws Exception {
        runTest(Clock.system(), loop -> {
            Names.setResolver(loop, table(List.of(ip("::1"), ip("127.0.0.1")), null));
            assertEquals(List.of(new InetSocketAddress(ip("127.0.0.1"), 7)), loop.runUntilComplete(getaddrinfo("127.0.0.1", 7)));
            assertEquals(List.of(new InetSocketAddress(ip("::1"), 7), new InetSocketAddress(ip("127.0.0.1"), 7)),
                    loop.runUntilComplete(getaddrinfo("dual.test", 7)));
            assertEquals(List.of(new InetSocketAddress(ip("::1"), 7)),
                    loop.runUntilComplete(getaddrinfo("dual.test", 7, StandardProtocolFamily.INET6)));
            assertEquals(List.of(new InetSocketAddress(ip("127.0.0.1"), 7)),
                    loop.runUntilComplete(getaddrinfo("dual.test", 7, StandardProtocolFamily.INET)));
            UnknownHostException unknown = assertThrows(UnknownHostException.class,
                    () -> loop.runUntilComplete(getaddrinfo("nowhere.test", 7)));
            assertEquals("nowhere.test", unknown.getMessage());
            UnknownHostException noV6 = assertThrows(UnknownHostException.class,
                    () -> loop.runUntilComplete(getaddrinfo("127.0.0.1", 7, StandardProtocolFamily.INET6)));
            assertEquals("127.0.0.1: no address of family INET6", noV6.getMessage());
            assertThrows(IllegalArgumentException.class, () -> getaddrinfo("dual.test", 65536));
        });
    }

    @Test
    void getnameinfoNamesTheHostAndNumbersThePort() throws Exception {
        runTest(Clock.system(), loop -> {
            InetSocketAddress address = new InetSocketAddress(ip("192.0.2.7"), 443);
            Names.setResolver(loop, table(List.of(), "seven.test"));
            assertEquals(new NameInfo("seven.test", "443"), loop.runUntilComplete(getnameinfo(address)));
            assertEquals(new NameInfo("192.0.2.7", "443"), loop.runUntilComplete(getnameinfo(address, Names.NI_NUMERICHOST)));
            Names.setResolver(loop, table(List.of(), null));
            assertEquals(new NameInfo("192.0.2.7", "443"), loop.runUntilComplete(getnameinfo(address)));
            assertThrows(UnknownHostException.class, () -> loop.runUntilComplete(getnameinfo(address, Names.NI_NAMEREQD)));
            Names.setResolver(loop, null);
            assertEquals(Resolver.JDK, Names.getResolver(loop));
        });
    }

    @Test
    void aResolverBelongsToItsLoop() throws Exception {
        EventLoop other = new EventLoop(Clock.system());
        try {
            runTest(Clock.system(), loop -> {
                Resolver resolver = table(List.of(), null);
                Names.setResolver(loop, resolver);
                assertEquals(resolver, Names.getResolver(loop));
                assertEquals(Resolver.JDK, Names.getResolver(other));
            });
        } finally {
            other.close();
        }
    }
}
