package dev.portcullis.auth.http;

/**
 * The one rule for text the server accepts from the network (form and query parameters, path segments, JSON strings,
 * Basic credentials): no C0 control character except tab, no DEL, no unpaired surrogate. PostgreSQL refuses NUL in
 * text outright, and line breaks or escapes in names would end up in logs and pages.
 */
public final class Text {

    private Text() {
    }

    public static boolean isAcceptable(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
