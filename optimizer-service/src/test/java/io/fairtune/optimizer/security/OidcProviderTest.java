package io.fairtune.optimizer.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens verified through an OIDC provider (quarkus.oidc.auth-server-url: discovery, then the provider's
 * JWKS; the expected issuer comes from the discovery document), the deployment's other way to configure OIDC.
 * No API key is configured here, so bearer tokens are the only way in. ApiSecurityTest covers local verification
 * with quarkus.oidc.public-key, and both modes side by side with API keys.
 */
@QuarkusTest
@TestProfile(OidcProviderTest.WithProvider.class)
class OidcProviderTest {

    private static final String AUTH = "Authorization";

    /** Nothing configured (NothingConfiguredTest's profile) but an OIDC provider. */
    public static class WithProvider extends NothingConfiguredTest.Unconfigured {
        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
            resources.add(new TestResourceEntry(LocalOidcProvider.class));
            return resources;
        }
    }

    @BeforeEach
    void anonymous() {
        Credentials.anonymous();
    }

    @Test
    void onlyTheProviderIsConfigured() {
        assertTrue(ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.public-key", String.class).isEmpty());
        assertTrue(ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.token.issuer", String.class).isEmpty());
        given().get("/studies").then().statusCode(401).body("errors[0].field", is("authentication"))
                .body("errors[0].message", containsString("Bearer"))
                .body("errors[0].message", not(containsString(ApiKeyAuthenticationMechanism.HEADER)));
    }

    @Test
    void rolesFromTokensTheProviderSigned() {
        String operator = Tokens.bearer(Tokens.valid("olga", Roles.OPERATOR));
        String id = given().header(AUTH, operator).contentType(ContentType.JSON)
                .body(Specs.study("by-provider-token").budget(2).parallelism(1).json()).post("/studies")
                .then().statusCode(201).extract().path("id");
        String viewer = Tokens.bearer(Tokens.valid("vera", Roles.VIEWER));
        given().header(AUTH, viewer).get("/studies/" + id).then().statusCode(200).body("state", is("RUNNING"));
        given().header(AUTH, viewer).post("/studies/" + id + "/pause").then().statusCode(403)
                .body("errors[0].field", is("authorization"));
        given().header(AUTH, Tokens.bearer(Tokens.valid("nobody", "staff"))).get("/studies").then().statusCode(403);
        given().header(AUTH, operator).post("/studies/" + id + "/cancel").then().statusCode(200)
                .body("state", is("CANCELLED"));
        assertTrue(Integer.getInteger(LocalOidcProvider.JWKS_REQUESTS, 0) > 0, "the provider's JWKS was never read");
    }

    @Test
    void tokensTheProviderDidNotIssueAre401() {
        for (String token : List.of(Tokens.expired("olga", Roles.OPERATOR),
                Tokens.signedByAnotherKey("mallory", Roles.OPERATOR),
                Tokens.fromAnotherIssuer("mallory", Roles.OPERATOR), "not.a.jwt")) {
            given().header(AUTH, Tokens.bearer(token)).contentType(ContentType.JSON)
                    .body(Specs.study("refused").json()).post("/studies").then().statusCode(401)
                    .body("errors[0].field", is("authentication"));
        }
        // no API key is configured, so none is accepted
        given().header(ApiKeyAuthenticationMechanism.HEADER, "test-operator-key-5b1e0c7d9a").get("/studies").then()
                .statusCode(401);
    }
}
