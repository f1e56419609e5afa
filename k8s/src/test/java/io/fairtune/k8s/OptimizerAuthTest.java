package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the optimizer's REST API authentication reaches the pod: API keys from a Secret, OIDC bearer tokens as the
 * QUARKUS_OIDC_* variables quarkus-oidc reads (the tenant is off in the image until QUARKUS_OIDC_TENANT_ENABLED).
 */
class OptimizerAuthTest {

    private static Map<String, JsonNode> optimizerEnv(ValueSet values) {
        return RenderedChart.env(ChartRenderer.render(values).container("optimizer"));
    }

    private static List<String> oidcVariables(Map<String, JsonNode> env) {
        return env.keySet().stream().filter(name -> name.startsWith("QUARKUS_OIDC_")).toList();
    }

    /** The TCP ports the optimizer's NetworkPolicy lets it reach. */
    private static List<Integer> egressPorts(RenderedChart chart) {
        List<Integer> ports = new ArrayList<>();
        chart.component("NetworkPolicy", "optimizer").at("/spec/egress")
                .forEach(rule -> rule.path("ports").forEach(p -> ports.add(p.path("port").asInt())));
        return ports;
    }

    @Test
    void byDefaultNeitherApiKeysNorOidcAreConfigured() {
        Map<String, JsonNode> env = optimizerEnv(ValueSets.defaults());
        assertEquals(List.of(), oidcVariables(env), "OIDC stays off (the image's default) unless configured");
        assertFalse(env.containsKey("FAIRTUNE_SECURITY_OPERATOR_API_KEY"));
        assertFalse(env.containsKey("FAIRTUNE_SECURITY_VIEWER_API_KEY"));
    }

    @Test
    void authServerUrlEnablesTheTenantWithTheProvider() {
        RenderedChart chart = ChartRenderer.render(ValueSets.oidcExample());
        Map<String, JsonNode> env = RenderedChart.env(chart.container("optimizer"));
        assertEquals("true", env.get("QUARKUS_OIDC_TENANT_ENABLED").path("value").asText());
        assertEquals("https://keycloak.example.com:8443/realms/fairtune",
                env.get("QUARKUS_OIDC_AUTH_SERVER_URL").path("value").asText());
        assertEquals("fairtune-optimizer", env.get("QUARKUS_OIDC_TOKEN_AUDIENCE").path("value").asText());
        assertFalse(env.containsKey("QUARKUS_OIDC_PUBLIC_KEY"));
        assertFalse(env.containsKey("QUARKUS_OIDC_TOKEN_ISSUER"), "the provider's discovery document names the issuer");
        // API keys keep working beside the tokens
        assertEquals("fairtune-api-keys",
                env.get("FAIRTUNE_SECURITY_OPERATOR_API_KEY").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("viewer-api-key",
                env.get("FAIRTUNE_SECURITY_VIEWER_API_KEY").at("/valueFrom/secretKeyRef/key").asText());
        // with egress locked down the optimizer may still reach the provider's port (discovery, JWKS)
        assertTrue(egressPorts(chart).contains(8443), () -> "egress ports " + egressPorts(chart));
        assertFalse(egressPorts(ChartRenderer.render(ValueSets.oidcPublicKey())).contains(443),
                "local verification contacts no provider");
    }

    @Test
    void providerPortDefaultsFromTheScheme() {
        RenderedChart chart = ChartRenderer.render(ValueSets.defaults().named("oidc-https-default-port")
                .with("optimizer.auth.oidc.authServerUrl", "https://login.example.com/realms/fairtune")
                .with("networkPolicy.allowExternalEgress", false));
        assertTrue(egressPorts(chart).contains(443), () -> "egress ports " + egressPorts(chart));
        assertEquals("https://login.example.com/realms/fairtune", RenderedChart.env(chart.container("optimizer"))
                .get("QUARKUS_OIDC_AUTH_SERVER_URL").path("value").asText());
    }

    @Test
    void publicKeyEnablesLocalVerification() {
        Map<String, JsonNode> env = optimizerEnv(ValueSets.oidcPublicKey());
        assertEquals("true", env.get("QUARKUS_OIDC_TENANT_ENABLED").path("value").asText());
        assertEquals(ValueSets.OIDC_PUBLIC_KEY, env.get("QUARKUS_OIDC_PUBLIC_KEY").path("value").asText(),
                "the PEM arrives intact, line breaks included");
        assertEquals(ValueSets.OIDC_ISSUER, env.get("QUARKUS_OIDC_TOKEN_ISSUER").path("value").asText());
        assertFalse(env.containsKey("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertFalse(env.containsKey("QUARKUS_OIDC_TOKEN_AUDIENCE"), "no audience configured, none checked");
    }

    @Test
    void noOtherComponentGetsOidcSettings() {
        RenderedChart chart = ChartRenderer.render(ValueSets.oidcExample());
        for (String svc : List.of("trainer", "evaluator")) {
            assertEquals(List.of(), oidcVariables(RenderedChart.env(chart.container(svc))), svc);
        }
    }
}
