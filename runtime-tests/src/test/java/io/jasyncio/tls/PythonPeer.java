// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPython 3.11's asyncio on the other end of a TLS connection: {@code tls_peer.py} (beside this class)
 * run by {@code python3} as a client or a one-connection server, whose standard output the tests
 * compare line by line. Blocking: a test calls it before its loop runs or through {@code toThread}.
 */
final class PythonPeer {
    private static final long TIMEOUT_SECONDS = 120;

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String description;

    private PythonPeer(List<String> arguments) throws IOException {
        Path scratch = Files.createTempDirectory("jasyncio-python-peer");
        scratch.toFile().deleteOnExit();
        stdout = scratch.resolve("stdout");
        stderr = scratch.resolve("stderr");
        stdout.toFile().deleteOnExit();
        stderr.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of("python3", script().toString()));
        command.addAll(arguments);
        description = String.join(" ", command);
        process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    private static Path script() {
        try {
            return Path.of(PythonPeer.class.getResource("tls_peer.py").toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Starts a server presenting {@code certificate} in {@code mode}, and returns once it listens. */
    static PythonPeer server(TestCertificates.Pair certificate, String mode) throws IOException, InterruptedException {
        PythonPeer server = new PythonPeer(List.of("server", certificate.certificate().toString(),
                certificate.key().toString(), mode));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (server.lines().isEmpty()) {
            if (!server.process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(server.description + " did not start:\n" + Files.readString(server.stderr, UTF_8));
            }
            Thread.sleep(20);
        }
        return server;
    }

    /** Runs a client trusting {@code trusted} against 127.0.0.1:{@code port} in {@code mode}, to its end; returns what it printed. */
    static List<String> client(TestCertificates.Pair trusted, int port, String mode) {
        try {
            return new PythonPeer(List.of("client", trusted.certificate().toString(), String.valueOf(port), mode)).finish();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The port the server printed first. */
    int port() {
        String first = lines().get(0);
        if (!first.startsWith("port ")) {
            throw new AssertionError(description + " printed " + first);
        }
        return Integer.parseInt(first.substring("port ".length()));
    }

    /** Waits for the end of the process and returns the lines it printed, less the port; fails if it failed. */
    List<String> finish() {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(description + " did not end; it printed " + lines() + "\n" + Files.readString(stderr, UTF_8));
            }
            String errors = Files.readString(stderr, UTF_8);
            if (process.exitValue() != 0 || !errors.isEmpty()) {
                throw new AssertionError(description + " exited with " + process.exitValue() + " after " + lines() + ":\n" + errors);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
        List<String> lines = lines();
        return lines.isEmpty() || !lines.get(0).startsWith("port ") ? lines : lines.subList(1, lines.size());
    }

    /** Ends the process if it still runs, for a test that failed before its end. */
    void kill() {
        process.destroyForcibly();
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(stdout, UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
