package io.fairtune.optimizer.support;

import io.smallrye.jwt.build.Jwt;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/** Real RS256 tokens, as an OIDC provider would issue them. */
public final class Tokens {

    private Tokens() {
    }

    public static String valid(String user, String... groups) {
        return Jwt.issuer(JwtTestKeys.ISSUER).upn(user).groups(Set.of(groups)).expiresIn(300)
                .sign(JwtTestKeys.privateKey());
    }

    public static String expired(String user, String... groups) {
        Instant now = Instant.now();
        return Jwt.issuer(JwtTestKeys.ISSUER).upn(user).groups(Set.of(groups)).issuedAt(now.minusSeconds(3600))
                .expiresAt(now.minusSeconds(600)).sign(JwtTestKeys.privateKey());
    }

    /** Well-formed and unexpired, but signed by a key the service does not trust. */
    public static String signedByAnotherKey(String user, String... groups) {
        PrivateKey other = JwtTestKeys.newKeyPair().getPrivate();
        return Jwt.issuer(JwtTestKeys.ISSUER).upn(user).groups(Set.of(groups)).expiresIn(300).sign(other);
    }

    public static String fromAnotherIssuer(String user, String... groups) {
        return Jwt.issuer("https://evil.example/realms/x").upn(user).groups(Set.of(groups)).expiresIn(300)
                .sign(JwtTestKeys.privateKey());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
