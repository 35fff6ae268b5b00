package dev.portcullis.auth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Metrics are served on the management interface only; health stays on the main port for probes and scripts. */
@QuarkusTest
class ManagementInterfaceTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;

    @Test
    void theMainPortHasNoMetrics() {
        given().when().get("/q/metrics").then().statusCode(404)
                .contentType(containsString("application/json"))
                .body("error", equalTo("invalid_request"));
        given().auth().preemptive().basic("a", "b").when().get("/q/metrics").then().statusCode(404)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void theManagementPortServesPrometheusMetrics() {
        given().when().get(managementMetrics).then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theManagementPortAnswersUnknownPathsWithJson() throws Exception {
        given().when().get(new URL(managementMetrics, "/q/nope")).then().statusCode(404)
                .contentType(containsString("application/json")).body("error", equalTo("invalid_request"));
        given().when().get(new URL(managementMetrics, "/q/health/ready")).then().statusCode(404)
                .contentType(containsString("application/json"));
    }

    @Test
    void healthStaysOnTheMainPort() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
