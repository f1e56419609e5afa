package io.fairtune.optimizer.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/**
 * Real RS256 tokens, as an OIDC provider would issue them: iss, upn (quarkus-oidc's first principal claim), groups
 * (the roles), iat, exp, and the key id in the header that a provider's JWKS is searched by.
 */
public final class Tokens {

    /** The {@code kid} of {@link JwtTestKeys}' key pair. */
    public static final String KEY_ID = "fairtune-test-key";

    private Tokens() {
    }

    public static String valid(String user, String... groups) {
        return sign(claims(JwtTestKeys.ISSUER, user, groups).expiresIn(300), JwtTestKeys.privateKey());
    }

    public static String expired(String user, String... groups) {
        Instant now = Instant.now();
        return sign(claims(JwtTestKeys.ISSUER, user, groups).issuedAt(now.minusSeconds(3600))
                .expiresAt(now.minusSeconds(600)), JwtTestKeys.privateKey());
    }

    /** Well-formed and unexpired, with the trusted key's id, but signed by a key the service does not trust. */
    public static String signedByAnotherKey(String user, String... groups) {
        PrivateKey other = JwtTestKeys.newKeyPair().getPrivate();
        return sign(claims(JwtTestKeys.ISSUER, user, groups).expiresIn(300), other);
    }

    public static String fromAnotherIssuer(String user, String... groups) {
        return sign(claims("https://evil.example/realms/x", user, groups).expiresIn(300), JwtTestKeys.privateKey());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(String issuer, String user, String... groups) {
        return Jwt.issuer(issuer).upn(user).groups(Set.of(groups));
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId(KEY_ID).sign(key);
    }
}
