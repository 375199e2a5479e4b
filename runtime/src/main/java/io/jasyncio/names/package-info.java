// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Host names and addresses, asyncio's {@code loop.getaddrinfo} and {@code loop.getnameinfo}: the
 * JDK's resolver blocks, so every lookup runs in the loop's default executor, and an IP literal is
 * parsed at once without one. The transports' {@code createConnection} and {@code createServer}
 * resolve their hosts here; a {@link io.jasyncio.names.Resolver} set on a loop replaces the JDK's
 * for that loop (a fixed table in tests, a DNS client of your own).
 */
package io.jasyncio.names;
