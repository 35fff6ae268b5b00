package dev.portcullis.common.oauth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one reading of a space-delimited scope string (RFC 6749 §3.3), used by server and client alike: the order of
 * first occurrence is kept, duplicates and empty words are dropped (a scope value is a set; §3.3 says nothing about
 * order, and the first order is what a person reads on the consent page).
 */
public final class Scope {

    /** The scope that asks for a refresh token (OpenID Connect Core §11); never limited to a resource. */
    public static final String OFFLINE_ACCESS = "offline_access";

    private Scope() {
    }

    /** The distinct scope tokens, in order of first occurrence; empty for null or blank. */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return new ArrayList<>();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : scope.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return new ArrayList<>(out);
    }

    /** The wire form: the tokens joined by single spaces. */
    public static String format(Collection<String> scopes) {
        return String.join(" ", scopes);
    }
}
