package org.whiteglove.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.whiteglove.events.Topics;
import org.whiteglove.infra.kafka.KafkaBroker;
import org.whiteglove.infra.postgres.PostgresServer;
import org.whiteglove.infra.security.LocalJwt;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraTest {

    @Test
    void the_broker_creates_the_platform_topics_and_keeps_records_across_a_restart(@TempDir Path dir) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort)) {
            broker.createTopics(Topics.ALL);
            broker.createTopics(Topics.ALL); // a second `up` finds them and changes nothing
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                var described = admin.describeTopics(List.of(Topics.TICKET_EVENTS, Topics.VIP_REGISTRY)).allTopicNames().get();
                assertEquals(Topics.PARTITIONS, described.get(Topics.TICKET_EVENTS).partitions().size());
                var vip = new ConfigResource(ConfigResource.Type.TOPIC, Topics.VIP_REGISTRY);
                assertEquals("compact", admin.describeConfigs(List.of(vip)).all().get().get(vip).get("cleanup.policy").value());
            }
            produce(broker.bootstrapServers(), "t-1", "opened");
        }
        // Same folder, same ports: the data is still there.
        try (KafkaBroker again = KafkaBroker.start(dir, port, controllerPort)) {
            assertEquals(List.of("opened"), consumeAll(again.bootstrapServers()));
        }
    }

    @Test
    void postgres_runs_as_a_real_server_and_creates_databases_once(@TempDir Path dir) throws Exception {
        try (PostgresServer pg = PostgresServer.start(dir.resolve("data"), dir.resolve("bin"), freePort())) {
            pg.createDatabase("vip_registry");
            pg.createDatabase("vip_registry");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("vip_registry"), PostgresServer.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
                assertTrue(rs.next());
                assertEquals("vip_registry", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL 17"), rs.getString(2));
            }
            // A commit is on disk when PostgreSQL answers (zonky's default start would turn fsync off).
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("vip_registry"), PostgresServer.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'),"
                         + " current_setting('full_page_writes')")) {
                assertTrue(rs.next());
                assertEquals(List.of("on", "on", "on"), List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            assertThrows(IllegalArgumentException.class, () -> pg.createDatabase("x; DROP DATABASE postgres"));
        }
    }

    @Test
    void local_tokens_are_signed_with_the_kept_key_and_carry_one_role(@TempDir Path dir) throws Exception {
        LocalJwt jwt = LocalJwt.loadOrCreate(dir);
        String first = Files.readString(dir.resolve(LocalJwt.PUBLIC_KEY_FILE));
        assertEquals(first, Files.readString(LocalJwt.loadOrCreate(dir).publicKeyFile()), "the key pair is created once");

        String token = jwt.token("manager", "dana", Duration.ofMinutes(5));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(publicKey(jwt.publicKeyFile()));
        assertTrue(jws.verifySignature());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals(LocalJwt.ISSUER, claims.getIssuer());
        assertEquals(Set.of("manager"), Set.copyOf(claims.getStringListClaimValue("groups")));

        assertThrows(IllegalArgumentException.class, () -> jwt.token("root", "x", Duration.ofMinutes(1)));
        LocalJwt other = LocalJwt.loadOrCreate(dir.resolve("other"));
        JsonWebSignature forged = new JsonWebSignature();
        forged.setCompactSerialization(other.token("manager", "eve", Duration.ofMinutes(5)));
        forged.setKey(publicKey(jwt.publicKeyFile()));
        assertFalse(forged.verifySignature());
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").strip();
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TICKET_EVENTS, key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TICKET_EVENTS));
            List<String> values = new ArrayList<>();
            long until = System.currentTimeMillis() + 20_000;
            while (values.isEmpty() && System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
