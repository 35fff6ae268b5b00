package dev.portcullis.auth.authorize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Space-delimited scope strings (RFC 6749 §3.3). */
public final class Scopes {

    public static final String OFFLINE_ACCESS = "offline_access";

    private Scopes() {
    }

    /** The distinct tokens, in order; empty for null or blank. */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(List.of(scope.trim().split("\\s+"))));
    }

    public static String format(List<String> scopes) {
        return String.join(" ", scopes);
    }
}
