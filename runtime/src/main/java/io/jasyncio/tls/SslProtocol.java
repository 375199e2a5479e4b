// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.TimerHandle;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.BufferedProtocol;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS over another transport, asyncio's {@code sslproto.SSLProtocol}: the protocol of the raw
 * transport (a socket, or another TLS session), which drives a JDK {@link SSLEngine} and presents
 * the decrypted stream to the application's protocol through a transport of its own,
 * {@link #getAppTransport()}. The application sees a transport like any other, except that
 * {@code canWriteEof()} is false.
 *
 * <p>The session goes through asyncio's states: {@code UNWRAPPED → DO_HANDSHAKE → WRAPPED →
 * FLUSHING → SHUTDOWN → UNWRAPPED}. The handshake begins when the raw transport is made; once it is
 * done the application protocol's {@code connectionMade} is called (unless it was connected before,
 * as with {@code startTls}) and the waiter completes; if it fails or takes longer than the handshake
 * timeout, the connection is aborted and the waiter fails with the reason
 * ({@link SSLHandshakeException}, or {@link SocketTimeoutException} for the timeout). Closing the
 * application transport sends what is buffered, then close_notify, and waits for the peer's, at most
 * the shutdown timeout; receiving the peer's close_notify gives the application
 * {@code eofReceived()} and closes the same way.
 *
 * <p>Flow control works both ways as in asyncio: when the raw transport asks to pause writing,
 * encrypted records wait here, and above the high-water mark (512 KiB by default) the application's
 * {@code pauseWriting()} is called; when the application pauses reading, received records wait here,
 * and above 256 KiB the raw transport's reading is paused. Loop thread only.
 */
public final class SslProtocol implements BufferedProtocol {
    /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}, in seconds. */
    public static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;

    /** asyncio's {@code SSL_SHUTDOWN_TIMEOUT}, in seconds. */
    public static final double DEFAULT_SHUTDOWN_TIMEOUT = 30.0;

    static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    /** The states of the TLS session, asyncio's {@code SSLProtocolState}. */
    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    /** What the application protocol was told, asyncio's {@code AppProtocolState}: {@code INIT -cm-> CON_MADE [-er-> EOF] -cl-> CON_LOST}. */
    enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    final EventLoop loop;
    final SslObject ssl;
    private final SSLContext context;
    private final boolean serverSide;
    private final double handshakeTimeout;
    private final double shutdownTimeout;

    /** Completed when the handshake is done, or failed with why it is not; {@code null} once completed. */
    private Future<Void> waiter;

    BaseProtocol<Transport> appProtocol;
    private SslAppTransport appTransport;

    /** The transport under this protocol, from {@code connectionMade} to {@code connectionLost}. */
    Transport transport;

    State state = State.UNWRAPPED;
    AppState appState;

    /** What {@link #fatalError} aborted the raw transport for, which the application's {@code connectionLost} receives. */
    private Exception failure;

    private TimerHandle handshakeTimeoutHandle;
    private TimerHandle shutdownTimeoutHandle;

    /** Whether the raw transport reached the end of its input. */
    boolean eofReceived;

    /** Whether this end began closing the session, so that what the peer sends after is not read. */
    private boolean closingHere;

    /** What the TLS session knows once the handshake is done, asyncio's {@code _extra}. */
    private final Map<String, Object> extra = new LinkedHashMap<>();

    /** The application's data on its way in and out, with their flow control. */
    final SslAppData appData;

    /**
     * A TLS session over a transport yet to be made, asyncio's {@code SSLProtocol(loop, app_protocol,
     * sslcontext, waiter, server_side, server_hostname, call_connection_made, ssl_handshake_timeout,
     * ssl_shutdown_timeout)}.
     *
     * @param loop the loop of the raw transport
     * @param appProtocol the application's protocol, a {@link io.jasyncio.transports.Protocol} or a {@link BufferedProtocol}
     * @param context the TLS context; {@code null} on the client side for {@link SSLContext#getDefault()}, as asyncio's {@code ssl=True}
     * @param waiter completed when the handshake is done, failed if it fails; may be {@code null}
     * @param serverSide whether this end is the server
     * @param serverHostname on the client side, the name sent in SNI and checked against the server's
     *     certificate; {@code null} or empty for no check, as asyncio's {@code server_hostname=''}
     * @param callConnectionMade whether to call the application protocol's {@code connectionMade}
     *     after the handshake; false when it is connected already, as with {@code startTls}
     * @param handshakeTimeout the most seconds the handshake may take, asyncio's {@code ssl_handshake_timeout}
     * @param shutdownTimeout the most seconds the closing exchange may take, asyncio's {@code ssl_shutdown_timeout}
     */
    public SslProtocol(EventLoop loop, BaseProtocol<?> appProtocol, SSLContext context, Future<Void> waiter,
            boolean serverSide, String serverHostname, boolean callConnectionMade, double handshakeTimeout,
            double shutdownTimeout) {
        if (!(handshakeTimeout > 0)) {
            throw new IllegalArgumentException("ssl_handshake_timeout should be a positive number, got " + handshakeTimeout);
        }
        if (!(shutdownTimeout > 0)) {
            throw new IllegalArgumentException("ssl_shutdown_timeout should be a positive number, got " + shutdownTimeout);
        }
        if (context == null) {
            if (serverSide) {
                throw new IllegalArgumentException("Server side SSL needs a valid SSLContext");
            }
            context = defaultContext();
        }
        this.loop = loop;
        this.context = context;
        this.serverSide = serverSide;
        this.handshakeTimeout = handshakeTimeout;
        this.shutdownTimeout = shutdownTimeout;
        this.waiter = waiter;
        this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
        this.ssl = new SslObject(newEngine(context, serverSide, serverSide ? null : serverHostname));
        this.extra.put("sslcontext", context);
        setAppProtocol(appProtocol);
        this.appTransport = new SslAppTransport(this);
        this.appData = new SslAppData(this, appTransport);
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("no default TLS context in this JDK", unavailable);
        }
    }

    /**
     * An engine for one side of the session. On the client side with a host name, the name goes in
     * SNI (unless it is an IP address, which SNI does not carry) and the server's certificate must
     * match it, as asyncio's default context checks it ({@code check_hostname}); a context whose
     * default parameters name another identification algorithm keeps it.
     */
    private static SSLEngine newEngine(SSLContext context, boolean serverSide, String serverHostname) {
        boolean named = serverHostname != null && !serverHostname.isEmpty();
        SSLEngine engine = named ? context.createSSLEngine(serverHostname, -1) : context.createSSLEngine();
        engine.setUseClientMode(!serverSide);
        if (named) {
            SSLParameters parameters = engine.getSSLParameters();
            if (parameters.getEndpointIdentificationAlgorithm() == null) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!IP_LITERAL.matcher(serverHostname).matches()) {
                parameters.setServerNames(java.util.List.of(new SNIHostName(serverHostname)));
            }
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /** The transport the application protocol writes to, asyncio's {@code _app_transport}; {@code null} once the connection is lost. */
    public Transport getAppTransport() {
        return appTransport;
    }

    @SuppressWarnings("unchecked")
    void setAppProtocol(BaseProtocol<?> protocol) {
        appProtocol = (BaseProtocol<Transport>) protocol;
    }

    private void wakeUpWaiter(Exception failure) {
        if (waiter == null) {
            return;
        }
        if (!waiter.cancelled()) {
            if (failure != null) {
                waiter.setException(failure);
            } else {
                waiter.setResult(null);
            }
        }
        waiter = null;
    }

    // ---------------------------------------------------------------------------------------------
    // The raw transport's calls

    /** The raw connection is made: the handshake begins, asyncio's {@code connection_made}. */
    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        startHandshake();
    }

    /**
     * The raw connection is lost, asyncio's {@code connection_lost}: the application protocol learns
     * it in the next iteration if it knew of the connection, and a waiter still waiting fails.
     */
    @Override
    public void connectionLost(Exception lostBy) {
        Exception cause = lostBy != null ? lostBy : failure;
        appData.dropOutgoing();
        if (appTransport != null) {
            appTransport.markClosed();
        }
        if (state != State.DO_HANDSHAKE && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
            appState = AppState.CON_LOST;
            BaseProtocol<Transport> protocol = appProtocol;
            loop.callSoon(() -> protocol.connectionLost(cause));
        }
        boolean handshaking = state == State.DO_HANDSHAKE;
        setState(State.UNWRAPPED);
        transport = null;
        appTransport = null;
        wakeUpWaiter(cause != null || !handshaking ? cause : new SSLHandshakeException("Remote host terminated the handshake"));
        cancelTimers();
    }

    private void cancelTimers() {
        if (shutdownTimeoutHandle != null) {
            shutdownTimeoutHandle.cancel();
            shutdownTimeoutHandle = null;
        }
        if (handshakeTimeoutHandle != null) {
            handshakeTimeoutHandle.cancel();
            handshakeTimeoutHandle = null;
        }
    }

    /** Where the raw transport reads the next bytes, asyncio's {@code get_buffer}. */
    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return ssl.receiveBuffer(sizeHint);
    }

    /** The raw transport read {@code byteCount} bytes: the state decides what they are for, asyncio's {@code buffer_updated}. */
    @Override
    public void bufferUpdated(int byteCount) {
        ssl.received(byteCount);
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> appData.doRead();
            case FLUSHING -> doFlush();
            case SHUTDOWN -> doShutdown();
            default -> { } // unwrapped: nothing reads any more
        }
    }

    /**
     * The peer closed its side of the raw connection, asyncio's {@code eof_received}: during the
     * handshake that fails it; after it, what was received is read, then the session closes.
     */
    @Override
    public boolean eofReceived() {
        eofReceived = true;
        try {
            if (loop.getDebug()) {
                LOGGER.log(Level.DEBUG, this + " received EOF");
            }
            switch (state) {
                case DO_HANDSHAKE -> onHandshakeComplete(new SSLHandshakeException("Remote host terminated the handshake"));
                case WRAPPED -> {
                    setState(State.FLUSHING);
                    if (appData.readingPaused()) {
                        return true;
                    }
                    doFlush();
                }
                case FLUSHING -> {
                    appData.doWrite();
                    setState(State.SHUTDOWN);
                    doShutdown();
                }
                case SHUTDOWN -> doShutdown();
                default -> { }
            }
        } catch (RuntimeException failed) {
            transport.close();
            throw failed;
        }
        return false;
    }

    /** The raw transport's buffer is full: records wait here, asyncio's {@code pause_writing}. */
    @Override
    public void pauseWriting() {
        appData.sslWritingPaused(true);
    }

    /** The raw transport's buffer drained: the records that waited go, asyncio's {@code resume_writing}. */
    @Override
    public void resumeWriting() {
        appData.sslWritingPaused(false);
        appData.processOutgoing();
    }

    /** asyncio's {@code _get_extra_info}: the TLS names, then the raw transport's. */
    Object extraInfo(String name, Object defaultValue) {
        if (extra.containsKey(name)) {
            return extra.get(name);
        }
        return transport != null ? transport.getExtraInfo(name, defaultValue) : defaultValue;
    }

    void setState(State next) {
        boolean allowed = next == State.UNWRAPPED
                || state == State.UNWRAPPED && next == State.DO_HANDSHAKE
                || state == State.DO_HANDSHAKE && next == State.WRAPPED
                || state == State.WRAPPED && next == State.FLUSHING
                || state == State.FLUSHING && next == State.SHUTDOWN;
        if (!allowed) {
            throw new IllegalStateException("cannot switch state from " + state + " to " + next);
        }
        state = next;
    }

    // ---------------------------------------------------------------------------------------------
    // The handshake

    private void startHandshake() {
        if (loop.getDebug()) {
            LOGGER.log(Level.DEBUG, this + " starts SSL handshake");
        }
        setState(State.DO_HANDSHAKE);
        handshakeTimeoutHandle = loop.callLater(handshakeTimeout, this::checkHandshakeTimeout);
        doHandshake();
    }

    private void checkHandshakeTimeout() {
        if (state == State.DO_HANDSHAKE) {
            fatalError(new SocketTimeoutException("SSL handshake is taking longer than " + handshakeTimeout
                    + " seconds: aborting the connection"), "Fatal error on transport");
        }
    }

    private void doHandshake() {
        boolean done;
        try {
            done = ssl.handshake();
        } catch (SSLException | RuntimeException failed) {
            ssl.queueAlert();
            appData.processOutgoing();
            onHandshakeComplete(failed);
            return;
        }
        appData.processOutgoing();
        if (done) {
            onHandshakeComplete(null);
        }
    }

    private void onHandshakeComplete(Exception handshakeFailure) {
        if (handshakeTimeoutHandle != null) {
            handshakeTimeoutHandle.cancel();
            handshakeTimeoutHandle = null;
        }
        if (handshakeFailure != null) {
            setState(State.UNWRAPPED);
            fatalError(handshakeFailure, isCertificateFailure(handshakeFailure)
                    ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed");
            wakeUpWaiter(handshakeFailure);
            return;
        }
        setState(State.WRAPPED);
        SSLEngine engine = ssl.engine();
        extra.put("peercert", peerCertificate(engine));
        extra.put("cipher", engine.getSession().getCipherSuite());
        extra.put("compression", null);
        extra.put("ssl_object", engine);
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            appProtocol.connectionMade(appTransport);
        }
        wakeUpWaiter(null);
        appData.doRead();
    }

    private static Object peerCertificate(SSLEngine engine) {
        try {
            return engine.getSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    private static boolean isCertificateFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // The shutdown

    /** Begins closing, asyncio's {@code _start_shutdown}: at once during the handshake, else after flushing. */
    void startShutdown() {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            return;
        }
        if (appTransport != null) {
            appTransport.markClosed();
        }
        closingHere = true;
        if (state == State.DO_HANDSHAKE) {
            abort();
        } else {
            setState(State.FLUSHING);
            shutdownTimeoutHandle = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
            doFlush();
        }
    }

    private void checkShutdownTimeout() {
        if (state == State.FLUSHING || state == State.SHUTDOWN) {
            forceClose(new SocketTimeoutException("SSL shutdown timed out"));
        }
    }

    void doFlush() {
        appData.doRead();
        setState(State.SHUTDOWN);
        doShutdown();
    }

    void doShutdown() {
        try {
            if (eofReceived && !closingHere && ssl.endsInPartialRecord()) {
                throw new SSLException("EOF occurred in violation of protocol: the connection closed in the middle"
                        + " of a TLS record (" + ssl.incomingSize() + " bytes of it received)");
            }
            if (!eofReceived) {
                appData.doWrite();
                if (!ssl.shutdown()) {
                    appData.processOutgoing();
                    return;
                }
            }
        } catch (SSLException | RuntimeException failed) {
            onShutdownComplete(failed);
            return;
        }
        appData.processOutgoing();
        appData.callEofReceived();
        onShutdownComplete(null);
    }

    private void onShutdownComplete(Exception shutdownFailure) {
        if (shutdownTimeoutHandle != null) {
            shutdownTimeoutHandle.cancel();
            shutdownTimeoutHandle = null;
        }
        if (shutdownFailure != null) {
            fatalError(shutdownFailure, "Fatal error on transport");
        } else if (transport != null) {
            Transport raw = transport;
            loop.callSoon(raw::close);
        }
    }

    /** Closes at once, dropping what waits to be sent, asyncio's {@code _abort}. */
    void abort() {
        setState(State.UNWRAPPED);
        if (transport != null) {
            transport.abort();
        }
    }

    /** Aborts the raw transport, and the application's {@code connectionLost} receives {@code cause}, asyncio's {@code _force_close}. */
    void forceClose(Exception cause) {
        if (failure == null) {
            failure = cause;
        }
        if (appTransport != null) {
            appTransport.markClosed();
        }
        if (transport != null) {
            transport.abort();
        }
    }

    /**
     * Aborts the connection for {@code cause}, asyncio's {@code _fatal_error}: an {@link IOException},
     * the peer's doing or the network's, is logged in debug mode only; anything else goes to the
     * loop's exception handler.
     */
    void fatalError(Exception cause, String message) {
        forceClose(cause);
        if (cause instanceof IOException) {
            if (loop.getDebug()) {
                LOGGER.log(Level.DEBUG, this + ": " + message, cause);
            }
        } else {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", message);
            context.put("exception", cause);
            context.put("transport", transport);
            context.put("protocol", this);
            loop.callExceptionHandler(context);
        }
    }

    @Override
    public String toString() {
        return "SslProtocol[" + (serverSide ? "server " : "client ") + state + " app=" + appState + " " + ssl + "]";
    }
}
