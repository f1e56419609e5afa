package io.fairtune.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.events.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The optimizer's REST API as the CLI and the launcher use it. */
public final class OptimizerClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public OptimizerClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    /** Creates a study from a StudySpec JSON document; returns the created study. */
    public JsonNode createStudy(String specJson) {
        return send(request("/studies").POST(HttpRequest.BodyPublishers.ofString(specJson))
                .header("Content-Type", "application/json").build(), 201);
    }

    public JsonNode study(String id) {
        return send(request("/studies/" + id).GET().build(), 200);
    }

    public JsonNode trials(String id, int page, int size) {
        return send(request("/studies/" + id + "/trials?page=" + page + "&size=" + size).GET().build(), 200);
    }

    public JsonNode pause(String id) {
        return send(request("/studies/" + id + "/pause").POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
    }

    public JsonNode cancel(String id) {
        return send(request("/studies/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
    }

    public JsonNode report(String id) {
        return send(request("/studies/" + id + "/report").GET().build(), 200);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            b.header("X-API-Key", apiKey);
        }
        return b;
    }

    /**
     * What the optimizer's readiness check says is down, in words ("database unreachable", "broker
     * unreachable"); empty when it is ready.
     * @throws ApiException when the optimizer itself cannot be reached
     */
    public java.util.List<String> notReady() {
        HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(Duration.ofSeconds(10))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            return HealthChecks.downInWords(response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new ApiException(r.statusCode(), ErrorBodies.inWords(r.statusCode(), r.body()));
            }
            return EventCodec.mapper().readTree(r.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private ApiException unreachable(IOException e) {
        String why = e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ApiException(0, "cannot reach the optimizer at " + baseUrl + " (" + why + ")");
    }

    /** An HTTP error from the API, in words (the fields a 400 names), or the optimizer being unreachable (0). */
    public static final class ApiException extends RuntimeException {
        private final int status;

        public ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public boolean unreachable() {
            return status == 0;
        }
    }
}
