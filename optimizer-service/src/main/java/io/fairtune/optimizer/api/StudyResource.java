package io.fairtune.optimizer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.FieldError;
import io.fairtune.model.study.InvalidStudySpecException;
import io.fairtune.model.study.StudyAdmissionCheck;
import io.fairtune.optimizer.domain.Ranking;
import io.fairtune.optimizer.domain.Studies;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.StudyCommands;
import io.fairtune.optimizer.domain.StudyConflictException;
import io.fairtune.optimizer.domain.StudyNotFoundException;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.domain.Trials;
import io.fairtune.optimizer.report.ReportBuilder;
import io.fairtune.optimizer.report.StudyReport;
import io.fairtune.optimizer.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "studies", description = "FairTune studies: search, final phase, report")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "no or refused credentials (X-API-Key or Bearer JWT)")
@APIResponse(responseCode = "403", description = "the role does not allow the operation")
public class StudyResource {

    private static final int MAX_PAGE_SIZE = 500;

    @Inject
    StudyCommands commands;

    @Inject
    Studies studies;

    @Inject
    Trials trials;

    @Inject
    StudyAdmission admission;

    @Inject
    ObjectMapper objectMapper;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a study from a StudySpec and start proposing trials")
    @RequestBody(description = "a StudySpec as JSON; unknown fields are refused")
    @APIResponse(responseCode = "201", description = "the study, RUNNING")
    @APIResponse(responseCode = "400", description = "{\"errors\":[{\"field\",\"message\"}]} naming every bad field")
    public Response create(String body) {
        StudyAdmissionCheck.Admitted admitted = admission.admit(body);
        Study study = commands.create(admitted.spec(), admitted.dataset());
        StudyView view = read(() -> view(studies.require(study.id)));
        return Response.created(URI.create("/studies/" + study.id)).entity(view).build();
    }

    @GET
    @Operation(summary = "List studies, newest first")
    public List<StudyView> list() {
        return read(() -> studies.newestFirst().stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A study with its progress and best objective")
    @APIResponse(responseCode = "404", description = "unknown study")
    public StudyView get(@PathParam("id") String id) {
        return read(() -> view(studies.require(id)));
    }

    @GET
    @Path("/{id}/trials")
    @Operation(summary = "Trials of a study by number, paged (page from 0)")
    public TrialPage trials(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
                            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("page must be >= 0 and size in [1, " + MAX_PAGE_SIZE + "]");
        }
        return read(() -> {
            studies.require(id);
            List<TrialView> items = trials.page(id, page, size).stream().map(TrialView::of).toList();
            return new TrialPage(page, size, trials.countInStudy(id), items);
        });
    }

    @GET
    @Path("/{id}/best")
    @Operation(summary = "The best search trial of a single-objective study")
    @APIResponse(responseCode = "404", description = "unknown study, or no trial with a defined objective yet")
    @APIResponse(responseCode = "409", description = "a two-objective study: use /pareto")
    public TrialView best(@PathParam("id") String id) {
        return read(() -> {
            Study s = studies.require(id);
            if (s.spec().multiObjective()) {
                throw new StudyConflictException("study " + id + " has two objectives: GET /studies/" + id + "/pareto");
            }
            Trial best = Ranking.best(s.spec(), trials.ofStudy(id, TrialPhase.SEARCH));
            if (best == null) {
                throw StudyNotFoundException.noBestTrialYet(id);
            }
            return TrialView.of(best);
        });
    }

    @GET
    @Path("/{id}/pareto")
    @Operation(summary = "The Pareto front of a two-objective study (non-dominated completed search trials)")
    @APIResponse(responseCode = "409", description = "a single-objective study: use /best")
    public List<TrialView> pareto(@PathParam("id") String id) {
        return read(() -> {
            Study s = studies.require(id);
            if (!s.spec().multiObjective()) {
                throw new StudyConflictException("study " + id + " has one objective: GET /studies/" + id + "/best");
            }
            return Ranking.paretoFront(s.spec(), trials.ofStudy(id, TrialPhase.SEARCH)).stream().map(TrialView::of)
                    .toList();
        });
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/pause")
    @Operation(summary = "Stop proposing; trials in flight still count")
    public StudyView pause(@PathParam("id") String id) {
        commands.pause(id);
        return get(id);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/resume")
    @Operation(summary = "Resume proposing")
    public StudyView resume(@PathParam("id") String id) {
        commands.resume(id);
        return get(id);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel: trials in flight are told to stop and marked FAILED")
    public StudyView cancel(@PathParam("id") String id) {
        commands.cancel(id);
        return get(id);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/trials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enqueue a fixed mask (warm start, baseline); it takes the next free slot and counts "
            + "toward the budget, and may repeat a mask")
    @APIResponse(responseCode = "201", description = "the queued trial")
    @APIResponse(responseCode = "409", description = "the study no longer searches, or its budget is planned out")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnqueueRequest.class)))
    public Response enqueue(@PathParam("id") String id, String body) {
        EnqueueRequest request = readEnqueue(body);
        double lr = admission.checkEnqueue(read(() -> studies.require(id).spec()), request);
        Trial t = commands.enqueue(id, request.mask(), lr);
        TrialView view = read(() -> TrialView.of(trials.findById(t.id)));
        return Response.created(URI.create("/studies/" + id + "/trials/" + t.id)).entity(view).build();
    }

    @GET
    @Path("/{id}/report")
    @Operation(summary = "Final-phase report: best mask and searched lr; per arm, mean ± 95% CI over seeds of "
            + "the test metrics; complete=false until the study COMPLETED")
    public StudyReport report(@PathParam("id") String id) {
        return read(() -> ReportBuilder.build(studies.require(id), trials.ofStudy(id)));
    }

    /** Read here rather than by the framework, so a body that is not JSON gets the API's error format. */
    private EnqueueRequest readEnqueue(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return objectMapper.readValue(body, EnqueueRequest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidStudySpecException(List.of(new FieldError("(body)",
                    "not a valid enqueue request: " + e.getOriginalMessage())));
        }
    }

    private StudyView view(Study s) {
        return StudyView.of(s, trials.countByState(s.id, TrialPhase.SEARCH),
                trials.countByState(s.id, TrialPhase.REEVAL), trials.countByState(s.id, TrialPhase.FINAL),
                Ranking.bestFirstObjective(s.spec(), trials.ofStudy(s.id, TrialPhase.SEARCH)));
    }

    private static <T> T read(Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }
}
