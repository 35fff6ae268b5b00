package dev.portcullis.mcp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ToolScopeTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class ToolScopeIT extends ToolScopeTest {
}
