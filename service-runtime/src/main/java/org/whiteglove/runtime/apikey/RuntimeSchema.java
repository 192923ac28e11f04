package org.whiteglove.runtime.apikey;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;

/**
 * Migrates the tables this library owns. They live in their own schema with their own Flyway history,
 * so each service's {@code db/migration} sequence stays its own and never interleaves with ours.
 */
@ApplicationScoped
public class RuntimeSchema {

    public static final String SCHEMA = "whiteglove_runtime";

    void migrate(@Observes @Priority(1) StartupEvent startup, AgroalDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/whiteglove-runtime")
                .load()
                .migrate();
    }
}
