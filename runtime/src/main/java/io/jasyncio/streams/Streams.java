// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.transports.ConnectionOptions;
import io.jasyncio.transports.Server;
import io.jasyncio.transports.ServerOptions;
import io.jasyncio.transports.Transports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The functions of asyncio's {@code streams} module, for {@code import static
 * io.jasyncio.streams.Streams.*}: {@code openConnection}, {@code startServer} and their Unix
 * domain socket forms. They need a {@link SelectorEventLoop} running, as {@code run()} makes. As in
 * asyncio, they are a thin layer over the transports' {@link Transports#createConnection
 * createConnection} and {@link Transports#createServer createServer}, with a {@link StreamProtocol}.
 *
 * <pre>{@code
 * @Async static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) throws IOException {
 *     byte[] line;
 *     while ((line = await(reader.readline())).length > 0) {
 *         writer.write(line);
 *         await(writer.drain());
 *     }
 *     writer.close();
 *     return result(null);
 * }
 * ...
 * Server server = await(startServer(Echo::handle, "127.0.0.1", 8888));
 * }</pre>
 */
public final class Streams {
    /** How many connections may wait to be accepted by default, asyncio's {@code backlog=100}. */
    public static final int DEFAULT_BACKLOG = 100;

    private Streams() {
    }

    /**
     * A coroutine that connects to {@code host} at {@code port} and returns the connection's streams,
     * asyncio's {@code open_connection(host, port)}. A host name is looked up in the loop's default
     * executor; each of its addresses is tried in turn. A closed port throws
     * {@link java.net.ConnectException}; cancelled, it leaves no socket open.
     */
    public static Coroutine<Connection> openConnection(String host, int port) throws IOException {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** Like {@link #openConnection(String, int)}, with the reader's {@code limit} in bytes. */
    public static Coroutine<Connection> openConnection(String host, int port, int limit) throws IOException {
        return openConnection(host, port, ConnectionOptions.DEFAULTS.withLimit(limit));
    }

    /**
     * Like {@link #openConnection(String, int)}, with asyncio's keyword arguments as {@code options}:
     * the reader's limit, TLS, a local address, happy eyeballs.
     */
    public static Coroutine<Connection> openConnection(String host, int port, ConnectionOptions options)
            throws IOException {
        return new OpenConnection(host, port, null, options);
    }

    /**
     * Like {@link #openConnection(String, int)}, over TLS, asyncio's {@code open_connection(host, port,
     * ssl=sslContext, server_hostname=serverHostname)}: the server's certificate must be trusted by
     * {@code sslContext} and name {@code serverHostname} ({@code null} for {@code host}; empty for no
     * check of the name). A failed handshake throws {@link javax.net.ssl.SSLHandshakeException}.
     */
    public static Coroutine<Connection> openConnection(String host, int port, SSLContext sslContext, String serverHostname)
            throws IOException {
        return openConnection(host, port, ConnectionOptions.DEFAULTS.withSsl(sslContext).withServerHostname(serverHostname));
    }

    /** A coroutine that connects to the Unix domain socket at {@code path}, asyncio's {@code open_unix_connection}. */
    public static Coroutine<Connection> openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, StreamReader.DEFAULT_LIMIT);
    }

    /** Like {@link #openUnixConnection(Path)}, with the reader's {@code limit} in bytes. */
    public static Coroutine<Connection> openUnixConnection(Path path, int limit) throws IOException {
        return openUnixConnection(path, ConnectionOptions.DEFAULTS.withLimit(limit));
    }

    /** Like {@link #openUnixConnection(Path)}, with asyncio's keyword arguments as {@code options}. */
    public static Coroutine<Connection> openUnixConnection(Path path, ConnectionOptions options) throws IOException {
        return new OpenConnection(null, 0, path, options);
    }

    /**
     * A coroutine that starts a server listening on {@code host} at {@code port} and returns it,
     * serving, asyncio's {@code start_server(client_connected_cb, host, port)}: each connection is
     * handed to {@code clientConnected}. A host of {@code null} listens on every interface; port 0
     * lets the system choose (see {@link Server#getBoundAddresses()}).
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback clientConnected, String host, int port)
            throws IOException {
        return startServer(clientConnected, host, port, ServerOptions.DEFAULTS);
    }

    /**
     * Like {@link #startServer(ClientConnectedCallback, String, int)}, with each reader's {@code limit}
     * in bytes and the {@code backlog}: how many connections may wait to be accepted, and how many are
     * accepted at most in one loop iteration.
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback clientConnected, String host, int port,
            int limit, int backlog) throws IOException {
        return startServer(clientConnected, host, port, ServerOptions.DEFAULTS.withLimit(limit).withBacklog(backlog));
    }

    /**
     * Like {@link #startServer(ClientConnectedCallback, String, int)}, with asyncio's keyword
     * arguments as {@code options}, such as {@link ServerOptions#withReusePort reusePort}, which lets
     * a server on each loop of a {@link io.jasyncio.LoopGroup} listen on the same port.
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback clientConnected, String host, int port,
            ServerOptions options) throws IOException {
        return Transports.createServer(protocolFactory(clientConnected, options), host, port, options);
    }

    /**
     * A coroutine that starts a server listening on the Unix domain socket at {@code path},
     * asyncio's {@code start_unix_server}. A socket file left there by an earlier server is replaced;
     * closing the server deletes the file.
     */
    public static Coroutine<Server> startUnixServer(ClientConnectedCallback clientConnected, Path path)
            throws IOException {
        return startUnixServer(clientConnected, path, ServerOptions.DEFAULTS);
    }

    /** Like {@link #startUnixServer(ClientConnectedCallback, Path)}, with the reader's {@code limit} and the {@code backlog}. */
    public static Coroutine<Server> startUnixServer(ClientConnectedCallback clientConnected, Path path, int limit,
            int backlog) throws IOException {
        return startUnixServer(clientConnected, path, ServerOptions.DEFAULTS.withLimit(limit).withBacklog(backlog));
    }

    /** Like {@link #startUnixServer(ClientConnectedCallback, Path)}, with asyncio's keyword arguments as {@code options}. */
    public static Coroutine<Server> startUnixServer(ClientConnectedCallback clientConnected, Path path,
            ServerOptions options) throws IOException {
        return Transports.createUnixServer(protocolFactory(clientConnected, options), path, options);
    }

    /**
     * The factory of each connection's protocol, asyncio's {@code factory} in {@code start_server}:
     * a reader and its protocol on the loop that serves the connection.
     */
    private static Supplier<StreamProtocol> protocolFactory(ClientConnectedCallback clientConnected, ServerOptions options) {
        if (clientConnected == null) {
            throw new NullPointerException("clientConnected");
        }
        int limit = options.limit();
        return () -> new StreamProtocol(EventLoop.getRunningLoop(), new StreamReader(limit), clientConnected);
    }
}
