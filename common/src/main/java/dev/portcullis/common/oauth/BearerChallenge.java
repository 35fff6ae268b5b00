package dev.portcullis.common.oauth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 §3, RFC 9728 §5.1), parsed from and
 * formatted to the auth-param syntax of RFC 9110 §11.2 (token or quoted-string values, comma-separated).
 *
 * @param params the challenge's parameters, names lower-cased, in order of appearance
 */
public record BearerChallenge(Map<String, String> params) {

    public BearerChallenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String resourceMetadata() {
        return params.get("resource_metadata");
    }

    public String scope() {
        return params.get("scope");
    }

    public String error() {
        return params.get("error");
    }

    public String errorDescription() {
        return params.get("error_description");
    }

    /** Formats as a header value: {@code Bearer name="value", …}; quotes and backslashes are escaped. */
    public String format() {
        StringBuilder out = new StringBuilder("Bearer");
        String separator = " ";
        for (Map.Entry<String, String> param : params.entrySet()) {
            out.append(separator).append(param.getKey()).append("=\"");
            for (char c : param.getValue().toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
            separator = ", ";
        }
        return out.toString();
    }

    /** A builder-like helper: a copy with one more parameter; {@code null} values are skipped. */
    public BearerChallenge with(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name.toLowerCase(Locale.ROOT), value);
        return new BearerChallenge(copy);
    }

    public static BearerChallenge empty() {
        return new BearerChallenge(Map.of());
    }

    /**
     * Finds the Bearer challenge among the values of one or more {@code WWW-Authenticate} headers. A header may hold
     * several challenges ({@code Basic realm="x", Bearer scope="y"}); scheme names are case-insensitive.
     *
     * @return the challenge, or {@code null} when no Bearer challenge is present
     */
    public static BearerChallenge parse(List<String> headerValues) {
        for (String value : headerValues) {
            BearerChallenge found = parse(value);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** @see #parse(List) */
    public static BearerChallenge parse(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        Parser parser = new Parser(headerValue);
        Map<String, String> bearer = null;
        boolean inBearer = false;
        while (true) {
            parser.skipSeparators();
            if (parser.atEnd()) {
                break;
            }
            String token = parser.token();
            if (token.isEmpty()) {
                parser.pos++; // a stray character (e.g. token68 padding): skip it, be lenient
                continue;
            }
            parser.skipSpaces();
            if (parser.peek() == '=' && !parser.isToken68End()) {
                parser.pos++;
                parser.skipSpaces();
                String value = parser.peek() == '"' ? parser.quoted() : parser.token();
                if (inBearer) {
                    bearer.putIfAbsent(token.toLowerCase(Locale.ROOT), value);
                }
            } else if (inBearer) {
                break; // the next challenge starts: the Bearer one is complete
            } else if (token.equalsIgnoreCase("Bearer")) {
                bearer = new LinkedHashMap<>();
                inBearer = true;
            }
        }
        return bearer == null ? null : new BearerChallenge(bearer);
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        void skipSpaces() {
            while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        void skipSeparators() {
            while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        /** '=' directly followed by '=' or end/comma belongs to a token68 (base64 padding), not to a parameter. */
        boolean isToken68End() {
            int next = pos + 1;
            return next < s.length() && s.charAt(next) == '=';
        }

        String token() {
            int start = pos;
            while (!atEnd() && isTchar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            StringBuilder out = new StringBuilder();
            pos++; // opening quote
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '\\' && !atEnd()) {
                    out.append(s.charAt(pos++));
                } else if (c == '"') {
                    break;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private static boolean isTchar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
        }
    }
}
