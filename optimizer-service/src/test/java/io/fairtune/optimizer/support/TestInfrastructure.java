package io.fairtune.optimizer.support;

import io.fairtune.infra.quarkus.KafkaTestResource;
import io.fairtune.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real broker and database every {@code @QuarkusTest} of this module runs against, declared once: Quarkus
 * applies a resource that is not restricted to its annotated class to every test.
 */
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "optimizer"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
