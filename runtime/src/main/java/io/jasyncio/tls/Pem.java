// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM files to a TLS context with the JDK alone, what Python's {@code ssl.create_default_context()}
 * with {@code load_cert_chain(certfile, keyfile)} or {@code cafile=} does: {@link #serverContext} from
 * a certificate chain and its unencrypted PKCS#8 private key (RSA or EC, as {@code openssl req -x509
 * -newkey rsa:2048 -nodes} writes them), {@link #clientContext} trusting the certificates of a CA
 * file. Each error names the file and what is wrong with it.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** The key algorithms tried in turn on a PKCS#8 key, which does not name its algorithm in a way the JDK reads. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

    private Pem() {
    }

    /**
     * A context for a TLS server that presents the certificate chain of {@code certificateChain} (the
     * server's certificate first, as PEM {@code CERTIFICATE} blocks) and signs with the key of
     * {@code privateKey} (a PEM {@code PRIVATE KEY} block, unencrypted PKCS#8). Throws
     * {@link IOException} if a file cannot be read, holds no such block, or the key does not match the
     * certificate.
     */
    public static SSLContext serverContext(Path certificateChain, Path privateKey) throws IOException {
        List<X509Certificate> chain = readCertificates(certificateChain);
        PrivateKey key = readPrivateKey(privateKey);
        checkKeyMatches(key, chain.get(0), privateKey, certificateChain);
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException failure) {
            throw new IOException("cannot make a TLS server context of " + certificateChain + " and " + privateKey, failure);
        }
    }

    /**
     * A context for a TLS client that trusts the certificates of {@code trustedCertificates} (PEM
     * {@code CERTIFICATE} blocks: a CA, or a self-signed server certificate) and no others, as
     * Python's {@code ssl.create_default_context(cafile=...)}.
     */
    public static SSLContext clientContext(Path trustedCertificates) throws IOException {
        List<X509Certificate> certificates = readCertificates(trustedCertificates);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException failure) {
            throw new IOException("cannot make a TLS client context trusting " + trustedCertificates, failure);
        }
    }

    /** The X.509 certificates of the PEM {@code CERTIFICATE} blocks of {@code file}, in order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(file, "CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException failure) {
            throw new IOException(file + ": not a valid X.509 certificate: " + failure.getMessage(), failure);
        }
        if (certificates.isEmpty()) {
            throw new IOException(file + ": no PEM CERTIFICATE block");
        }
        return certificates;
    }

    /**
     * The private key of the PEM {@code PRIVATE KEY} block (unencrypted PKCS#8) of {@code file}, RSA or
     * EC. A PKCS#1 ({@code RSA PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}) or encrypted key is refused
     * with the {@code openssl} command that converts it.
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        List<byte[]> keys = blocks(file, "PRIVATE KEY");
        if (keys.isEmpty()) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                    || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw new IOException(file + ": the key must be unencrypted PKCS#8 (-----BEGIN PRIVATE KEY-----);"
                        + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
            }
            throw new IOException(file + ": no PEM PRIVATE KEY block");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
                // the next algorithm
            }
        }
        throw new IOException(file + ": not an RSA, EC or EdDSA PKCS#8 private key");
    }

    /** Fails unless {@code key} signs what the public key of {@code certificate} verifies. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile)
            throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null; // the handshake checks the others
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "jasyncio".getBytes(StandardCharsets.ISO_8859_1);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException mismatch) {
            matches = false;
        }
        if (!matches) {
            throw new IOException("the private key of " + keyFile + " does not belong to the certificate of "
                    + certificateFile + " (" + certificate.getSubjectX500Principal() + ")");
        }
    }

    /** The decoded contents of the PEM blocks of {@code type} in {@code file}, in order. */
    private static List<byte[]> blocks(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<byte[]> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
                } catch (IllegalArgumentException badBase64) {
                    throw new IOException(file + ": a PEM " + type + " block that is not valid base64", badBase64);
                }
            }
        }
        return blocks;
    }
}
