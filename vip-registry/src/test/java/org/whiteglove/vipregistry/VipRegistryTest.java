package org.whiteglove.vipregistry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.ContactKey;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.Topics;
import org.whiteglove.events.VipRemoved;
import org.whiteglove.events.VipUpserted;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.infra.testing.TopicRecords;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class VipRegistryTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    private static String vip(String email, String phone, String delegatePhone, String extra) {
        return """
                {"name": "Dana Chief", "title": "CFO", "tier": "EXECUTIVE", "emails": ["%s"], "phones": ["%s"],
                 "delegates": [{"name": "Sam Assistant", "emails": ["sam-%s"], "phones": ["%s"]}],
                 "reason": "new CFO" %s}
                """.formatted(email, phone, email, delegatePhone, extra);
    }

    private static String randomEmail() {
        return "vip-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String randomPhone() {
        return "+4179" + String.format("%07d", (long) (Math.random() * 9_999_999));
    }

    private static String create(String body) {
        return as("vip-admin").contentType(ContentType.JSON).body(body).post("/api/vips").then().statusCode(201).extract().path("id");
    }

    @Test
    void vips_with_delegates_are_created_read_changed_and_removed_with_an_audit_trail() {
        String email = randomEmail();
        String id = create(vip(email.toUpperCase(), randomPhone(), randomPhone(), ""));
        as("vip-admin").get("/api/vips/" + id).then().statusCode(200)
                .body("emails", equalTo(List.of(email)))
                .body("delegates", hasSize(1))
                .body("delegates[0].name", equalTo("Sam Assistant"));
        String delegateId = as("vip-admin").get("/api/vips/" + id).then().extract().path("delegates[0].id");

        String changed = vip(email, randomPhone(), randomPhone(), "").replace("\"CFO\"", "\"CEO\"")
                .replace("\"name\": \"Sam Assistant\"", "\"id\": \"" + delegateId + "\", \"name\": \"Sam Assistant\"")
                .replace("new CFO", "promoted");
        as("vip-admin").contentType(ContentType.JSON).body(changed).put("/api/vips/" + id).then().statusCode(200)
                .body("title", equalTo("CEO")).body("delegates[0].id", equalTo(delegateId));

        as("vip-admin").delete("/api/vips/" + id).then().statusCode(400).body("errors.field", hasItem("reason"));
        as("vip-admin").delete("/api/vips/" + id + "?reason=left the company").then().statusCode(204);
        as("vip-admin").get("/api/vips/" + id).then().statusCode(404);

        as("vip-admin").get("/api/vips/" + id + "/audit").then().statusCode(200)
                .body("action", equalTo(List.of("CREATED", "UPDATED", "REMOVED")))
                .body("actor", equalTo(List.of("test-vip-admin", "test-vip-admin", "test-vip-admin")))
                .body("reason", equalTo(List.of("new CFO", "promoted", "left the company")))
                .body("[1].before.title", equalTo("CFO"))
                .body("[1].after.title", equalTo("CEO"))
                .body("[2].after", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void an_email_or_phone_belongs_to_one_person_or_delegate_only() {
        String email = randomEmail();
        String delegatePhone = randomPhone();
        create(vip(email, randomPhone(), delegatePhone, ""));
        as("vip-admin").contentType(ContentType.JSON)
                .body(vip(email.toUpperCase(), randomPhone(), randomPhone(), "").replace("\"sam-", "\"other-sam-"))
                .post("/api/vips").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(email + " already belongs to VIP"))
                .body("errors.field", hasItem("contacts"));
        // The delegate's phone, written another way, as someone else's own number.
        String local = "0" + delegatePhone.substring(3, 5) + " " + delegatePhone.substring(5);
        as("vip-admin").contentType(ContentType.JSON).body(vip(randomEmail(), local, randomPhone(), ""))
                .post("/api/vips").then().statusCode(409).body("detail", containsString("already belongs to delegate"));
        as("vip-admin").contentType(ContentType.JSON).body(vip(randomEmail(), randomPhone(), randomPhone(), "").replace("EXECUTIVE", "KING"))
                .post("/api/vips").then().statusCode(400).body("errors.field", hasItem("tier"));
    }

    @Test
    void lookup_tells_agents_whether_a_caller_is_a_vip_or_a_delegate_and_nothing_more() {
        String email = randomEmail();
        String delegatePhone = randomPhone();
        String id = create(vip(email, randomPhone(), delegatePhone, ""));
        as("agent").queryParam("email", email.toUpperCase()).get("/api/vips/lookup").then().statusCode(200)
                .body("eligible", equalTo(true)).body("personId", equalTo(id)).body("tier", equalTo("EXECUTIVE"))
                .body("match", equalTo("VIP")).body("emails", org.hamcrest.Matchers.nullValue());
        as("agent").queryParam("phone", "0" + delegatePhone.substring(3)).get("/api/vips/lookup").then().statusCode(200)
                .body("match", equalTo("DELEGATE")).body("personId", equalTo(id));
        as("agent").queryParam("email", "nobody@example.com").get("/api/vips/lookup").then().statusCode(200)
                .body("eligible", equalTo(false));
        as("agent").get("/api/vips/lookup").then().statusCode(400);
        as("agent").get("/api/vips").then().statusCode(403);
        as("manager").queryParam("email", email).get("/api/vips/lookup").then().statusCode(403);
        given().get("/api/vips").then().statusCode(401);
    }

    @Test
    void an_expiry_is_published_at_its_time_not_at_the_next_edit() {
        String email = randomEmail();
        Instant until = Instant.now().plusSeconds(3);
        String id = create(vip(email, randomPhone(), randomPhone(), ", \"validUntil\": \"" + until + "\""));
        String notYet = create(vip(randomEmail(), randomPhone(), randomPhone(),
                ", \"validFrom\": \"" + until + "\""));
        as("agent").queryParam("email", email).get("/api/vips/lookup").then().body("eligible", equalTo(true));

        List<ConsumerRecord<String, byte[]>> records = records(id, 3, Duration.ofSeconds(20));
        VipRemoved removed = assertInstanceOf(VipRemoved.class, read(records.get(1)));
        assertEquals(VipRemoved.Reason.EXPIRED, removed.reason());
        assertNull(records.get(2).value(), "a tombstone follows the removal");
        long lateMillis = Duration.between(until, removed.removedAt()).toMillis();
        assertTrue(lateMillis >= 0 && lateMillis < 2_000, "expiry published " + lateMillis + " ms after its time");

        as("agent").queryParam("email", email).get("/api/vips/lookup").then().body("eligible", equalTo(false));
        as("vip-admin").get("/api/vips/" + id + "/audit").then().body("action", hasItem("EXPIRED"));
        // The future VIP became eligible at the same moment.
        assertInstanceOf(VipUpserted.class, read(records(notYet, 1, Duration.ofSeconds(20)).get(0)));
    }

    @Test
    void events_carry_hashed_contact_keys_only() {
        String email = randomEmail();
        String delegatePhone = randomPhone();
        String id = create(vip(email, randomPhone(), delegatePhone, ""));
        ConsumerRecord<String, byte[]> record = records(id, 1, Duration.ofSeconds(20)).get(0);
        VipUpserted upserted = assertInstanceOf(VipUpserted.class, read(record));
        String salt = ConfigProvider.getConfig().getValue("whiteglove.contact-key-salt", String.class);
        assertTrue(upserted.contactKeys().contains(ContactKey.ofEmail(salt, email)));
        assertTrue(upserted.delegates().get(0).contactKeys().contains(ContactKey.ofPhone(salt, delegatePhone)));
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertFalse(json.contains(email) || json.contains(delegatePhone) || json.contains("Dana"), json);
    }

    @Test
    void an_hr_import_previews_applies_all_or_nothing_and_changes_nothing_when_replayed() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String csv = """
                employee_id,name,title,tier,emails,phones,valid_from,valid_until,delegate_name,delegate_emails,delegate_phones
                %1$s-1,Ada Board,Chair,EXECUTIVE,ada-%1$s@example.com,,,,Sam,sam-%1$s@example.com,
                %1$s-2,Bob Board,Member,EXECUTIVE,bob-%1$s@example.com,,,,,,
                %1$s-3,Cy Oncall,Lead,CRITICAL_ROLE,cy-%1$s@example.com,,,,,,
                """.formatted(run);
        importCsv(csv, "dryRun=true").then().statusCode(200)
                .body("created", hasSize(3)).body("applied", equalTo(false));
        as("agent").queryParam("email", "ada-" + run + "@example.com").get("/api/vips/lookup").then().body("eligible", equalTo(false));

        importCsv(csv, "reason=HR sync").then().statusCode(200).body("created", hasSize(3)).body("applied", equalTo(true));
        String ada = as("agent").queryParam("email", "ada-" + run + "@example.com").get("/api/vips/lookup").then()
                .body("eligible", equalTo(true)).extract().path("personId");
        importCsv(csv, "reason=HR sync").then().statusCode(200)
                .body("unchanged", equalTo(3)).body("created", hasSize(0)).body("updated", hasSize(0)).body("removed", hasSize(0));
        as("vip-admin").get("/api/vips/" + ada + "/audit").then().body("action", equalTo(List.of("CREATED")));

        // Bob leaves, Cy changes title, and a new row is broken: all or nothing refuses the file.
        String next = """
                employee_id,name,title,tier,emails,phones,valid_from,valid_until,delegate_name,delegate_emails,delegate_phones
                %1$s-1,Ada Board,Chair,EXECUTIVE,ada-%1$s@example.com,,,,Sam,sam-%1$s@example.com,
                %1$s-3,Cy Oncall,Head of Ops,CRITICAL_ROLE,cy-%1$s@example.com,,,,,,
                %1$s-4,Broken Row,,NOBODY,not-an-email,,,,,,
                """.formatted(run);
        importCsv(next, "reason=HR sync").then().statusCode(422).body("applied", equalTo(false))
                .body("errors.line", hasItem(4)).body("removed", equalTo(List.of(run + "-2")));
        as("agent").queryParam("email", "bob-" + run + "@example.com").get("/api/vips/lookup").then().body("eligible", equalTo(true));
        importCsv(next, "reason=HR sync&partial=true").then().statusCode(200).body("applied", equalTo(true))
                .body("updated", equalTo(List.of(run + "-3")));
        as("agent").queryParam("email", "bob-" + run + "@example.com").get("/api/vips/lookup").then().body("eligible", equalTo(false));
        importCsv("name,emails\nx,y\n", "").then().statusCode(400).body("errors.field", hasItem("body"));
    }

    @Test
    void a_consumer_rebuilds_the_whole_list_from_the_compacted_topic_alone() {
        create(vip(randomEmail(), randomPhone(), randomPhone(), ""));
        String removed = create(vip(randomEmail(), randomPhone(), randomPhone(), ""));
        as("vip-admin").delete("/api/vips/" + removed + "?reason=test").then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> eligibleNow = as("vip-admin").get("/api/vips").then().extract().<List<Map<String, Object>>>path("$")
                    .stream().filter(v -> eligible(v, Instant.now())).map(v -> (String) v.get("id")).collect(Collectors.toSet());
            Map<String, WhitegloveEvent> rebuilt = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : TopicRecords.await(bootstrap(), Topics.VIP_REGISTRY, x -> true, 1, Duration.ofSeconds(10))) {
                if (r.value() == null) {
                    rebuilt.remove(r.key());
                } else if (read(r) instanceof VipUpserted up) {
                    rebuilt.put(r.key(), up);
                } else {
                    rebuilt.remove(r.key());
                }
            }
            assertEquals(eligibleNow, rebuilt.keySet());
            assertFalse(rebuilt.containsKey(removed));
        });
    }

    private static boolean eligible(Map<String, Object> vip, Instant now) {
        Object from = vip.get("validFrom");
        Object until = vip.get("validUntil");
        return (from == null || !now.isBefore(Instant.parse((String) from))) && (until == null || now.isBefore(Instant.parse((String) until)));
    }

    private static io.restassured.response.Response importCsv(String csv, String query) {
        return as("vip-admin").contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/vips/import" + (query.isEmpty() ? "" : "?" + query));
    }

    private static List<ConsumerRecord<String, byte[]>> records(String personId, int count, Duration timeout) {
        return TopicRecords.await(bootstrap(), Topics.VIP_REGISTRY, r -> personId.equals(r.key()), count, timeout);
    }

    private static WhitegloveEvent read(ConsumerRecord<String, byte[]> r) {
        return EventJson.fromBytes(TopicRecords.header(r, "ce_type"), r.value());
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
