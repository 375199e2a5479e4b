// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.Task;
import io.jasyncio.TimerHandle;
import io.jasyncio.names.Names;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connecting by happy eyeballs (RFC 8305), asyncio 3.8's {@code staggered_race} over
 * {@code _connect_sock}: the addresses are tried in order, each attempt starting when the one before
 * it fails or {@code delay} seconds after it started, whichever comes first, with the earlier ones
 * still running; the first to connect wins and the others are cancelled and their sockets closed.
 * As in {@code staggered_race}, the race ends only once every attempt it started has ended, so that
 * no attempt outlives it. Loop thread only.
 */
final class HappyEyeballs {
    private final SelectorEventLoop loop;
    private final List<? extends SocketAddress> addresses;
    private final SocketAddress localAddress;

    /** How long an attempt runs alone before the next starts beside it, in seconds. */
    private final double delay;

    /** Done with the winner's socket once every attempt has ended, or with the first failure if none connected. */
    private final Future<SocketChannel> outcome;

    /** The attempts started, in the order of their addresses. */
    private final List<Attempt> attempts = new ArrayList<>();

    /** Each failed address's failure, in the order of the addresses. */
    private final Map<Integer, Exception> failures = new LinkedHashMap<>();

    /** The index in {@link #addresses} of the next to try. */
    private int next;

    /** Starts the next attempt once the latest has run for {@link #delay} seconds. */
    private TimerHandle staggering;

    /** The attempt that connected first; {@code null} while none has. */
    private Attempt winner;

    /** One connection attempt: its socket and the task that connects it. */
    private record Attempt(int index, SocketChannel channel, Task<Void> connecting) {}

    private HappyEyeballs(SelectorEventLoop loop, List<? extends SocketAddress> addresses, SocketAddress localAddress,
            double delay) {
        this.loop = loop;
        this.addresses = addresses;
        this.localAddress = localAddress;
        this.delay = delay;
        this.outcome = loop.createFuture();
    }

    /**
     * A future of the first socket of {@code addresses} to connect, raced with {@code delay} seconds
     * between the starts; it fails with the first address's failure, the others suppressed, if none
     * connects. Cancelling it cancels every attempt and closes their sockets.
     */
    static Future<SocketChannel> race(SelectorEventLoop loop, List<? extends SocketAddress> addresses,
            SocketAddress localAddress, double delay) {
        HappyEyeballs race = new HappyEyeballs(loop, addresses, localAddress, delay);
        race.outcome.addDoneCallback(done -> {
            if (done.cancelled()) {
                race.stop();
            }
        });
        race.startNext();
        return race.outcome;
    }

    /** Starts an attempt on the next address, or ends the race if none is left and every attempt failed. */
    private void startNext() {
        if (staggering != null) {
            staggering.cancel();
            staggering = null;
        }
        if (winner != null || outcome.done()) {
            return;
        }
        if (next == addresses.size()) {
            failIfAllFailed();
            return;
        }
        int index = next++;
        SocketAddress address = addresses.get(index);
        SocketChannel channel;
        Task<Void> connecting;
        try {
            channel = Sockets.openSocket(address, localAddress);
            connecting = loop.createTask(loop.sockConnect(channel, address));
        } catch (IOException failure) {
            failures.put(index, failure);
            startNext(); // as an attempt that failed at once: the next need not wait
            return;
        }
        Attempt attempt = new Attempt(index, channel, connecting);
        attempts.add(attempt);
        connecting.addDoneCallback(done -> attemptEnded(attempt));
        staggering = loop.callLater(delay, this::startNext);
    }

    private void attemptEnded(Attempt attempt) {
        Task<Void> connecting = attempt.connecting();
        if (!connecting.cancelled() && connecting.exception() == null && winner == null && !outcome.done()) {
            winner = attempt;
            stop(); // cancels the others; the race ends once they have ended
        } else {
            Sockets.closeQuietly(loop, attempt.channel());
            if (!connecting.cancelled() && connecting.exception() instanceof Exception failure) {
                failures.put(attempt.index(), failure);
            }
            if (winner == null && attempt == attempts.get(attempts.size() - 1)) {
                startNext(); // the latest failed: the next starts at once, not after the delay
            }
        }
        if (winner != null && allEnded() && !outcome.done()) {
            outcome.setResult(winner.channel());
        } else if (winner == null) {
            failIfAllFailed();
        }
    }

    /** Cancels the staggering and every attempt but the winner. */
    private void stop() {
        if (staggering != null) {
            staggering.cancel();
            staggering = null;
        }
        for (Attempt attempt : attempts) {
            if (attempt != winner) {
                attempt.connecting().cancel();
            }
        }
        if (winner != null && outcome.cancelled()) {
            Sockets.closeQuietly(loop, winner.channel());
        }
    }

    private boolean allEnded() {
        for (Attempt attempt : attempts) {
            if (!attempt.connecting().done()) {
                return false;
            }
        }
        return true;
    }

    /** Fails the race once every address was tried and every attempt failed. */
    private void failIfAllFailed() {
        if (next < addresses.size() || !allEnded() || outcome.done()) {
            return;
        }
        Exception first = null;
        for (Exception failure : failures.values()) {
            if (first == null) {
                first = failure;
            } else {
                first.addSuppressed(failure);
            }
        }
        outcome.setException(first != null ? first : new UnknownHostException("no address to connect to"));
    }

    /**
     * {@code addresses} reordered by family, asyncio's {@code _interleave_addrinfos}: the families in
     * the order of their first address, {@code firstFamilyCount} addresses of the first family, then
     * one of each family in turn; Unix domain socket addresses are left as they are.
     */
    static List<SocketAddress> interleave(List<? extends SocketAddress> addresses, int firstFamilyCount) {
        Map<ProtocolFamily, List<SocketAddress>> byFamily = new LinkedHashMap<>();
        for (SocketAddress address : addresses) {
            if (!(address instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                return List.copyOf(addresses);
            }
            byFamily.computeIfAbsent(Names.familyOf(inet.getAddress()), family -> new ArrayList<>()).add(address);
        }
        List<List<SocketAddress>> families = new ArrayList<>(byFamily.values());
        List<SocketAddress> reordered = new ArrayList<>(addresses.size());
        if (firstFamilyCount > 1 && !families.isEmpty()) {
            List<SocketAddress> first = families.get(0);
            int taken = Math.min(firstFamilyCount - 1, first.size());
            reordered.addAll(first.subList(0, taken));
            families.set(0, first.subList(taken, first.size()));
        }
        for (int round = 0; reordered.size() < addresses.size(); round++) {
            for (List<SocketAddress> family : families) {
                if (round < family.size()) {
                    reordered.add(family.get(round));
                }
            }
        }
        return reordered;
    }
}
