package io.fairtune.optimizer.api;

import io.fairtune.model.api.ErrorBody;
import io.fairtune.model.messaging.PublishFailedException;
import io.fairtune.model.messaging.RetryLater;
import io.fairtune.model.messaging.Transience;
import io.fairtune.model.study.InvalidStudySpecException;
import io.fairtune.optimizer.domain.StudyConflictException;
import io.fairtune.optimizer.domain.StudyNotFoundException;
import io.fairtune.optimizer.security.ApiKeyAuthenticationMechanism;
import io.fairtune.optimizer.security.AuthModes;
import io.fairtune.optimizer.security.Roles;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal of the API in its one error body, {"errors":[{"field","message"}]}: invalid input 400, unknown
 * study 404, a state that forbids the operation 409, and the security refusals. Authentication is lazy
 * (quarkus.http.auth.proactive=false), so those reach this layer and a 401 can say how to authenticate, or how
 * to configure authentication.
 */
public class ErrorMappers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ErrorMappers.class);

    @Inject
    AuthModes modes;

    @ServerExceptionMapper
    public Response invalid(InvalidStudySpecException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody(e.errors()));
    }

    /**
     * An unknown study (or no best trial yet), an unknown path: 404; a state that forbids the operation: 409; a
     * query parameter out of range: 400.
     */
    @ServerExceptionMapper({StudyNotFoundException.class, NotFoundException.class, StudyConflictException.class,
            BadRequestException.class})
    public Response refusedRequest(RuntimeException e) {
        if (e instanceof StudyConflictException) {
            return json(Response.Status.CONFLICT, ErrorBody.of("state", e.getMessage()));
        }
        if (e instanceof BadRequestException) {
            return json(Response.Status.BAD_REQUEST, ErrorBody.of("(query)", e.getMessage()));
        }
        return json(Response.Status.NOT_FOUND, ErrorBody.of("id", e.getMessage()));
    }

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
        return json(Response.Status.SERVICE_UNAVAILABLE, ErrorBody.of("authentication", "bearer tokens cannot be "
                + "verified now: the OIDC provider (quarkus.oidc.auth-server-url) is not reachable; try again later"
                + (modes.apiKeys() ? " or send header " + ApiKeyAuthenticationMechanism.HEADER : "")));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(Response.Status.FORBIDDEN, ErrorBody.of("authorization", "your role does not allow this: "
                + "reading needs '" + Roles.VIEWER + "' or '" + Roles.OPERATOR + "', changing a study needs '"
                + Roles.OPERATOR + "'"));
    }

    /**
     * The database or the broker out of reach is an outage the optimizer rides out, not the client's fault: 503
     * with what is wrong in words, so a client retries. Anything else here is a server fault: 500 with no internals.
     */
    @ServerExceptionMapper({RetryLater.class, PublishFailedException.class, PersistenceException.class,
            QuarkusTransactionException.class})
    public Response unavailable(RuntimeException e) {
        if (!Transience.isTransient(e)) {
            LOG.error("request failed", e);
            return json(Response.Status.INTERNAL_SERVER_ERROR, ErrorBody.of("(server)",
                    "the optimizer failed to handle this request; its log says why"));
        }
        String what = e instanceof PublishFailedException || e.getCause() instanceof PublishFailedException
                ? "the broker is unreachable" : "the database is unreachable";
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", "5")
                .entity(ErrorBody.of("(service)", what + " (" + Transience.rootMessage(e) + "); try again shortly"))
                .build();
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", "Bearer, ApiKey header=\"" + ApiKeyAuthenticationMechanism.HEADER + "\"")
                .entity(ErrorBody.of("authentication", message)).build();
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
