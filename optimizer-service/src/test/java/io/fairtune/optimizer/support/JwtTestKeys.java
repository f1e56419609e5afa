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
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * An RSA key pair made for this test run (nothing secret is committed): the service verifies tokens with the
 * public half, {@link Tokens} signs them with the private half. Files, not statics, because the test resource
 * and the tests may live in different class loaders.
 *
 * <p>As a test resource it configures quarkus-oidc's local verification, as a deployment without a reachable
 * provider would: the default tenant enabled, {@code quarkus.oidc.public-key} (the base64 DER of the public key,
 * the PEM body without its armour) and the expected issuer.
 */
public class JwtTestKeys implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://idp.fairtune.test/realms/test";
    static final Path DIR = Path.of("target/jwt-test-keys");
    static final Path PUBLIC = DIR.resolve("public.pem");
    static final Path PRIVATE = DIR.resolve("private.pem");

    @Override
    public Map<String, String> start() {
        ensureKeys();
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(publicKey().getEncoded()),
                "quarkus.oidc.token.issuer", ISSUER);
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
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The half the service trusts (also served as a JWKS by the fake provider of OidcProviderTest). */
    public static RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(Path pem) {
        ensureKeys();
        try {
            String b64 = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(b64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
