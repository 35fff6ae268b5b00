package dev.portcullis.auth.authorize;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthorizeResourceTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class AuthorizeResourceIT extends AuthorizeResourceTest {
}
