package io.fairtune.optimizer.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which authentication modes this deployment configured, and how to tell a refused client what to send. */
@ApplicationScoped
public class AuthModes {

    static final String HOW_TO_CONFIGURE = "set fairtune.security.operator-api-key and/or fairtune.security.viewer-api-key "
            + "(env FAIRTUNE_SECURITY_OPERATOR_API_KEY, FAIRTUNE_SECURITY_VIEWER_API_KEY) and send it as header "
            + ApiKeyAuthenticationMechanism.HEADER + ", or set mp.jwt.verify.publickey.location "
            + "(env MP_JWT_VERIFY_PUBLICKEY_LOCATION) and send 'Authorization: Bearer <JWT>' whose groups claim holds "
            + Roles.VIEWER + " or " + Roles.OPERATOR;

    @Inject
    SecuritySettings settings;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwtKeyLocation;

    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> jwtKey;

    public boolean apiKeys() {
        return configured(settings.operatorApiKey()) || configured(settings.viewerApiKey());
    }

    public boolean jwt() {
        return configured(jwtKeyLocation) || configured(jwtKey);
    }

    /** The sentence a 401 carries. */
    public String unauthenticatedMessage() {
        if (!apiKeys() && !jwt()) {
            return "authentication is required and none is configured, so the API stays closed: " + HOW_TO_CONFIGURE;
        }
        List<String> accepted = new ArrayList<>();
        if (apiKeys()) {
            accepted.add("header " + ApiKeyAuthenticationMechanism.HEADER + ": <key>");
        }
        if (jwt()) {
            accepted.add("header 'Authorization: Bearer <JWT>' (groups claim: " + Roles.VIEWER + " or "
                    + Roles.OPERATOR + ")");
        }
        return "authentication required: send " + String.join(" or ", accepted);
    }

    /** "NONE" is how smallrye-jwt's dev/test service marks a key it left unset. */
    private static boolean configured(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank() && !value.get().equals("NONE");
    }
}
