package io.fairtune.evaluator.api;

import io.fairtune.evaluator.domain.ReportNotFoundException;
import io.fairtune.model.api.ErrorBody;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the reports API in the body all FairTune services use: {"errors":[{"field","message"}]}. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response notFound(ReportNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ErrorBody.of("trialId", e.getMessage()));
    }

    /** An unknown path, or an attempt that is not a number. */
    @ServerExceptionMapper
    public Response noSuchResource(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, ErrorBody.of("(path)", "no such resource"));
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
