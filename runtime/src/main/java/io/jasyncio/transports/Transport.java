// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

/**
 * A bidirectional stream transport, asyncio's {@code Transport}: a TCP or Unix socket, or a TLS
 * session over one. Loop thread only.
 */
public interface Transport extends ReadTransport, WriteTransport {}
