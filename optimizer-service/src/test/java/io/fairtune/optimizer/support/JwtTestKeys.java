package io.fairtune.optimizer.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * An RSA key pair made for this test run (nothing secret is committed): the service verifies tokens with the
 * public half, {@link Tokens} signs them with the private half. Files, not statics, because the test resource
 * and the tests may live in different class loaders.
 */
public class JwtTestKeys implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://idp.fairtune.test/realms/test";
    static final Path DIR = Path.of("target/jwt-test-keys");
    static final Path PUBLIC = DIR.resolve("public.pem");
    static final Path PRIVATE = DIR.resolve("private.pem");

    @Override
    public Map<String, String> start() {
        ensureKeys();
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC.toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
        // the files are reused by later application starts in this run
    }

    static synchronized void ensureKeys() {
        if (Files.exists(PUBLIC) && Files.exists(PRIVATE)) {
            return;
        }
        KeyPair pair = newKeyPair();
        try {
            Files.createDirectories(DIR);
            Files.writeString(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey() {
        ensureKeys();
        try {
            String b64 = Files.readString(PRIVATE, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
