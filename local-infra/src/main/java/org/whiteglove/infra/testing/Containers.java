package org.whiteglove.infra.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same components from Testcontainers, used where a Docker engine is present. */
final class Containers {

    private static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    private static final String POSTGRES_IMAGE = "postgres:17";

    private Containers() {
    }

    static String startKafka() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        return kafka.getBootstrapServers();
    }

    static SharedInfra.PostgresCoordinates startPostgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("postgres");
        postgres.start();
        return new SharedInfra.PostgresCoordinates(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }
}
