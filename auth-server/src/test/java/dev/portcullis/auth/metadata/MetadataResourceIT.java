package dev.portcullis.auth.metadata;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MetadataResourceTest} against the packaged application: the jar here, the native executable with -Dnative. */
@QuarkusIntegrationTest
class MetadataResourceIT extends MetadataResourceTest {
}
