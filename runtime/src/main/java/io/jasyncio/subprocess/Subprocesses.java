// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.Coroutine;
import io.jasyncio.transports.TransportAndProtocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The functions of asyncio's {@code subprocess} module and the loop's subprocess methods, for
 * {@code import static io.jasyncio.subprocess.Subprocesses.*}. They run on any loop of this
 * thread: the pipes are read and written by helper threads (see the package's documentation).
 */
public final class Subprocesses {
    private Subprocesses() {
    }

    /**
     * A coroutine that starts {@code program} with {@code args} and returns the child, asyncio's
     * {@code create_subprocess_exec(program, *args)}: the child inherits stdin, stdout and stderr. A
     * program that cannot start throws the JDK's {@link IOException} ("Cannot run program ...:
     * error=2, No such file or directory"), as asyncio raises {@code FileNotFoundError}.
     */
    public static Coroutine<Subprocess> createSubprocessExec(String program, String... args) throws IOException {
        return createSubprocessExec(SubprocessOptions.DEFAULTS, program, args);
    }

    /**
     * Like {@link #createSubprocessExec(String, String...)}, with asyncio's keyword arguments as
     * {@code options} (first, as Java's variable arguments come last):
     * {@code createSubprocessExec(DEFAULTS.withStdout(PIPE), "ls", "-l")} is asyncio's
     * {@code create_subprocess_exec("ls", "-l", stdout=PIPE)}.
     */
    public static Coroutine<Subprocess> createSubprocessExec(SubprocessOptions options, String program, String... args)
            throws IOException {
        return new CreateSubprocess(command(program, args), options, "createSubprocessExec");
    }

    /**
     * A coroutine that starts {@code command} with the shell, {@code /bin/sh -c command}, and returns
     * the child, asyncio's {@code create_subprocess_shell(cmd)}: the child inherits stdin, stdout and
     * stderr. Quote what comes from outside the program, or use {@link #createSubprocessExec}.
     */
    public static Coroutine<Subprocess> createSubprocessShell(String command) throws IOException {
        return createSubprocessShell(command, SubprocessOptions.DEFAULTS);
    }

    /** Like {@link #createSubprocessShell(String)}, with asyncio's keyword arguments as {@code options}. */
    public static Coroutine<Subprocess> createSubprocessShell(String command, SubprocessOptions options) throws IOException {
        return new CreateSubprocess(shell(command), options, "createSubprocessShell");
    }

    /**
     * A coroutine that starts {@code program} with {@code args} for the protocol that
     * {@code protocolFactory} makes, and returns the transport and protocol once the pipes are
     * connected, asyncio's {@code loop.subprocess_exec(protocol_factory, program, *args)}: stdin,
     * stdout and stderr are pipes. A program that cannot start throws the JDK's {@link IOException}
     * ("Cannot run program ...: error=2, No such file or directory"), as asyncio raises
     * {@code FileNotFoundError}.
     */
    public static <P extends SubprocessProtocol> Coroutine<TransportAndProtocol<SubprocessTransport, P>> subprocessExec(
            Supplier<? extends P> protocolFactory, String program, String... args) throws IOException {
        return subprocessExec(protocolFactory, SubprocessOptions.PIPES, program, args);
    }

    /** Like {@link #subprocessExec(Supplier, String, String...)}, with asyncio's keyword arguments as {@code options}. */
    public static <P extends SubprocessProtocol> Coroutine<TransportAndProtocol<SubprocessTransport, P>> subprocessExec(
            Supplier<? extends P> protocolFactory, SubprocessOptions options, String program, String... args)
            throws IOException {
        return new SubprocessExec<>(protocolFactory, command(program, args), options, "subprocessExec");
    }

    /**
     * A coroutine that starts {@code command} with the shell, {@code /bin/sh -c command}, for the
     * protocol that {@code protocolFactory} makes, asyncio's {@code loop.subprocess_shell}: stdin,
     * stdout and stderr are pipes. Quote what comes from outside the program, or use
     * {@link #subprocessExec(Supplier, String, String...)}.
     */
    public static <P extends SubprocessProtocol> Coroutine<TransportAndProtocol<SubprocessTransport, P>> subprocessShell(
            Supplier<? extends P> protocolFactory, String command) throws IOException {
        return subprocessShell(protocolFactory, command, SubprocessOptions.PIPES);
    }

    /** Like {@link #subprocessShell(Supplier, String)}, with asyncio's keyword arguments as {@code options}. */
    public static <P extends SubprocessProtocol> Coroutine<TransportAndProtocol<SubprocessTransport, P>> subprocessShell(
            Supplier<? extends P> protocolFactory, String command, SubprocessOptions options) throws IOException {
        return new SubprocessExec<>(protocolFactory, shell(command), options, "subprocessShell");
    }

    static List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(program);
        command.addAll(List.of(args));
        return command;
    }

    static List<String> shell(String command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an empty shell command");
        }
        return List.of("/bin/sh", "-c", command);
    }
}
