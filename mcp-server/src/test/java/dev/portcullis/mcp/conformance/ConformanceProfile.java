package dev.portcullis.mcp.conformance;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs a test with the {@code conformance} configuration profile, as conformance/run.sh runs the packaged server. */
public class ConformanceProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return ConformanceFeatures.PROFILE;
    }
}
