package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

    // RFC 7636 Appendix B
    private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256ChallengeOfTheRfcExampleVerifierMatchesAppendixB() {
        assertEquals(RFC_CHALLENGE, Pkce.challengeS256(RFC_VERIFIER));
    }

    @Test
    void rfcExampleVerifierVerifiesAgainstItsChallenge() {
        assertTrue(Pkce.verify(RFC_VERIFIER, RFC_CHALLENGE));
    }

    @Test
    void anotherVerifierDoesNotVerify() {
        assertFalse(Pkce.verify("x" + RFC_VERIFIER.substring(1), RFC_CHALLENGE));
    }

    @Test
    void plainMethodIsNotAcceptedEvenWhenVerifierEqualsChallenge() {
        // with "plain", challenge == verifier; S256-only verification must refuse it
        assertFalse(Pkce.verify(RFC_VERIFIER, RFC_VERIFIER));
    }

    @Test
    void verifiersOutsideTheRfcAlphabetOrLengthAreInvalid() {
        assertFalse(Pkce.isValidVerifier("short"));
        assertFalse(Pkce.isValidVerifier("a".repeat(129)));
        assertFalse(Pkce.isValidVerifier("a".repeat(42) + "+"));
        assertFalse(Pkce.isValidVerifier(null));
        assertTrue(Pkce.isValidVerifier("a".repeat(43)));
        assertTrue(Pkce.isValidVerifier("-._~" + "Z".repeat(124)));
        assertFalse(Pkce.verify(null, RFC_CHALLENGE));
    }

    @Test
    void challengesMustBeFortyThreeBase64UrlCharacters() {
        assertTrue(Pkce.isValidChallenge(RFC_CHALLENGE));
        assertFalse(Pkce.isValidChallenge(RFC_CHALLENGE + "="));
        assertFalse(Pkce.isValidChallenge(RFC_CHALLENGE.substring(1)));
        assertFalse(Pkce.isValidChallenge(null));
    }

    @Test
    void newVerifiersAreValidAndDistinct() {
        SecureRandom random = new SecureRandom();
        String a = Pkce.newVerifier(random);
        String b = Pkce.newVerifier(random);
        assertTrue(Pkce.isValidVerifier(a));
        assertEquals(43, a.length());
        assertNotEquals(a, b);
    }
}
