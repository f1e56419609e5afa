package io.fairtune.optimizer.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.fairtune.optimizer.config.OptimizerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Maps a configured API key to its role; any other key (or a key of a mode that is off) is refused. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    OptimizerSettings settings;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String role = matches(settings.security().operatorApiKey(), request.key()) ? Roles.OPERATOR
                : matches(settings.security().viewerApiKey(), request.key()) ? Roles.VIEWER : null;
        if (role == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the X-API-Key is not a configured key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key:" + role))
                .addRole(role)
                .build());
    }

    /** Constant-time, so response timing does not reveal how much of a key was right. */
    private static boolean matches(Optional<String> configured, String offered) {
        if (configured.isEmpty() || configured.get().isBlank() || offered == null) {
            return false;
        }
        return MessageDigest.isEqual(configured.get().getBytes(StandardCharsets.UTF_8),
                offered.getBytes(StandardCharsets.UTF_8));
    }
}
