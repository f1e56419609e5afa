package io.fairtune.optimizer.security;

import io.quarkus.runtime.StartupEvent;
import io.fairtune.optimizer.config.OptimizerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Which authentication modes this deployment configured, and how to tell a refused client what to send. */
@ApplicationScoped
public class AuthModes {

    private static final Logger LOG = Logger.getLogger(AuthModes.class);

    static final String HOW_TO_CONFIGURE = "set fairtune.security.operator-api-key and/or fairtune.security.viewer-api-key "
            + "(env FAIRTUNE_SECURITY_OPERATOR_API_KEY, FAIRTUNE_SECURITY_VIEWER_API_KEY) and send it as header "
            + ApiKeyAuthenticationMechanism.HEADER + ", or set quarkus.oidc.tenant-enabled=true with either "
            + "quarkus.oidc.auth-server-url (your OIDC provider) or quarkus.oidc.public-key and "
            + "quarkus.oidc.token.issuer "
            + "(env QUARKUS_OIDC_TENANT_ENABLED, QUARKUS_OIDC_AUTH_SERVER_URL, QUARKUS_OIDC_PUBLIC_KEY, "
            + "QUARKUS_OIDC_TOKEN_ISSUER) and send 'Authorization: Bearer <JWT>' whose groups claim holds "
            + Roles.VIEWER + " or " + Roles.OPERATOR;

    @Inject
    OptimizerSettings settings;

    /** false in application.properties: bearer tokens are off until a deployment turns them on. */
    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
    boolean oidcEnabled;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> oidcServerUrl;

    @ConfigProperty(name = "quarkus.oidc.public-key")
    Optional<String> oidcPublicKey;

    @ConfigProperty(name = "quarkus.oidc.roles.role-claim-path")
    Optional<List<String>> roleClaimPath;

    void logModes(@Observes StartupEvent started) {
        if (!oidcEnabled && (configured(oidcServerUrl) || configured(oidcPublicKey))) {
            LOG.warn("quarkus.oidc.auth-server-url or quarkus.oidc.public-key is set but quarkus.oidc.tenant-enabled "
                    + "is false: bearer tokens are refused (set QUARKUS_OIDC_TENANT_ENABLED=true to accept them)");
        }
        List<String> modes = new ArrayList<>();
        if (apiKeys()) {
            modes.add("API keys (header " + ApiKeyAuthenticationMechanism.HEADER + ")");
        }
        if (oidc()) {
            modes.add("bearer tokens (OIDC, " + (configured(oidcServerUrl) ? "provider " + oidcServerUrl.get()
                    : "local public key") + ")");
        }
        LOG.infof("REST API authentication: %s", modes.isEmpty() ? "none configured, /studies refuses every request"
                : String.join(" and ", modes));
    }

    public boolean apiKeys() {
        return configured(settings.security().operatorApiKey()) || configured(settings.security().viewerApiKey());
    }

    /** The default OIDC tenant is on and has a way to verify tokens (a provider, or a local public key). */
    public boolean oidc() {
        return oidcEnabled && (configured(oidcServerUrl) || configured(oidcPublicKey));
    }

    /** The sentence a 401 carries. */
    public String unauthenticatedMessage() {
        if (!apiKeys() && !oidc()) {
            return "authentication is required and none is configured, so the API stays closed: " + HOW_TO_CONFIGURE;
        }
        List<String> accepted = new ArrayList<>();
        if (apiKeys()) {
            accepted.add("header " + ApiKeyAuthenticationMechanism.HEADER + ": <key>");
        }
        if (oidc()) {
            accepted.add("header 'Authorization: Bearer <JWT>' (" + roleClaims() + " claim: " + Roles.VIEWER + " or "
                    + Roles.OPERATOR + ")");
        }
        return "authentication required: send " + String.join(" or ", accepted);
    }

    private String roleClaims() {
        return roleClaimPath.filter(paths -> !paths.isEmpty()).map(paths -> String.join(", ", paths)).orElse("groups");
    }

    private static boolean configured(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }
}
