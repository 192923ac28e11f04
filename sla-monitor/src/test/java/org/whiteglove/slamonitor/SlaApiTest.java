package org.whiteglove.slamonitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaStarted;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.whiteglove.slamonitor.SlaTestSupport.as;
import static org.whiteglove.slamonitor.SlaTestSupport.newTicketId;
import static org.whiteglove.slamonitor.SlaTestSupport.opened;
import static org.whiteglove.slamonitor.SlaTestSupport.prioritized;
import static org.whiteglove.slamonitor.SlaTestSupport.slaEvents;

/** Policies, calendars and the clock queries over HTTP, against the real database and broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class SlaApiTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject
    AdjustableClock clock;

    @Test
    void theDefaultsFollowTheDomainExamples() {
        as("manager").get("/api/policies").then().statusCode(200)
                .body("name", hasItems("P1", "P2", "P3", "P4", "P5", "vip-dedicated"));
        as("agent").get("/api/policies/P3").then().statusCode(200)
                .body("responseTarget", equalTo("PT4H"))
                .body("resolutionTarget", equalTo("PT24H"))
                .body("calendar", equalTo("business-hours"))
                .body("warningPercents", equalTo(java.util.List.of(75, 90)))
                .body("escalations.targetGroup", equalTo(java.util.List.of("assignee-group", "desk-manager", "it-director")))
                .body("onReprioritization", equalTo("RECOMPUTE_FROM_OPEN"));
        as("agent").get("/api/policies/P1").then().body("calendar", equalTo("24x7")).body("responseTarget", equalTo("PT15M"));
        as("agent").get("/api/calendars/business-hours").then().statusCode(200)
                .body("weeklyHours.MONDAY[0].from", equalTo("09:00"))
                .body("weeklyHours.SATURDAY", equalTo(null));
    }

    @Test
    void calendarsAnswerDeadlineAndElapsedAcrossDst() {
        as("manager").body("""
                {"timeZone":"America/New_York","weeklyHours":{
                  "MONDAY":[{"from":"08:00","to":"12:00"},{"from":"13:00","to":"17:00"}],
                  "TUESDAY":[{"from":"08:00","to":"17:00"}],"WEDNESDAY":[{"from":"08:00","to":"17:00"}],
                  "THURSDAY":[{"from":"08:00","to":"17:00"}],"FRIDAY":[{"from":"08:00","to":"17:00"}]},
                 "holidays":[{"date":"2026-11-26","name":"Thanksgiving"}]}""")
                .put("/api/calendars/new-york").then().statusCode(200).body("name", equalTo("new-york"));

        // Friday 16:00 EDT before the change + 3 h: 1 h Friday, Monday 08–10 EST (lunch not reached).
        as("agent").body("{\"from\":\"2026-10-30T20:00:00Z\",\"businessTime\":\"PT3H\"}")
                .post("/api/calendars/new-york/deadline").then().statusCode(200)
                .body("deadline", equalTo("2026-11-02T15:00:00Z"));
        // Wednesday 16:00 to Friday 09:00 EST, Thanksgiving Thursday off: 1 h + 1 h.
        as("intake").body("{\"from\":\"2026-11-25T21:00:00Z\",\"to\":\"2026-11-27T14:00:00Z\"}")
                .post("/api/calendars/new-york/elapsed").then().statusCode(200)
                .body("businessTime", equalTo("PT2H"))
                .body("calendarTime", equalTo("PT41H"));
    }

    @Test
    void badCalendarsAndQuestionsAreRefusedWithTheField() {
        as("manager").body("{\"timeZone\":\"Europe/Berlin\",\"weeklyHours\":{}}").put("/api/calendars/never").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("weeklyHours"));
        as("manager").body("{\"timeZone\":\"Mars/Olympus\",\"twentyFourSeven\":true}").put("/api/calendars/mars").then()
                .statusCode(400).body("errors[0].field", equalTo("timeZone"));
        as("manager").body("{\"timeZone\":\"UTC\",\"weeklyHours\":{\"MONDAY\":[{\"from\":\"9am\",\"to\":\"17:00\"}]}}")
                .put("/api/calendars/x").then().statusCode(400).body("errors[0].field", equalTo("weeklyHours"));
        as("agent").body("{\"from\":\"2026-11-25T21:00:00Z\",\"to\":\"2026-11-20T14:00:00Z\"}")
                .post("/api/calendars/24x7/elapsed").then().statusCode(400).body("errors[0].field", equalTo("to"));
        as("agent").body("{\"from\":\"2026-11-25T21:00:00Z\"}")
                .post("/api/calendars/24x7/deadline").then().statusCode(400).body("errors[0].field", equalTo("businessTime"));
        as("agent").body("{\"from\":\"2026-11-25T21:00:00Z\",\"businessTime\":\"PT1H\"}")
                .post("/api/calendars/nowhere/deadline").then().statusCode(404);
        as("agent").body("{\"timeZone\":\"UTC\",\"twentyFourSeven\":true}").put("/api/calendars/mine").then().statusCode(403);
        given().body("{}").contentType("application/json").post("/api/calendars/24x7/deadline").then().statusCode(401);
    }

    @Test
    void holidaysImportFromAnICalendarFile() throws IOException {
        as("manager").body("{\"timeZone\":\"Europe/Berlin\",\"weeklyHours\":{\"MONDAY\":[{\"from\":\"09:00\",\"to\":\"17:00\"}]}}")
                .put("/api/calendars/with-holidays").then().statusCode(200);
        byte[] ics;
        try (InputStream in = getClass().getResourceAsStream("/calendars/holidays.ics")) {
            ics = in.readAllBytes();
        }
        given().header("Authorization", org.whiteglove.infra.testing.TestTokens.bearer("manager"))
                .contentType("text/calendar").body(ics)
                .post("/api/calendars/with-holidays/holidays?fromYear=2026&toYear=2027").then().statusCode(200)
                .body("imported", equalTo(5))
                .body("ignoredTimedEvents", equalTo(1))
                .body("calendar.holidays.date", hasItems("2026-12-25", "2026-12-26", "2027-01-01"));
        as("agent").get("/api/calendars/with-holidays").then().body("holidays", hasSize(5));
        given().header("Authorization", org.whiteglove.infra.testing.TestTokens.bearer("manager"))
                .contentType("text/calendar").body("not a calendar")
                .post("/api/calendars/with-holidays/holidays").then().statusCode(400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void policiesAreValidatedAndOwnedByManagers() {
        as("manager").body("{\"responseTarget\":\"PT0S\",\"resolutionTarget\":\"PT1H\",\"calendar\":\"24x7\"}")
                .put("/api/policies/zero").then().statusCode(400).body("errors[0].field", equalTo("responseTarget"));
        as("manager").body("{\"responseTarget\":\"PT1H\",\"resolutionTarget\":\"PT1H\",\"calendar\":\"nope\"}")
                .put("/api/policies/no-calendar").then().statusCode(400).body("errors[0].field", equalTo("calendar"));
        as("manager").body("{\"responseTarget\":\"PT1H\",\"resolutionTarget\":\"PT2H\",\"calendar\":\"24x7\",\"warningPercents\":[120]}")
                .put("/api/policies/too-late").then().statusCode(400).body("errors[0].field", equalTo("warningPercents"));
        as("manager").body("{\"responseTarget\":\"PT1H\",\"resolutionTarget\":\"PT2H\",\"calendar\":\"24x7\","
                        + "\"escalations\":[{\"level\":2,\"afterBreach\":\"PT0S\",\"targetGroup\":\"x\"}]}")
                .put("/api/policies/gap").then().statusCode(400).body("errors[0].field", equalTo("escalations"));
        as("manager").body("{\"responseTarget\":\"PT1H\",\"resolutionTarget\":\"PT2H\",\"calendar\":\"24x7\",\"onReprioritization\":\"SOMETIMES\"}")
                .put("/api/policies/bad-rule").then().statusCode(400).body("errors[0].field", equalTo("onReprioritization"));
        // The whole set must keep a policy per priority.
        as("manager").body("[{\"name\":\"P1\",\"responseTarget\":\"PT15M\",\"resolutionTarget\":\"PT4H\",\"calendar\":\"24x7\"}]")
                .put("/api/policies").then().statusCode(400).body("errors[0].field", equalTo("policies"));
        as("agent").body("{\"responseTarget\":\"PT1H\",\"resolutionTarget\":\"PT2H\",\"calendar\":\"24x7\"}")
                .put("/api/policies/mine").then().statusCode(403);
        as("manager").body("{\"responseTarget\":\"PT1H\",\"resolutionTarget\":\"PT2H\",\"calendar\":\"24x7\",\"onReprioritization\":\"KEEP_TIGHTER\"}")
                .put("/api/policies/queue-b").then().statusCode(200).body("onReprioritization", equalTo("KEEP_TIGHTER"));
    }

    @Test
    void atRiskOrdersRunningClocksByTimeToBreachWithFilters() {
        Instant now = clock.instant();
        String vip = newTicketId();
        String soon = newTicketId();
        String later = newTicketId();
        opened(vip, now.minus(Duration.ofMinutes(10)));
        prioritized(vip, Priority.P1, null, "vip-dedicated", "EXECUTIVE", now);
        opened(soon, now.minus(Duration.ofMinutes(25)));
        prioritized(soon, Priority.P2, null, null, null, now);
        opened(later, now);
        prioritized(later, Priority.P2, null, null, null, now);
        slaEvents(later, SlaStarted.class, 2, Duration.ofSeconds(30));
        slaEvents(vip, SlaStarted.class, 2, Duration.ofSeconds(30));
        slaEvents(soon, SlaStarted.class, 2, Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var list = as("ops").get("/api/at-risk?priority=P2&limit=1000").then().statusCode(200).extract().jsonPath();
            java.util.List<String> ids = list.getList("ticketId");
            int s = ids.indexOf(soon);
            int l = ids.indexOf(later);
            org.junit.jupiter.api.Assertions.assertTrue(s >= 0 && l > s, "the ticket 5 min from breach comes first: " + ids);
        });
        as("ops").get("/api/at-risk?vip=true&limit=1000").then().statusCode(200)
                .body("ticketId", hasItem(vip))
                .body("vipTier", everyItem(equalTo("EXECUTIVE")));
        as("ops").get("/api/at-risk?queue=vip-desk&within=PT10M&limit=1000").then().statusCode(200)
                .body("ticketId", hasItem(vip))
                .body("remaining", everyItem(org.hamcrest.Matchers.notNullValue()));
        as("ops").get("/api/at-risk?priority=P9").then().statusCode(400).body("errors[0].field", equalTo("priority"));
        as("ops").get("/api/at-risk?within=soon").then().statusCode(400).body("errors[0].field", equalTo("within"));
        as("ops").get("/api/at-risk?limit=0").then().statusCode(400);
        as("intake").get("/api/at-risk").then().statusCode(403);
        as("agent").get("/api/tickets/unknown/sla").then().statusCode(404);
        as("agent").get("/api/at-risk?limit=5").then().statusCode(200).body("size()", lessThanOrEqualTo(5));
    }
}
