package org.whiteglove.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestTokens;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bulk path: history as CSV through COPY, rolled up like streamed facts; repeatable; bad files refused whole. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class HistoryImportTest {

    static final String HEADER = "ticket_id,opened_at,channel,priority,queue,vip_tier,vip_match,status,first_response_at,"
            + "resolved_at,closed_at,response_within,response_business_ms,response_breached,resolution_within,"
            + "resolution_business_ms,resolution_breached,speed_of_answer_ms,escalations\n";
    // Monday 2 January 2023: H1 VIP by phone in hours, met both; H2 on Saturday (after hours) breached, still open;
    // H3 in hours, closed, resolution late.
    static final String HISTORY = HEADER
            + "H1,2023-01-02T10:00:00Z,PHONE,P2,vip-desk,EXECUTIVE,VIP,CLOSED,2023-01-02T10:05:00Z,2023-01-02T12:00:00Z,2023-01-03T09:00:00Z,true,300000,false,true,7200000,false,15000,0\n"
            + "H2,2023-01-07T11:00:00Z,EMAIL,P3,service-desk,,NONE,IN_PROGRESS,2023-01-09T10:00:00Z,,,false,3600000,true,,,,,2\n"
            + "H3,2023-01-02T16:30:00Z,WEB,P4,service-desk,,CLAIM_REJECTED,CLOSED,2023-01-02T16:40:00Z,2023-01-06T16:30:00Z,2023-01-07T09:00:00Z,true,600000,false,false,115200000,false,,0\n";

    @Test
    void historyImportsOnceAndReportsLikeStreamedFacts() {
        given().header("Authorization", TestTokens.bearer("manager")).contentType("text/csv").body(HISTORY)
                .post("/api/history").then().statusCode(200).body("received", equalTo(3)).body("imported", equalTo(3));
        given().header("Authorization", TestTokens.bearer("manager")).contentType("text/csv").body(HISTORY)
                .post("/api/history").then().statusCode(200).body("received", equalTo(3)).body("imported", equalTo(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", TestTokens.bearer("manager"))
                .get("/api/history/freshness").jsonPath().getLong("pendingHours") == 0);

        JsonPath volume = report("volume", "from=2023-01-01&to=2023-01-31");
        assertEquals(3, volume.getInt("rows[0].opened"));
        assertEquals(1, volume.getInt("rows[0].vipOpened"));
        assertEquals(1, volume.getInt("rows[0].afterHours"), "H2 came in on a Saturday");
        assertEquals(1, volume.getInt("rows[0].claimsRejected"));
        assertEquals(15.0f, volume.getFloat("rows[0].averageSpeedOfAnswerSeconds"));
        JsonPath compliance = report("sla-compliance", "from=2023-01-01&to=2023-01-31&groupBy=vip");
        assertEquals(100.0f, compliance.getFloat("rows.find { it.vip == 'VIP' }.resolutionCompliancePercent"));
        assertEquals(50.0f, compliance.getFloat("rows.find { it.vip == 'non-VIP' }.responseCompliancePercent"));
        assertEquals(0.0f, compliance.getFloat("rows.find { it.vip == 'non-VIP' }.resolutionCompliancePercent"));
        assertEquals(2, compliance.getInt("rows.find { it.vip == 'non-VIP' }.escalations"));
        JsonPath times = report("response-times", "from=2023-01-01&to=2023-01-31&groupBy=vip");
        assertEquals(300, times.getInt("rows.find { it.vip == 'VIP' }.responseCalendarP50Seconds"));
        assertEquals(7200, times.getInt("rows.find { it.vip == 'VIP' }.resolutionCalendarP50Seconds"));
        JsonPath backlog = report("backlog", "from=2023-01-01&to=2023-01-31");
        assertEquals(1, backlog.getInt("rows[0].open"));
        assertEquals(1, backlog.getInt("rows[0].breached"));
    }

    @Test
    void aBrokenFileIsRefusedWholeWithTheLineThatBrokeIt() {
        String broken = HEADER + "H9,2023-02-01T10:00:00Z,PHONE,P2,,,,OPEN,,,,,,,,,,,0\n"
                + "H10,not-a-time,PHONE,P2,,,,OPEN,,,,,,,,,,,0\n";
        given().header("Authorization", TestTokens.bearer("manager")).contentType("text/csv").body(broken)
                .post("/api/history").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
        given().header("Authorization", TestTokens.bearer("manager")).contentType("text/csv").body("ticket_id,opened_at\nX,2023-02-01T10:00:00Z\n")
                .post("/api/history").then().statusCode(400).body("errors.field", hasItem("body"));
        given().header("Authorization", TestTokens.bearer("manager")).contentType("text/csv").body(HEADER + ",2023-02-01T10:00:00Z,PHONE,P2,,,,OPEN,,,,,,,,,,,0\n")
                .post("/api/history").then().statusCode(400).body("errors[0].message", org.hamcrest.Matchers.containsString("lack ticket_id"));
        assertEquals(0, report("volume", "from=2023-02-01&to=2023-02-28").getInt("rows[0].opened"), "nothing of a refused file stays");
    }

    static JsonPath report(String name, String query) {
        return given().header("Authorization", TestTokens.bearer("manager")).get("/api/reports/" + name + "?" + query)
                .then().statusCode(200).extract().jsonPath();
    }
}
