package io.fairtune.launcher.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person reads when the optimizer refuses a request or is not ready. */
class ErrorWordsTest {

    @Test
    void fieldErrorsBecomeOneLine() {
        assertEquals("trialBudget: must be at least 1; innerLoop.epochs: must be at most 200",
                ErrorBodies.inWords(400, "{\"errors\":[{\"field\":\"trialBudget\",\"message\":\"must be at least 1\"},"
                        + "{\"field\":\"innerLoop.epochs\",\"message\":\"must be at most 200\"}]}"));
    }

    @Test
    void aServerErrorSaysWhereToLookInsteadOfShowingJson() {
        assertEquals("the optimizer failed to answer (HTTP 500); its log has the details under "
                        + "'Error id 1f0c-7, org.hibernate.exception.JDBCConnectionException'",
                ErrorBodies.inWords(500, "{\"details\":\"Error id 1f0c-7, "
                        + "org.hibernate.exception.JDBCConnectionException\",\"stack\":\"\"}"));
        assertEquals("the optimizer failed to answer (HTTP 503)", ErrorBodies.inWords(503, "<html>busy</html>"));
    }

    @Test
    void readinessChecksThatAreDownAreNamedAsAnOperatorWould() {
        String body = """
                {"status":"DOWN","checks":[
                  {"name":"Database connections health check","status":"DOWN","data":{"<default>":"Unable to execute"}},
                  {"name":"SmallRye Reactive Messaging - readiness check","status":"DOWN","data":{}},
                  {"name":"Kafka connection health check","status":"DOWN"},
                  {"name":"optimizer lock","status":"UP"}]}""";
        assertEquals(List.of("database unreachable", "broker unreachable"), HealthChecks.downInWords(body));
        assertEquals(List.of(), HealthChecks.downInWords("{\"status\":\"UP\",\"checks\":[]}"));
    }
}
