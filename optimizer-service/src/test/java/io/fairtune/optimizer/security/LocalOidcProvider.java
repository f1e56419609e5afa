package io.fairtune.optimizer.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fairtune.optimizer.support.JwtTestKeys;
import io.fairtune.optimizer.support.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The two documents a service application reads from an OIDC provider such as Keycloak, served over HTTP on a
 * free local port: the discovery document ({@code <realm>/.well-known/openid-configuration}) and the JWKS it points
 * to, holding the public half of {@link JwtTestKeys} under {@link Tokens#KEY_ID}. Configures the service with
 * {@code quarkus.oidc.auth-server-url} only, as a deployment next to Keycloak would be.
 */
public class LocalOidcProvider implements QuarkusTestResourceLifecycleManager {

    static final String REALM_PATH = "/realms/fairtune";
    /** Counts JWKS downloads in a system property: the test and this resource may use different class loaders. */
    static final String JWKS_REQUESTS = "fairtune.test.oidc.jwks-requests";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
        String discovery = "{\"issuer\":\"" + JwtTestKeys.ISSUER + "\",\"jwks_uri\":\"" + base
                + "/protocol/openid-connect/certs\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext(REALM_PATH + "/.well-known/openid-configuration", exchange -> json(exchange, discovery));
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs", exchange -> {
            System.setProperty(JWKS_REQUESTS, String.valueOf(Integer.getInteger(JWKS_REQUESTS, 0) + 1));
            json(exchange, "{\"keys\":[" + jwk() + "]}");
        });
        server.start();
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String jwk() {
        RsaJsonWebKey jwk = new RsaJsonWebKey(JwtTestKeys.publicKey());
        jwk.setKeyId(Tokens.KEY_ID);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk.toJson();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
