// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The coroutine of {@code createServer} and {@code createUnixServer}, asyncio's {@code create_server}:
 * it resolves the address, listens on a socket for each resolved address, starts serving (unless the
 * options say not to), and returns the {@link Server} after one loop iteration, so that the server is
 * accepting when it returns, as in asyncio.
 *
 * <p>If a socket cannot listen it closes those it opened and throws the failure; an address in use
 * is a {@link BindException} that names the address. Cancelled, it closes the server.
 */
final class CreateServer extends SocketSetup<Server> {
    private static final int STARTED = 2;

    /** The file type bits of a socket in a Unix file mode, {@code S_IFSOCK}. */
    private static final int UNIX_SOCKET_FILE_TYPE = 0140000;
    private static final int UNIX_FILE_TYPE_MASK = 0170000;

    /** The socket file of a Unix server; {@code null} for a TCP server. */
    private final Path unixSocketFile;

    private final Supplier<? extends BaseProtocol<?>> protocolFactory;
    private final ServerOptions options;

    private Server server;

    CreateServer(Function<SelectorEventLoop, Future<List<SocketAddress>>> resolve, Path unixSocketFile,
            Supplier<? extends BaseProtocol<?>> protocolFactory, ServerOptions options) {
        super(resolve);
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        if (options == null) {
            throw new NullPointerException("options");
        }
        this.unixSocketFile = unixSocketFile;
        this.protocolFactory = protocolFactory;
        this.options = options;
    }

    @Override
    Object resolved(List<SocketAddress> addresses) {
        List<ServerSocketChannel> sockets = new ArrayList<>();
        List<SocketAddress> bound = new ArrayList<>();
        try {
            for (SocketAddress address : addresses) {
                ServerSocketChannel socket = Sockets.openServerSocket(address);
                sockets.add(socket);
                bound.add(listen(socket, address));
            }
        } catch (IOException failure) {
            sockets.forEach(socket -> Sockets.closeQuietly(loop, socket));
            throw rethrow(failure);
        }
        server = new Server(loop, sockets, bound, unixSocketFile, protocolFactory, options);
        if (options.startServing()) {
            server.startServing();
        }
        return await(STARTED, sleep(0)); // asyncio: "skip one loop iteration so that all add_reader calls go through"
    }

    @Override
    Object stepAfterResolution(int label) {
        if (label != STARTED) {
            throw badLabel(label);
        }
        return finishUnlessFailed(server, server::close);
    }

    /** Binds {@code socket} to {@code address} and listens; returns the bound address (with the port chosen for port 0). */
    private SocketAddress listen(ServerSocketChannel socket, SocketAddress address) throws IOException {
        if (unixSocketFile != null) {
            removeStaleSocketFile();
        } else {
            // As asyncio's reuse_address=True: a restarted server binds the port its predecessor's connections still hold in TIME_WAIT.
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (options.reusePort()) {
                if (!socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new UnsupportedOperationException("reusePort not supported on this platform: "
                            + System.getProperty("os.name"));
                }
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
        }
        try {
            socket.bind(address, options.backlog());
        } catch (BindException failure) {
            BindException named = new BindException("error while attempting to bind on address " + address + ": "
                    + failure.getMessage());
            named.initCause(failure);
            throw named;
        }
        return socket.getLocalAddress();
    }

    /** Deletes the socket file a previous server left, as asyncio does; any other kind of file stays, and binding fails. */
    private void removeStaleSocketFile() throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(unixSocketFile, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixAttributes) {
            return;
        }
        if ((mode & UNIX_FILE_TYPE_MASK) == UNIX_SOCKET_FILE_TYPE) {
            Files.deleteIfExists(unixSocketFile);
        }
    }

    @Override
    protected String functionName() {
        return "createServer";
    }
}
