package org.whiteglove.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP calls to the platform's services as a given role; answers parsed as JSON when they are JSON. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Platform platform;

    Api(Platform platform) {
        this.platform = platform;
    }

    public record Answer(int status, HttpResponse<String> response) {
        public String body() {
            return response.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + response.body(), e);
            }
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Answer get(String service, String path, String role) {
        return send("GET", service, path, role, null, null);
    }

    public Answer post(String service, String path, String role, Object json) {
        return send("POST", service, path, role, "application/json", json);
    }

    public Answer put(String service, String path, String role, Object json) {
        return send("PUT", service, path, role, "application/json", json);
    }

    public Answer patch(String service, String path, String role, Object json) {
        return send("PATCH", service, path, role, "application/merge-patch+json", json);
    }

    /** A request; {@code body} is sent as is when it is a String, else written as JSON; {@code role} null sends no token. */
    public Answer send(String method, String service, String path, String role, String contentType, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url(service) + path))
                    .timeout(Duration.ofSeconds(30));
            if (role != null) {
                request.header("Authorization", "Bearer " + platform.token(role));
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + service + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same call, failing unless it answers {@code expected}. */
    public static Answer expect(int expected, Answer answer) {
        if (answer.status() != expected) {
            throw new AssertionError("expected " + expected + " but got " + answer.status() + " for "
                    + answer.response().request().method() + " " + answer.response().uri() + ": " + answer.body());
        }
        return answer;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
