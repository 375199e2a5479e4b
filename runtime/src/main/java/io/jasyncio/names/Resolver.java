// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What looks host names up, blocking, as the C library's {@code getaddrinfo} and {@code getnameinfo}
 * do under asyncio's: {@link Names} calls it in the loop's default executor, never on the loop's
 * thread. {@link #JDK} is the JDK's {@link InetAddress} resolver; {@link Names#setResolver} sets
 * another on a loop. Implementations must be thread-safe.
 */
public interface Resolver {
    /** The JDK's resolver: {@link InetAddress#getAllByName} and a reverse lookup by {@link InetAddress#getHostName}. */
    Resolver JDK = new Resolver() {
        @Override
        public List<InetAddress> lookup(String host) throws UnknownHostException {
            return List.of(InetAddress.getAllByName(host));
        }

        @Override
        public String reverseLookup(InetAddress address) throws UnknownHostException {
            // A fresh InetAddress, with no name remembered, so that getHostName asks the name service.
            return InetAddress.getByAddress(address.getAddress()).getHostName();
        }

        @Override
        public String toString() {
            return "Resolver.JDK";
        }
    };

    /**
     * The addresses of {@code host} in the order they should be tried, blocking;
     * {@link UnknownHostException} if it has none.
     */
    List<InetAddress> lookup(String host) throws UnknownHostException;

    /**
     * The name of {@code address}, blocking; its literal text if it has none (as
     * {@link InetAddress#getHostName} returns).
     */
    String reverseLookup(InetAddress address) throws UnknownHostException;
}
