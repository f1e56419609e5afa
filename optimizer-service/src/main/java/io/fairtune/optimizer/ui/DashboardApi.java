package io.fairtune.optimizer.ui;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.domain.Studies;
import io.fairtune.optimizer.domain.Trials;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.report.ReportBuilder;
import io.fairtune.optimizer.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only JSON the dashboard needs beyond the REST API (which it also calls): every trial compactly, one trial's
 * per-group metrics, per-bit effects, and the exports. Same roles as reading {@code /studies}.
 */
@Path("/ui/api/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard", description = "read-only views for the study dashboard (/ui)")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "no or refused credentials (X-API-Key or Bearer JWT)")
@APIResponse(responseCode = "404", description = "unknown study or trial")
public class DashboardApi {

    private final Studies studies;
    private final Trials trials;

    public DashboardApi(Studies studies, Trials trials) {
        this.studies = studies;
        this.trials = trials;
    }

    @GET
    @Path("/{id}/trials")
    @Operation(summary = "Every trial of a study, compact (state, mask, lr, objectives, key fairness metrics, "
            + "intermediate values), with the name of each mask bit, the per-bit effects on each objective and the "
            + "final-phase arms (as in /studies/{id}/report)")
    public TrialTable allTrials(@PathParam("id") String id) {
        return read(() -> {
            Study study = studies.require(id);
            List<Trial> all = trials.readOnly(id);
            List<BitEffects> effects = new ArrayList<>();
            for (int i = 0; i < study.spec().objectives().size(); i++) {
                effects.add(BitEffects.of(study.spec(), all, i));
            }
            boolean finalPhase = all.stream().anyMatch(t -> t.phase == TrialPhase.FINAL);
            return TrialTable.of(study, all, effects,
                    finalPhase ? ReportBuilder.build(study, all).arms() : List.of());
        });
    }

    @GET
    @Path("/{id}/trials/{number}")
    @Operation(summary = "One trial by number with per-group AUC, TPR and FPR and their 95% intervals")
    @APIResponse(responseCode = "400", description = "number is not a non-negative integer")
    public TrialDetail trialDetail(@PathParam("id") String id, @PathParam("number") String number) {
        int n = nonNegativeInt("number", number);
        return read(() -> {
            Study study = studies.require(id);
            Trial t = trials.byNumber(id, n);
            if (t == null) {
                throw new jakarta.ws.rs.NotFoundException("study " + id + " has no trial number " + n);
            }
            return TrialDetail.of(study.spec().sensitiveAttribute(), t);
        });
    }

    @GET
    @Path("/{id}/bit-effects")
    @Operation(summary = "Per mask bit: mean objective with the bit on minus off over completed search trials, "
            + "with a 95% Welch interval")
    @APIResponse(responseCode = "400", description = "objective is not one of the study's objectives")
    public BitEffects bitEffects(@PathParam("id") String id, @QueryParam("objective") String objective) {
        return read(() -> {
            Study study = studies.require(id);
            return BitEffects.of(study.spec(), trials.ofStudy(id, TrialPhase.SEARCH),
                    objectiveIndex(study.spec(), objective));
        });
    }

    @GET
    @Path("/{id}/export/trials")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "The trial table as CSV or JSON (columns: Overall AUC, Worst-group AUC, AUC gap, EqOdd, …)")
    @APIResponse(responseCode = "400", description = "format is not csv or json")
    public Response exportTrials(@PathParam("id") String id, @QueryParam("format") String format) {
        Format f = Format.parse(format);
        return read(() -> {
            Study study = studies.require(id);
            return f.respond(Exports.trials(study.spec(), trials.ofStudy(id)), study, "trials");
        });
    }

    @GET
    @Path("/{id}/export/final")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "The final-phase table (each arm per seed on test, then mean and 95% CI) as CSV or JSON")
    @APIResponse(responseCode = "400", description = "format is not csv or json")
    public Response exportFinal(@PathParam("id") String id, @QueryParam("format") String format) {
        Format f = Format.parse(format);
        return read(() -> {
            Study study = studies.require(id);
            return f.respond(Exports.finalPhase(trials.ofStudy(id, TrialPhase.FINAL),
                    ReportBuilder.build(study, trials.ofStudy(id))), study, "final");
        });
    }

    private static int objectiveIndex(StudySpec spec, String objective) {
        if (objective == null || objective.isEmpty()) {
            return 0;
        }
        int index = spec.objectives().indexOf(objective);
        if (index < 0) {
            throw new BadQueryException("objective", "objective must be one of the study's objectives "
                    + spec.objectives() + ", got '" + abbreviate(objective) + "'");
        }
        return index;
    }

    private static int nonNegativeInt(String field, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadQueryException(field, field + " must be a non-negative integer, got '" + abbreviate(value) + "'");
    }

    /** Echo at most a little of what the client sent. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static <T> T read(Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }

    /** Export formats; the file name is the study's name, made safe for a Content-Disposition header. */
    enum Format {
        CSV, JSON;

        static Format parse(String format) {
            if (format == null || format.isEmpty() || format.equals("csv")) {
                return CSV;
            }
            if (format.equals("json")) {
                return JSON;
            }
            throw new BadQueryException("format", "format must be csv or json, got '" + abbreviate(format) + "'");
        }

        Response respond(ExportTable table, Study study, String what) {
            String file = study.name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + what + "." + name().toLowerCase(
                    java.util.Locale.ROOT);
            Response.ResponseBuilder r = this == CSV
                    ? Response.ok(table.toCsv(), "text/csv; charset=UTF-8")
                    : Response.ok(table.toJson(), MediaType.APPLICATION_JSON);
            return r.header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
        }
    }
}
