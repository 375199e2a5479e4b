// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Pem}: openssl's PEM files to TLS contexts, and a clear error for each file it cannot use. */
class PemTest {
    @TempDir
    Path scratch;

    @Test
    void readsAnRsaAndAnEcKeyWithTheirCertificates() throws Exception {
        TestCertificates.Pair rsa = TestCertificates.server();
        assertEquals("RSA", Pem.readPrivateKey(rsa.key()).getAlgorithm());
        assertEquals("EC", Pem.readPrivateKey(TestCertificates.stranger().key()).getAlgorithm());
        assertEquals("CN=localhost", Pem.readCertificates(rsa.certificate()).get(0).getSubjectX500Principal().getName());
        SSLContext server = Pem.serverContext(rsa.certificate(), rsa.key());
        assertEquals("TLS", server.getProtocol());
        SSLContext client = Pem.clientContext(rsa.certificate());
        assertTrue(client.createSSLEngine().getSupportedProtocols().length > 0);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Path certificate = TestCertificates.server().certificate();
        Path key = TestCertificates.stranger().key();
        IOException refused = assertThrows(IOException.class, () -> Pem.serverContext(certificate, key));
        assertEquals("the private key of " + key + " does not belong to the certificate of " + certificate
                + " (CN=localhost)", refused.getMessage());
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path traditional = scratch.resolve("rsa.pem");
        Process openssl = new ProcessBuilder("openssl", "pkey", "-traditional", "-in", TestCertificates.server().key().toString(),
                "-out", traditional.toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl pkey -traditional failed");
        assertTrue(Files.readString(traditional).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        IOException refused = assertThrows(IOException.class, () -> Pem.readPrivateKey(traditional));
        assertEquals(traditional + ": the key must be unencrypted PKCS#8 (-----BEGIN PRIVATE KEY-----); convert it with:"
                + " openssl pkcs8 -topk8 -nocrypt -in " + traditional + " -out key.pem", refused.getMessage());
    }

    @Test
    void aFileWithoutTheBlockIsRefused() throws Exception {
        Path empty = Files.writeString(scratch.resolve("empty.pem"), "nothing here\n", StandardCharsets.US_ASCII);
        assertEquals(empty + ": no PEM CERTIFICATE block",
                assertThrows(IOException.class, () -> Pem.clientContext(empty)).getMessage());
        assertEquals(empty + ": no PEM PRIVATE KEY block",
                assertThrows(IOException.class, () -> Pem.readPrivateKey(empty)).getMessage());
        // The certificate is no key, and the key no certificate.
        Path key = TestCertificates.server().key();
        assertEquals(key + ": no PEM CERTIFICATE block",
                assertThrows(IOException.class, () -> Pem.readCertificates(key)).getMessage());
    }

    @Test
    void aDamagedCertificateIsRefused() throws Exception {
        String text = Files.readString(TestCertificates.server().certificate());
        Path damaged = Files.writeString(scratch.resolve("damaged.pem"), text.replaceFirst("\n[A-Za-z0-9+/]{20}", "\nAAAAAAAAAAAAAAAAAAAA"));
        IOException refused = assertThrows(IOException.class, () -> Pem.readCertificates(damaged));
        assertTrue(refused.getMessage().startsWith(damaged + ": not a valid X.509 certificate"), refused.getMessage());
    }
}
