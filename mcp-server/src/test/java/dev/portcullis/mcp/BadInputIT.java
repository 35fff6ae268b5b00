package dev.portcullis.mcp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BadInputTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class BadInputIT extends BadInputTest {
}
