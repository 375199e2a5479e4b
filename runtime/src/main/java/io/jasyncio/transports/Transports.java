// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.Coroutine;
import io.jasyncio.SelectorEventLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The loop's transport-making methods, asyncio's {@code loop.create_connection},
 * {@code loop.create_server} and their Unix domain socket forms, for {@code import static
 * io.jasyncio.transports.Transports.*}. They need a {@link SelectorEventLoop} running, as
 * {@code run()} makes.
 *
 * <pre>{@code
 * class Echo implements Protocol {
 *     private Transport transport;
 *     public void connectionMade(Transport transport) { this.transport = transport; }
 *     public void dataReceived(byte[] data) { transport.write(data); }
 * }
 * ...
 * Server server = await(createServer(Echo::new, "127.0.0.1", 8888));
 * }</pre>
 *
 * <p>A protocol is a {@link Protocol} (data arrives as new arrays) or a {@link BufferedProtocol}
 * (data is read into the protocol's buffer); the transport is a {@link Transport}, and calls the
 * protocol on the loop's thread in asyncio's order.
 */
public final class Transports {
    private Transports() {
    }

    /**
     * A coroutine that connects to {@code host} at {@code port} and returns the transport and the
     * protocol {@code protocolFactory} made for it, asyncio's {@code create_connection(protocol_factory,
     * host, port)}, once the protocol's {@code connectionMade} has been called. A host name is looked
     * up in the loop's default executor; each of its addresses is tried in turn. A closed port throws
     * {@link java.net.ConnectException}; cancelled, it leaves no socket open.
     */
    public static <P extends BaseProtocol<Transport>> Coroutine<TransportAndProtocol<Transport, P>> createConnection(
            Supplier<P> protocolFactory, String host, int port) throws IOException {
        return createConnection(protocolFactory, host, port, ConnectionOptions.DEFAULTS);
    }

    /**
     * Like {@link #createConnection(Supplier, String, int)}, with asyncio's keyword arguments as
     * {@code options}: TLS, a local address, happy eyeballs.
     */
    public static <P extends BaseProtocol<Transport>> Coroutine<TransportAndProtocol<Transport, P>> createConnection(
            Supplier<P> protocolFactory, String host, int port, ConnectionOptions options) throws IOException {
        return new CreateConnection<>(loop -> Sockets.resolve(loop, host, port), host, protocolFactory, options);
    }

    /** A coroutine that connects to the Unix domain socket at {@code path}, asyncio's {@code create_unix_connection}. */
    public static <P extends BaseProtocol<Transport>> Coroutine<TransportAndProtocol<Transport, P>> createUnixConnection(
            Supplier<P> protocolFactory, Path path) throws IOException {
        return createUnixConnection(protocolFactory, path, ConnectionOptions.DEFAULTS);
    }

    /** Like {@link #createUnixConnection(Supplier, Path)}, with {@code options}; TLS needs their {@code serverHostname}. */
    public static <P extends BaseProtocol<Transport>> Coroutine<TransportAndProtocol<Transport, P>> createUnixConnection(
            Supplier<P> protocolFactory, Path path, ConnectionOptions options) throws IOException {
        return new CreateConnection<>(loop -> Sockets.unix(loop, path), null, protocolFactory, options);
    }

    /**
     * A coroutine that starts a server listening on {@code host} at {@code port} and returns it,
     * serving, asyncio's {@code create_server(protocol_factory, host, port)}: each accepted
     * connection gets a new protocol from {@code protocolFactory} and a transport. A host of
     * {@code null} listens on every interface; port 0 lets the system choose (see
     * {@link Server#getBoundAddresses()}).
     */
    public static Coroutine<Server> createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host,
            int port) throws IOException {
        return createServer(protocolFactory, host, port, ServerOptions.DEFAULTS);
    }

    /**
     * Like {@link #createServer(Supplier, String, int)}, with asyncio's keyword arguments as
     * {@code options}: backlog, {@code reusePort}, TLS, {@code startServing}.
     */
    public static Coroutine<Server> createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host,
            int port, ServerOptions options) throws IOException {
        return new CreateServer(loop -> Sockets.resolve(loop, host, port), null, protocolFactory, options);
    }

    /**
     * A coroutine that starts a server listening on the Unix domain socket at {@code path}, asyncio's
     * {@code create_unix_server}. A socket file left there by an earlier server is replaced; closing
     * the server deletes the file.
     */
    public static Coroutine<Server> createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path)
            throws IOException {
        return createUnixServer(protocolFactory, path, ServerOptions.DEFAULTS);
    }

    /** Like {@link #createUnixServer(Supplier, Path)}, with {@code options}. */
    public static Coroutine<Server> createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path,
            ServerOptions options) throws IOException {
        return new CreateServer(loop -> Sockets.unix(loop, path), path, protocolFactory, options);
    }
}
