package io.fairtune.optimizer.ui;

import io.fairtune.model.api.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A bad dashboard parameter gets the REST API's error body: {"errors":[{"field","message"}]}. */
public class DashboardErrorMapper {

    @ServerExceptionMapper
    public Response badQuery(BadQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(e.field(), e.getMessage())).build();
    }
}
