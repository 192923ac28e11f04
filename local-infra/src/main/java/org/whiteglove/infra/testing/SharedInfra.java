package org.whiteglove.infra.testing;

import org.whiteglove.events.Topics;
import org.whiteglove.infra.kafka.KafkaBroker;
import org.whiteglove.infra.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when the
 * JVM exits. Their coordinates are kept in system properties rather than static fields because Quarkus
 * may load a test resource class again in a fresh class loader; the servers must not start twice.
 */
public final class SharedInfra {

    static final String KAFKA_PROPERTY = "whiteglove.test.kafka.bootstrap";
    static final String POSTGRES_URL_PROPERTY = "whiteglove.test.postgres.admin-url";
    static final String POSTGRES_USER_PROPERTY = "whiteglove.test.postgres.user";
    static final String POSTGRES_PASSWORD_PROPERTY = "whiteglove.test.postgres.password";

    private SharedInfra() {
    }

    /** Bootstrap servers of the shared broker, with every platform topic created. */
    public static synchronized String kafkaBootstrapServers() {
        String running = System.getProperty(KAFKA_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            String bootstrap = InfraMode.current() == InfraMode.TESTCONTAINERS
                    ? Containers.startKafka()
                    : startEmbeddedKafka();
            KafkaBroker.createTopics(bootstrap, Topics.ALL);
            System.setProperty(KAFKA_PROPERTY, bootstrap);
            return bootstrap;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker", e);
        }
    }

    /** A JDBC URL for {@code database} on the shared server, creating the database when new. */
    public static synchronized PostgresCoordinates postgres(String database) {
        if (System.getProperty(POSTGRES_URL_PROPERTY) == null) {
            try {
                PostgresCoordinates admin = InfraMode.current() == InfraMode.TESTCONTAINERS
                        ? Containers.startPostgres()
                        : startEmbeddedPostgres();
                System.setProperty(POSTGRES_URL_PROPERTY, admin.jdbcUrl());
                System.setProperty(POSTGRES_USER_PROPERTY, admin.user());
                System.setProperty(POSTGRES_PASSWORD_PROPERTY, admin.password());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test PostgreSQL server", e);
            }
        }
        String adminUrl = System.getProperty(POSTGRES_URL_PROPERTY);
        String user = System.getProperty(POSTGRES_USER_PROPERTY);
        String password = System.getProperty(POSTGRES_PASSWORD_PROPERTY);
        try {
            PostgresServer.createDatabase(adminUrl, user, password, database);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        return new PostgresCoordinates(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database, user, password);
    }

    /** Where a database lives and how to log in. */
    public record PostgresCoordinates(String jdbcUrl, String user, String password) {
    }

    private static String startEmbeddedKafka() throws Exception {
        Path dir = Files.createTempDirectory(tmp(), "kafka-");
        int port = freePort();
        int controllerPort = freePort();
        KafkaBroker[] broker = {KafkaBroker.start(dir, port, controllerPort)};
        // Tests that take the broker away and bring it back (KafkaBrokerControl) reach it over the JVM's
        // MBean server, whatever class loader they run in.
        KafkaBrokerControl.register(new KafkaBrokerControl.Broker() {
            @Override
            public void stop() {
                synchronized (broker) {
                    if (broker[0] != null) {
                        broker[0].close();
                        broker[0] = null;
                    }
                }
            }

            @Override
            public void start() {
                synchronized (broker) {
                    try {
                        if (broker[0] == null) {
                            broker[0] = KafkaBroker.start(dir, port, controllerPort);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot restart the test broker", e);
                    }
                }
            }
        });
        onExit(() -> {
            synchronized (broker) {
                if (broker[0] != null) {
                    broker[0].close();
                }
            }
            deleteTree(dir);
        });
        return broker[0].bootstrapServers();
    }

    private static PostgresCoordinates startEmbeddedPostgres() throws IOException {
        Path data = Files.createTempDirectory(tmp(), "pg-");
        Path binaries = Path.of(System.getProperty("whiteglove.pg.binaries", tmp().resolve("embedded-pg").toString()));
        PostgresServer server = PostgresServer.start(data, binaries, freePort());
        onExit(() -> {
            server.close();
            deleteTree(data);
        });
        return new PostgresCoordinates(server.jdbcUrl("postgres"), PostgresServer.USER, "");
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private interface Closer {
        void close() throws Exception;
    }

    private static void onExit(Closer closer) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                closer.close();
            } catch (Exception e) {
                System.err.println("while stopping test infrastructure: " + e);
            }
        }, "whiteglove-test-infra-stop"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
