package io.fairtune.optimizer.security;

import io.fairtune.optimizer.api.ErrorBody;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Security refusals in the API's error format. Authentication is lazy (quarkus.http.auth.proactive=false), so
 * these exceptions reach the REST layer and a 401 can say how to authenticate, or how to configure authentication.
 */
public class SecurityErrorMappers {

    @Inject
    AuthModes modes;

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized(modes.unauthenticatedMessage());
    }

    @ServerExceptionMapper
    public Response refused(AuthenticationFailedException e) {
        return unauthorized("credentials refused (unknown API key, or a token that is expired, not yet valid, "
                + "not signed by a trusted key, or from another issuer or audience); "
                + modes.unauthenticatedMessage());
    }

    /** The OIDC provider (quarkus.oidc.auth-server-url) was not reachable to verify a token: not the client's fault. */
    @ServerExceptionMapper
    public Response providerUnavailable(OIDCException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of("authentication", "bearer tokens cannot be verified now: the OIDC provider "
                        + "(quarkus.oidc.auth-server-url) is not reachable; try again later"
                        + (modes.apiKeys() ? " or send header " + ApiKeyAuthenticationMechanism.HEADER : "")))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of("authorization", "your role does not allow this: reading needs '"
                        + Roles.VIEWER + "' or '" + Roles.OPERATOR + "', changing a study needs '" + Roles.OPERATOR + "'"))
                .build();
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", "Bearer, ApiKey header=\"" + ApiKeyAuthenticationMechanism.HEADER + "\"")
                .entity(ErrorBody.of("authentication", message)).build();
    }
}
