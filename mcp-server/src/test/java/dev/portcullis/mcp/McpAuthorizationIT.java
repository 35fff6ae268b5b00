package dev.portcullis.mcp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link McpAuthorizationTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class McpAuthorizationIT extends McpAuthorizationTest {
}
