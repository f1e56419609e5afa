package io.fairtune.optimizer.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.JwtTestKeys;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on /studies, with real signed JWTs (verified by quarkus-oidc with the public key JwtTestKeys
 * configures) and the static API keys; nothing is disabled for the test.
 */
@QuarkusTest
@QuarkusTestResource(value = JwtTestKeys.class, restrictToAnnotatedClass = false)
class ApiSecurityTest {

    private static final String AUTH = "Authorization";
    private static final String KEY = ApiKeyAuthenticationMechanism.HEADER;

    @BeforeEach
    void noDefaultCredentials() {
        Credentials.anonymous();
    }

    private static long studyCount() {
        return QuarkusTransaction.requiringNew().call(() -> Study.count());
    }

    private static String createAsOperator(String name) {
        return given().header(KEY, Credentials.operatorKey()).contentType(ContentType.JSON)
                .body(Specs.study(name).budget(2).parallelism(1).json()).post("/studies")
                .then().statusCode(201).extract().path("id");
    }

    /** POST /studies with these headers must be refused with {@code status} and store nothing. */
    private static void createIsRefused(RequestSpecification request, int status, String field) {
        long before = studyCount();
        request.contentType(ContentType.JSON).body(Specs.study("refused").budget(2).parallelism(1).json())
                .post("/studies").then().statusCode(status).contentType(ContentType.JSON)
                .body("errors[0].field", is(field));
        assertEquals(before, studyCount(), "a refused request must not store a study");
    }

    @Test
    void unauthenticatedPostIsRefusedAndNothingIsStored() {
        createIsRefused(given(), 401, "authentication");
        given().contentType(ContentType.JSON).body(Specs.study("x").json()).post("/studies").then()
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("errors[0].message", containsString("X-API-Key"))
                .body("errors[0].message", containsString("Bearer"));
    }

    @Test
    void everyStudyEndpointNeedsCredentials() {
        String id = createAsOperator("anon-probe");
        for (String path : List.of("/studies", "/studies/" + id, "/studies/" + id + "/trials",
                "/studies/" + id + "/best", "/studies/" + id + "/pareto", "/studies/" + id + "/report")) {
            given().get(path).then().statusCode(401).body("errors[0].field", is("authentication"));
        }
        for (String action : List.of("pause", "resume", "cancel")) {
            given().post("/studies/" + id + "/" + action).then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{\"mask\":\"baseline:full\"}").post("/studies/" + id + "/trials")
                .then().statusCode(401);
        // still running: none of the anonymous POSTs took effect
        given().header(KEY, Credentials.viewerKey()).get("/studies/" + id).then().statusCode(200)
                .body("state", is("RUNNING"));
        given().header(KEY, Credentials.operatorKey()).post("/studies/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void operatorTokenCreatesAndControlsStudies() {
        String token = Tokens.bearer(Tokens.valid("olga", Roles.OPERATOR));
        String id = given().header(AUTH, token).contentType(ContentType.JSON)
                .body(Specs.study("by-token").budget(2).parallelism(1).json()).post("/studies")
                .then().statusCode(201).body("state", is("RUNNING")).extract().path("id");
        given().header(AUTH, token).get("/studies/" + id).then().statusCode(200);
        given().header(AUTH, token).post("/studies/" + id + "/pause").then().statusCode(200).body("state", is("PAUSED"));
        given().header(AUTH, token).contentType(ContentType.JSON).body("{\"mask\":\"baseline:full\"}")
                .post("/studies/" + id + "/trials").then().statusCode(201);
        given().header(AUTH, token).post("/studies/" + id + "/cancel").then().statusCode(200)
                .body("state", is("CANCELLED"));
    }

    @Test
    void viewerTokenReadsButCannotChange() {
        String id = createAsOperator("viewer-probe");
        String token = Tokens.bearer(Tokens.valid("vera", Roles.VIEWER));
        for (String path : List.of("/studies", "/studies/" + id, "/studies/" + id + "/trials",
                "/studies/" + id + "/report")) {
            given().header(AUTH, token).get(path).then().statusCode(200);
        }
        createIsRefused(given().header(AUTH, token), 403, "authorization");
        for (String action : List.of("pause", "cancel")) {
            given().header(AUTH, token).post("/studies/" + id + "/" + action).then().statusCode(403)
                    .body("errors[0].message", containsString("operator"));
        }
        given().header(AUTH, token).contentType(ContentType.JSON).body("{\"mask\":\"baseline:full\"}")
                .post("/studies/" + id + "/trials").then().statusCode(403);
        given().header(AUTH, token).get("/studies/" + id).then().body("state", is("RUNNING"))
                .body("searchTrials.QUEUED", nullValue());
        given().header(KEY, Credentials.operatorKey()).post("/studies/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void tokenWithoutARoleIsForbidden() {
        String token = Tokens.bearer(Tokens.valid("nobody", "staff"));
        given().header(AUTH, token).get("/studies").then().statusCode(403);
        createIsRefused(given().header(AUTH, token), 403, "authorization");
    }

    @Test
    void expiredForgedForeignAndGarbageTokensAre401() {
        for (String token : List.of(Tokens.expired("olga", Roles.OPERATOR),
                Tokens.signedByAnotherKey("mallory", Roles.OPERATOR),
                Tokens.fromAnotherIssuer("mallory", Roles.OPERATOR),
                "not.a.jwt", "eyJhbGciOiJub25lIn0.eyJ1cG4iOiJtIiwiZ3JvdXBzIjpbIm9wZXJhdG9yIl19.")) {
            createIsRefused(given().header(AUTH, Tokens.bearer(token)), 401, "authentication");
            given().header(AUTH, Tokens.bearer(token)).get("/studies").then().statusCode(401);
        }
    }

    @Test
    void apiKeys() {
        String id = given().header(KEY, Credentials.operatorKey()).contentType(ContentType.JSON)
                .body(Specs.study("by-key").budget(2).parallelism(1).json()).post("/studies")
                .then().statusCode(201).extract().path("id");
        given().header(KEY, Credentials.viewerKey()).get("/studies/" + id).then().statusCode(200);
        createIsRefused(given().header(KEY, Credentials.viewerKey()), 403, "authorization");
        given().header(KEY, Credentials.viewerKey()).post("/studies/" + id + "/pause").then().statusCode(403);
        for (String wrong : List.of("", "wrong-key", Credentials.operatorKey() + "x",
                Credentials.operatorKey().substring(1), Credentials.operatorKey().toUpperCase())) {
            createIsRefused(given().header(KEY, wrong), 401, "authentication");
        }
        // a wrong key is not rescued by a valid token: the key is checked and refused
        createIsRefused(given().header(KEY, "wrong-key")
                .header(AUTH, Tokens.bearer(Tokens.valid("olga", Roles.OPERATOR))), 401, "authentication");
        given().header(KEY, Credentials.operatorKey()).post("/studies/" + id + "/cancel").then().statusCode(200)
                .body("state", is("CANCELLED"));
    }

    @Test
    void probesMetricsAndOpenApiStayOpenAndHoldNoSecret() throws Exception {
        String password = ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics",
                "/q/openapi?format=json", "/q/openapi")) {
            all.append(given().get(path).then().statusCode(200).extract().asString());
        }
        String bodies = all.toString();
        for (String secret : List.of(Credentials.operatorKey(), Credentials.viewerKey(),
                Files.readString(Path.of("target/jwt-test-keys/private.pem"))
                        .split("\n")[1])) {
            assertFalse(bodies.contains(secret), "a secret leaked into /q");
        }
        // the embedded database's password is a common word, so look for it where a leak would put it
        assertFalse(bodies.matches("(?is).*(password|passwd|pwd)\\W{0,4}" + Pattern.quote(password) + ".*"),
                "the database password leaked into /q");
        assertFalse(bodies.contains("operator-api-key") || bodies.contains("viewer-api-key"),
                "configuration keys of secrets must not be listed");
        // no configuration dump or dev console outside dev mode
        for (String path : List.of("/q/dev-ui", "/q/dev", "/q/config", "/q/info", "/q/env")) {
            given().get(path).then().statusCode(404);
        }
        // nor into the application's log, after all the requests above and the other tests' refusals
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertFalse(log.isEmpty(), "the test log file is written");
        assertFalse(log.contains(Credentials.operatorKey()) || log.contains(Credentials.viewerKey()),
                "an API key was logged");
        assertFalse(log.matches("(?is).*(password|passwd|pwd)\\W{0,4}" + Pattern.quote(password) + ".*"),
                "the database password was logged");
        // the OpenAPI document tells clients how to authenticate
        given().get("/q/openapi?format=json").then().body("paths.'/studies'.post.responses.'401'", notNullValue());
    }
}
