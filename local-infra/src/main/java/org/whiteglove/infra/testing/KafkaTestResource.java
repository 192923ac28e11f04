package org.whiteglove.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The real Kafka broker for a service's tests: {@code @WithTestResource(KafkaTestResource.class)}. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfra.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test of the JVM; stopped when the JVM exits.
    }
}
