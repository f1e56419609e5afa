package io.fairtune.optimizer.api;

import io.fairtune.model.study.InvalidStudySpecException;
import io.fairtune.optimizer.domain.StudyConflictException;
import io.fairtune.optimizer.domain.StudyNotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps domain exceptions to 400 / 404 / 409 with the common error body. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidStudySpecException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody(e.errors()));
    }

    @ServerExceptionMapper
    public Response notFound(StudyNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ErrorBody.of("id", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(StudyConflictException e) {
        return json(Response.Status.CONFLICT, ErrorBody.of("state", e.getMessage()));
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
