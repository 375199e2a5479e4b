// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates made at test time with {@code openssl}, once per JVM, in a temporary
 * directory: {@link #server()} for "localhost" and 127.0.0.1 with an RSA key, as {@code openssl req
 * -x509 -newkey rsa:2048 -nodes} writes it, and {@link #stranger()}, an EC certificate for the same
 * names that no client trusts. A machine without {@code openssl} fails the tests that need them.
 */
public final class TestCertificates {
    /** A certificate (PEM) and its unencrypted PKCS#8 private key (PEM). */
    public record Pair(Path certificate, Path key) {
        /** A context for a server presenting this certificate. */
        public SSLContext serverContext() throws IOException {
            return Pem.serverContext(certificate, key);
        }

        /** A context for a client trusting this certificate only. */
        public SSLContext clientContext() throws IOException {
            return Pem.clientContext(certificate);
        }
    }

    private static Path directory;
    private static Pair server;
    private static Pair stranger;

    private TestCertificates() {
    }

    /** The server's RSA certificate for localhost and 127.0.0.1. */
    public static synchronized Pair server() {
        if (server == null) {
            server = generate("server", "rsa:2048");
        }
        return server;
    }

    /** An EC certificate for the same names, unknown to clients that trust {@link #server()}. */
    public static synchronized Pair stranger() {
        if (stranger == null) {
            stranger = generate("stranger", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
        }
        return stranger;
    }

    /** Runs {@code openssl req -x509} for a new key of {@code keyType} and returns the files. */
    static Pair generate(String name, String keyType, String... keyOptions) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("jasyncio-tls");
                directory.toFile().deleteOnExit();
            }
            Path certificate = directory.resolve(name + "-cert.pem");
            Path key = directory.resolve(name + "-key.pem");
            List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", keyType));
            command.addAll(List.of(keyOptions));
            command.addAll(List.of("-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", certificate.toString()));
            Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            certificate.toFile().deleteOnExit();
            key.toFile().deleteOnExit();
            return new Pair(certificate, key);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot run openssl, which the TLS tests need", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
