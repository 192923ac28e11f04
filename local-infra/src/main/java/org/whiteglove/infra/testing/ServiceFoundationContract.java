package org.whiteglove.infra.testing;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Roles;
import org.whiteglove.infra.security.LocalJwt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service must do before it does anything of its own: be ready only with its database and
 * Kafka, expose metrics and OpenAPI, refuse callers without valid credentials (401) or the right role
 * (403) in problem+json, and accept API keys. Each service runs it as a {@code @QuarkusTest} subclass
 * with the Kafka, PostgreSQL and JWT test resources.
 */
public abstract class ServiceFoundationContract {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void ready_only_with_database_and_kafka() throws InterruptedException {
        // Consumers join their groups and services load their state after start: readiness may take a moment.
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().when().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void metrics_and_openapi_need_no_caller() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/api-keys"));
    }

    @Test
    void no_credentials_or_a_forged_token_is_401_problem_json() throws Exception {
        unauthenticated(given().when().get("/api/api-keys").then());
        unauthenticated(given().header("Authorization", "Bearer not-a-jwt").when().get("/api/api-keys").then());

        Path otherKeys = Files.createTempDirectory("forger");
        String forged = LocalJwt.loadOrCreate(otherKeys).token(Roles.OPS, "mallory", Duration.ofMinutes(5));
        unauthenticated(given().header("Authorization", "Bearer " + forged).when().get("/api/api-keys").then());
        unauthenticated(given().header("X-Api-Key", "wg_unknown").when().get("/api/api-keys").then());
    }

    @Test
    void the_wrong_role_is_403_problem_json() {
        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).when().get("/api/api-keys").then()
                .statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(403))
                .body("type", startsWith("https://"));
    }

    @Test
    void invalid_input_is_400_naming_the_field() {
        given().header("Authorization", TestTokens.bearer(Roles.OPS)).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"roles\":[\"manager\"]}")
                .when().post("/api/api-keys").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("roles"));
        given().header("Authorization", TestTokens.bearer(Roles.OPS)).contentType(ContentType.JSON)
                .body("{\"name\": 12, \"roles\": ")
                .when().post("/api/api-keys").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void an_issued_api_key_works_until_revoked_and_is_stored_only_as_a_hash() {
        var issued = given().header("Authorization", TestTokens.bearer(Roles.OPS)).contentType(ContentType.JSON)
                .body("{\"name\":\"acd-gateway\",\"roles\":[\"ops\"]}")
                .when().post("/api/api-keys").then()
                .statusCode(201)
                .header("Location", containsString("/api/api-keys/"))
                .body("key", startsWith("wg_"))
                .extract();
        String key = issued.path("key");
        String id = issued.path("id");

        given().header("X-Api-Key", key).when().get("/api/api-keys").then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo("acd-gateway"))
                .body(not(containsString(key)));

        given().header("X-Api-Key", key).when().delete("/api/api-keys/" + id).then().statusCode(204);
        unauthenticated(given().header("X-Api-Key", key).when().get("/api/api-keys").then());
        given().header("Authorization", TestTokens.bearer(Roles.OPS)).when().delete("/api/api-keys/" + id).then()
                .statusCode(404).contentType(PROBLEM_JSON);
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }
}
