package dev.portcullis.auth.revocation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RevocationResourceTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class RevocationResourceIT extends RevocationResourceTest {
}
