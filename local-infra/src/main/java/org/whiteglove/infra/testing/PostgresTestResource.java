package org.whiteglove.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The real PostgreSQL server for a service's tests. Init arg {@code database} names the service's
 * database (default {@code whiteglove}); Flyway migrates it when the application starts.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "whiteglove";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        SharedInfra.PostgresCoordinates db = SharedInfra.postgres(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // Shared by every test of the JVM; stopped when the JVM exits.
    }
}
