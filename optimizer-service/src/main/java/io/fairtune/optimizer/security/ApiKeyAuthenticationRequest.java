package io.fairtune.optimizer.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The raw value of an {@code X-API-Key} header, to be checked by {@link ApiKeyIdentityProvider}. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        // never let the key itself reach a log line
        return "ApiKeyAuthenticationRequest[***]";
    }
}
