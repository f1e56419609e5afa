package io.fairtune.optimizer.security;

/**
 * The two roles of the REST API. A bearer token carries them in its {@code groups} claim (the claim
 * quarkus.oidc.roles.role-claim-path names); an API key maps to one of them.
 * An operator may do everything a viewer may, so read endpoints allow both.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
