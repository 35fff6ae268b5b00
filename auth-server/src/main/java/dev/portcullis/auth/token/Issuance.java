package dev.portcullis.auth.token;

/** A grant decided (and committed) and the refresh token stored for it, if any; the access token is signed next. */
public record Issuance(IssuedGrant grant, String refreshToken) {

    @Override
    public String toString() {
        return "Issuance[grant=" + grant + ", refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
    }
}
