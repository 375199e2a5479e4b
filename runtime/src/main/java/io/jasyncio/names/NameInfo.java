// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.names;

/**
 * What {@link Names#getnameinfo} returns, asyncio's {@code (host, port)} pair of strings.
 *
 * @param host the host's name, or its address as text with {@link Names#NI_NUMERICHOST} or where it has no name
 * @param service the port, as decimal text: the JDK knows no service names, so always as with {@code NI_NUMERICSERV}
 */
public record NameInfo(String host, String service) {}
