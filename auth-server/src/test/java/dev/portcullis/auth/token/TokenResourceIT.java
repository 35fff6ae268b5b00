package dev.portcullis.auth.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TokenResourceTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class TokenResourceIT extends TokenResourceTest {
}
