package org.whiteglove.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Platform;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bad input against every operation each service's OpenAPI document lists: no token and a bad token (401), every
 * role the operation does not allow (403), and for each operation with a body — with a role it allows —
 * malformed JSON, JSON of the wrong shape, every enum property with a value outside its enum (all 4xx, never
 * 2xx), and a body over the limit (413). Nothing may ever answer 5xx.
 */
final class ApiFuzz {

    static final List<String> ROLES = List.of("intake", "agent", "vip-admin", "manager", "ops");
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    private final Platform platform;
    private final Api api;
    private final List<String> violations = new ArrayList<>();
    private int requests;

    ApiFuzz(Platform platform) {
        this.platform = platform;
        this.api = platform.api();
    }

    record Outcome(int operations, int requests, List<String> violations) {
    }

    Outcome run() throws Exception {
        int operations = 0;
        for (String service : Platform.SERVICES) {
            JsonNode doc = Api.expect(200, api.send("GET", service, "/q/openapi?format=json", null, null, null)).json();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    operations++;
                    operation(service, op.getKey().toUpperCase(), path.getKey(), op.getValue(), doc);
                }
            }
        }
        return new Outcome(operations, requests, List.copyOf(violations));
    }

    private void operation(String service, String method, String template, JsonNode op, JsonNode doc) {
        String path = template.replaceAll("\\{[^}]+}", UNKNOWN_ID);
        Set<String> allowed = new TreeSet<>();
        op.path("security").forEach(s -> s.fields().forEachRemaining(e -> e.getValue().forEach(r -> allowed.add(r.asText()))));
        boolean streams = op.path("responses").toString().contains("text/event-stream");
        String contentType = op.path("requestBody").path("content").fieldNames().hasNext()
                ? op.path("requestBody").path("content").fieldNames().next() : null;
        String what = service + " " + method + " " + template;
        String someBody = contentType == null ? null : "{}";

        // Without credentials, or with a token signed by someone else: 401.
        expectStatus(what + " without a token", Set.of(401), send(service, method, path, null, contentType, someBody));
        expectStatus(what + " with a forged token", Set.of(401), api.send(method, service, path, null, contentType,
                someBody, "Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
        if (allowed.isEmpty()) {
            return;
        }
        for (String role : ROLES) {
            if (!allowed.contains(role)) {
                expectStatus(what + " as " + role, Set.of(403), send(service, method, path, role, contentType, someBody));
            }
        }
        String role = allowed.iterator().next();
        if (!streams && contentType == null) {
            noServerError(what + " as " + role, send(service, method, path, role, null, null));
        }
        if (contentType == null) {
            return;
        }
        if (contentType.contains("json")) {
            for (String bad : List.of("{\"unterminated", "[1, 2, 3]", "\"just a string\"", "42", "")) {
                expectClientError(what + " with body " + (bad.isEmpty() ? "(empty)" : bad), send(service, method, path, role, contentType, bad));
            }
            JsonNode schema = resolve(op.path("requestBody").path("content").path(contentType).path("schema"), doc);
            for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                Map.Entry<String, JsonNode> prop = props.next();
                JsonNode propSchema = resolve(prop.getValue(), doc);
                if (propSchema.has("enum")) {
                    expectClientError(what + " with " + prop.getKey() + " outside its enum",
                            send(service, method, path, role, contentType, "{\"" + prop.getKey() + "\": \"NOT_A_VALUE\"}"));
                }
            }
        }
        int over = contentType.contains("json") ? 2 : template.equals("/api/history") ? 65 : 11;
        expectStatus(what + " with " + over + " MiB", Set.of(413),
                send(service, method, path, role, contentType, "x".repeat(over * 1024 * 1024)));
    }

    private static JsonNode resolve(JsonNode schema, JsonNode doc) {
        JsonNode s = schema;
        for (int i = 0; i < 5 && s.has("$ref"); i++) {
            String ref = s.path("$ref").asText();
            s = doc.at(ref.substring(1));
        }
        if (s.has("allOf")) {
            for (JsonNode part : s.path("allOf")) {
                JsonNode r = resolve(part, doc);
                if (r.has("properties") || r.has("enum")) {
                    return r;
                }
            }
        }
        return s;
    }

    private Api.Answer send(String service, String method, String path, String role, String contentType, String body) {
        requests++;
        return api.send(method, service, path, role, body == null ? null : contentType, body);
    }

    private void expectStatus(String what, Set<Integer> expected, Api.Answer answer) {
        if (!expected.contains(answer.status())) {
            violations.add(what + ": " + answer.status() + " (expected " + expected + ")");
        } else {
            problemJson(what, answer);
        }
    }

    private void expectClientError(String what, Api.Answer answer) {
        if (answer.status() < 400 || answer.status() >= 500) {
            violations.add(what + ": " + answer.status() + " (expected 4xx) " + abbreviate(answer.body()));
        } else {
            problemJson(what, answer);
        }
    }

    private void noServerError(String what, Api.Answer answer) {
        if (answer.status() >= 500) {
            violations.add(what + ": " + answer.status() + " " + abbreviate(answer.body()));
        }
    }

    /** Every error answer is RFC 9457 problem+json without a stack trace. */
    private void problemJson(String what, Api.Answer answer) {
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            violations.add(what + ": " + answer.status() + " answered " + type + " instead of application/problem+json");
        } else if (answer.body().contains("\tat ") || answer.body().contains("Exception")) {
            violations.add(what + ": the answer shows internals: " + abbreviate(answer.body()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
