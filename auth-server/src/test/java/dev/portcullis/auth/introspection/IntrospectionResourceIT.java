package dev.portcullis.auth.introspection;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IntrospectionResourceTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class IntrospectionResourceIT extends IntrospectionResourceTest {
}
