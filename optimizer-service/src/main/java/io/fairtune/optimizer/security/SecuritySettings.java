package io.fairtune.optimizer.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Static API keys for the single-machine default. An empty or absent key switches its mode off; with no key
 * and no OIDC bearer-token verification configured the API refuses every protected request (never open).
 */
@ConfigMapping(prefix = "fairtune.security")
public interface SecuritySettings {

    /** Sent as {@code X-API-Key}; grants {@link Roles#OPERATOR}. */
    Optional<String> operatorApiKey();

    /** Sent as {@code X-API-Key}; grants {@link Roles#VIEWER}. */
    Optional<String> viewerApiKey();
}
