package io.fairtune.optimizer.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.infra.quarkus.KafkaTestResource;
import io.fairtune.infra.quarkus.PostgresTestResource;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment that configured neither API keys nor OIDC: the API is closed, not open, and every refusal says how
 * to configure authentication. The profile adds no quarkus.oidc property, so the application starts exactly as
 * production does with nothing set: the default OIDC tenant off (application.properties), no provider, no
 * public key, no dev service inventing one (JwtTestKeys, which turns it on for the other tests, is not applied).
 */
@QuarkusTest
@TestProfile(NothingConfiguredTest.Unconfigured.class)
class NothingConfiguredTest {

    public static class Unconfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fairtune.security.operator-api-key", "",
                    "fairtune.security.viewer-api-key", "");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class, Map.of("database", "optimizer")));
        }
    }

    @BeforeEach
    void anonymous() {
        Credentials.anonymous();
    }

    @Test
    void everyProtectedEndpointAnswers401WithHowToConfigure() {
        long before = QuarkusTransaction.requiringNew().call(() -> Study.count());
        given().contentType(ContentType.JSON).body(Specs.study("closed").json()).post("/studies").then()
                .statusCode(401).body("errors[0].field", is("authentication"))
                .body("errors[0].message", containsString("none is configured"))
                .body("errors[0].message", containsString("fairtune.security.operator-api-key"))
                .body("errors[0].message", containsString("quarkus.oidc.tenant-enabled=true"))
                .body("errors[0].message", containsString("quarkus.oidc.auth-server-url"))
                .body("errors[0].message", containsString("quarkus.oidc.public-key"));
        // any key is wrong when no key is configured, including the empty one
        for (String key : List.of("", "anything", "test-operator-key-5b1e0c7d9a")) {
            given().header(ApiKeyAuthenticationMechanism.HEADER, key).contentType(ContentType.JSON)
                    .body(Specs.study("closed").json()).post("/studies").then().statusCode(401);
        }
        for (String path : List.of("/studies", "/studies/x", "/studies/x/trials", "/studies/x/report")) {
            given().get(path).then().statusCode(401).body("errors[0].message", containsString("none is configured"));
        }
        // a token signed by the key the other tests trust means nothing here: no tenant verifies tokens
        given().header("Authorization", Tokens.bearer(Tokens.valid("olga", Roles.OPERATOR)))
                .contentType(ContentType.JSON).body(Specs.study("closed").json()).post("/studies").then()
                .statusCode(401)
                .body("errors[0].message", containsString("none is configured"));
        for (String action : List.of("pause", "resume", "cancel")) {
            given().post("/studies/x/" + action).then().statusCode(401);
        }
        assertEquals(before, QuarkusTransaction.requiringNew().call(() -> Study.count()));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** What production runs with when nobody configured OIDC: it started, with the tenant off and nothing set. */
    @Test
    void oidcIsOffAndUnconfigured() {
        Config config = ConfigProvider.getConfig();
        assertFalse(config.getValue("quarkus.oidc.tenant-enabled", Boolean.class));
        for (String property : List.of("quarkus.oidc.auth-server-url", "quarkus.oidc.public-key",
                "quarkus.oidc.token.issuer", "quarkus.oidc.token.audience")) {
            assertTrue(config.getOptionalValue(property, String.class).isEmpty(), property);
        }
    }
}
