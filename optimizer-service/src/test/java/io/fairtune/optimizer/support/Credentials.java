package io.fairtune.optimizer.support;

import io.fairtune.optimizer.security.ApiKeyAuthenticationMechanism;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tests call the API as a client would: with the %test operator key, or deliberately with nothing. */
public final class Credentials {

    private Credentials() {
    }

    public static String operatorKey() {
        return ConfigProvider.getConfig().getValue("fairtune.security.operator-api-key", String.class);
    }

    public static String viewerKey() {
        return ConfigProvider.getConfig().getValue("fairtune.security.viewer-api-key", String.class);
    }

    /** Every following RestAssured request sends the operator's X-API-Key. */
    public static void asOperator() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader(ApiKeyAuthenticationMechanism.HEADER, operatorKey()).build();
    }

    /** Requests carry only what each test adds. */
    public static void anonymous() {
        RestAssured.requestSpecification = null;
    }
}
