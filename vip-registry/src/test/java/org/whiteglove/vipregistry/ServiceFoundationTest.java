package org.whiteglove.vipregistry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.ServiceFoundationContract;

/** Health, metrics, OpenAPI, authentication, roles and problem+json, against the real broker and database. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class ServiceFoundationTest extends ServiceFoundationContract {
}
