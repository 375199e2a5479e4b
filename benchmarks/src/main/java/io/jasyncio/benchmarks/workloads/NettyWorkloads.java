// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads;

import io.jasyncio.benchmarks.BuildSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Echo on Netty, the library a Java developer picks for networking, written as its users write it:
 * one {@code MultiThreadIoEventLoopGroup} serves the server's and the clients' channels, each
 * channel's pipeline is a {@code FixedLengthFrameDecoder} (an inbound handler that accumulates a
 * message's bytes into one frame) and a handler that answers each frame with {@code writeAndFlush}.
 *
 * <p>Netty has no tasks to yield, spawn or put to sleep: the driver runs it on echo only, and the
 * other workloads throw. System properties choose the group: {@code benchmarks.netty.threads} (its
 * event-loop threads, default 1) and {@code benchmarks.netty.transport} ({@code nio}, the JDK's
 * selector as jasyncio uses it, by default; or {@code epoll}, Netty's native transport).
 *
 * <p>Echo on every core needs nothing more here: for it the driver sets
 * {@code benchmarks.netty.threads} to the number of processors, and {@link #echoOnEveryCore} is
 * {@link #echo} with the connections scaled by that number, which the group spreads over its threads
 * as Netty spreads any channels (round-robin at registration).
 */
public final class NettyWorkloads implements Workloads {
    private static final String LOOPBACK = "127.0.0.1";

    private final int threads = Integer.getInteger("benchmarks.netty.threads", 1);
    private final Transport transport = Transport.named(System.getProperty("benchmarks.netty.transport", "nio"));

    /**
     * The event loops of every round's server and clients: one group for the process, as an
     * application has. Its threads are daemons, so that a failing round ends the process.
     */
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("netty-echo", /* daemon = */ true), transport.ioHandlerFactory.get());

    /** Runs one workload, as {@link WorkloadRunner#run} describes. */
    public static void main(String[] args) {
        WorkloadRunner.run(new NettyWorkloads(), args);
    }

    /** A Netty transport: the group's I/O handler and the channels it serves. */
    private enum Transport {
        NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class),
        EPOLL(Transport::epollHandlerFactory, EpollServerSocketChannel.class, EpollSocketChannel.class);

        final Supplier<IoHandlerFactory> ioHandlerFactory;
        final Class<? extends ServerChannel> serverChannel;
        final Class<? extends SocketChannel> channel;

        Transport(Supplier<IoHandlerFactory> ioHandlerFactory, Class<? extends ServerChannel> serverChannel,
                Class<? extends SocketChannel> channel) {
            this.ioHandlerFactory = ioHandlerFactory;
            this.serverChannel = serverChannel;
            this.channel = channel;
        }

        static Transport named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        /** Epoll's factory, or the reason its native library did not load (say, not Linux on x86-64). */
        private static IoHandlerFactory epollHandlerFactory() {
            Epoll.ensureAvailability();
            return EpollIoHandler.newFactory();
        }
    }

    @Override
    public String description() {
        return "Netty " + BuildSettings.get("netty.version") + ", " + transport.name().toLowerCase(Locale.ROOT)
                + " transport, MultiThreadIoEventLoopGroup of " + threads + (threads == 1 ? " thread" : " threads")
                + " serving server and clients; FixedLengthFrameDecoder and writeAndFlush";
    }

    @Override
    public long yields(int tasks, int depth, int switches) {
        throw notATaskLibrary();
    }

    @Override
    public long spawn(int tasks) {
        throw notATaskLibrary();
    }

    @Override
    public long sleepers(int tasks, double seconds, Runnable allParked) {
        throw notATaskLibrary();
    }

    private static UnsupportedOperationException notATaskLibrary() {
        return new UnsupportedOperationException("Netty has no tasks to yield, spawn or sleep: it runs echo only");
    }

    @Override
    public long echo(int connections, int roundTrips, int messageBytes, Runnable connecting, Runnable allEchoed) {
        byte[] message = EchoMessage.of(messageBytes);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong echoed = new AtomicLong();
        CountDownLatch serverSidesClosed = new CountDownLatch(connections);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel)
                .option(ChannelOption.SO_BACKLOG, connections)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline(messageBytes, () -> new EchoBack(roundTrips, failure, serverSidesClosed)))
                .bind(LOOPBACK, 0).syncUninterruptibly().channel();
        try {
            Bootstrap client = new Bootstrap()
                    .group(group)
                    .channel(transport.channel)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(pipeline(messageBytes, () -> new Talk(message, roundTrips, failure, echoed)));
            connecting.run();
            List<ChannelFuture> clientsClosed = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                ChannelFuture connected = client.connect(server.localAddress());
                connected.addListener(recordFailureIn(failure));
                clientsClosed.add(connected.channel().closeFuture());
            }
            clientsClosed.forEach(ChannelFuture::awaitUninterruptibly);
            allEchoed.run();
            if (failure.get() == null) { // a client that never connected leaves its server side unaccepted
                serverSidesClosed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            server.close().syncUninterruptibly();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("echo failed", failure.get());
        }
        return echoed.get();
    }

    /** A channel's pipeline: the decoder that makes {@code messageBytes}-byte frames, then the handler that takes them. */
    private static ChannelInitializer<SocketChannel> pipeline(int messageBytes, Supplier<ChannelHandler> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new FixedLengthFrameDecoder(messageBytes), handler.get());
            }
        };
    }

    private static ChannelFutureListener recordFailureIn(AtomicReference<Throwable> failure) {
        return future -> {
            if (!future.isSuccess()) {
                failure.compareAndSet(null, future.cause());
            }
        };
    }

    /** The server's handler for a connection: echoes {@code roundTrips} messages, then closes. */
    private static final class EchoBack extends ChannelInboundHandlerAdapter {
        private final int roundTrips;
        private final AtomicReference<Throwable> failure;
        private final CountDownLatch closed;
        private int echoed;

        EchoBack(int roundTrips, AtomicReference<Throwable> failure, CountDownLatch closed) {
            this.roundTrips = roundTrips;
            this.failure = failure;
            this.closed = closed;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object frame) {
            ChannelFuture written = context.writeAndFlush(frame);
            if (++echoed == roundTrips) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (echoed != roundTrips) {
                failure.compareAndSet(null, new IllegalStateException(
                        "the server echoed " + echoed + " messages on a connection, expected " + roundTrips));
            }
            closed.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            failure.compareAndSet(null, cause);
            context.close();
        }
    }

    /** A client: sends the message and checks its echo {@code roundTrips} times, then closes; adds the bytes echoed to {@code echoed}. */
    private static final class Talk extends ChannelInboundHandlerAdapter {
        private final byte[] message;
        private final int roundTrips;
        private final AtomicReference<Throwable> failure;
        private final AtomicLong echoed;
        private int roundTripsMade;
        private int bytesEchoed;

        Talk(byte[] message, int roundTrips, AtomicReference<Throwable> failure, AtomicLong echoed) {
            this.message = message;
            this.roundTrips = roundTrips;
            this.failure = failure;
            this.echoed = echoed;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) {
            send(context);
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object frame) {
            ByteBuf echo = (ByteBuf) frame;
            try {
                byte[] bytes = ByteBufUtil.getBytes(echo);
                EchoMessage.check(message, bytes);
                bytesEchoed += bytes.length;
            } finally {
                echo.release();
            }
            if (++roundTripsMade < roundTrips) {
                send(context);
            } else {
                echoed.addAndGet(bytesEchoed);
                context.close();
            }
        }

        private void send(ChannelHandlerContext context) {
            context.writeAndFlush(context.alloc().buffer(message.length).writeBytes(message));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            failure.compareAndSet(null, cause);
            context.close();
        }
    }
}
