package dev.portcullis.auth.registration;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RegistrationResourceTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class RegistrationResourceIT extends RegistrationResourceTest {
}
