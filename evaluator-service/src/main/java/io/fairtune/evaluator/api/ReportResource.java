package io.fairtune.evaluator.api;

import io.fairtune.evaluator.domain.ReportNotFoundException;
import io.fairtune.evaluator.domain.Reports;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "metric reports of evaluated trial attempts")
public class ReportResource {

    @Inject
    Reports reports;

    @GET
    @Path("/{trialId}")
    @Operation(summary = "The report of the trial's latest evaluated attempt")
    @APIResponse(responseCode = "200", description = "the report")
    @APIResponse(responseCode = "404", description = "no attempt of this trial was evaluated")
    public ReportView latest(@PathParam("trialId") String trialId) {
        return reports.findLatest(trialId).map(ReportView::of)
                .orElseThrow(() -> new ReportNotFoundException(trialId, null));
    }

    @GET
    @Path("/{trialId}/{attempt}")
    @Operation(summary = "The report of one attempt of a trial")
    @APIResponse(responseCode = "200", description = "the report")
    @APIResponse(responseCode = "404", description = "this attempt was not evaluated")
    public ReportView attempt(@PathParam("trialId") String trialId, @PathParam("attempt") int attempt) {
        return reports.findAttempt(trialId, attempt).map(ReportView::of)
                .orElseThrow(() -> new ReportNotFoundException(trialId, attempt));
    }
}
