package dev.portcullis.auth.admin;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.authorize.Consent;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.user.Passwords;
import dev.portcullis.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserCommandTest {

    private static final String USER = "passwd-test-user";
    private static final String OLD_PASSWORD = "old-password-1";
    private static final String NEW_PASSWORD = "new-password-2";

    @Inject
    UserCommand command;

    @Inject
    Passwords passwords;

    /** The user signs in, approves a client (remembered), and the client holds a refresh token. */
    private record SignedIn(String clientId, String session, String refreshToken) {
    }

    private static SignedIn signInAndGetARefreshToken(String username, String password) {
        String clientId = BrowserFlow.registerClient("Client of " + username);
        String verifier = BrowserFlow.newVerifier();
        Map<String, String> params = BrowserFlow.authorizeParams(clientId, verifier);
        params.put("scope", "mcp:tools offline_access");
        Response consent = BrowserFlow.signIn(page(BrowserFlow.authorize(params)), username, password);
        assertEquals(200, consent.statusCode(), consent.asString());
        String session = consent.getCookie("portcullis_session");
        Response approved = BrowserFlow.decide(page(consent), session, "approve");
        String code = BrowserFlow.query(approved.getHeader("Location")).get("code");
        String refresh = BrowserFlow.exchange(clientId, code, verifier).then().statusCode(200).extract().path("refresh_token");
        assertNotNull(refresh);
        return new SignedIn(clientId, session, refresh);
    }

    private int run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.run(args);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void passwdEndsSessionsRevokesRefreshTokensAndForgetsApprovalsOfThatUserOnly() {
        QuarkusTransaction.requiringNew().run(() -> {
            User.delete("username", USER);
        });
        passwords.create(USER, OLD_PASSWORD);
        SignedIn user = signInAndGetARefreshToken(USER, OLD_PASSWORD);
        SignedIn alice = signInAndGetARefreshToken(BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        String aliceRotated = BrowserFlow.refresh(alice.clientId(), alice.refreshToken()).then().statusCode(200)
                .extract().path("refresh_token");

        assertEquals(0, run(NEW_PASSWORD + "\n", "user", "passwd", USER));

        // the refresh token (and so its whole family) is revoked
        BrowserFlow.refresh(user.clientId(), user.refreshToken()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        // the session has ended: the account page asks to sign in
        assertNotNull(page(given().cookie("portcullis_session", user.session()).when().get("/account"))
                .selectFirst("input[name=password]"));
        // the approval is forgotten: the next authorization asks again
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Consent.ofUser(
                User.findByUsername(USER).orElseThrow().id)).isEmpty());
        // the old password no longer signs in, the new one does
        Map<String, String> params = BrowserFlow.authorizeParams(user.clientId(), BrowserFlow.newVerifier());
        assertEquals(401, BrowserFlow.signIn(page(BrowserFlow.authorize(params)), USER, OLD_PASSWORD).statusCode());
        Response consent = BrowserFlow.signIn(page(BrowserFlow.authorize(params)), USER, NEW_PASSWORD);
        assertEquals(200, consent.statusCode());
        assertNotNull(page(consent).selectFirst("button[name=decision][value=approve]"), "consent is asked again");

        // another user keeps everything
        BrowserFlow.refresh(alice.clientId(), aliceRotated).then().statusCode(200);
        assertNotNull(page(given().cookie("portcullis_session", alice.session()).when().get("/account"))
                .selectFirst("form[action=/account/revoke]"));
    }

    @Test
    void passwdOfAnUnknownUserOrWithAShortPasswordChangesNothing() {
        assertEquals(1, run(NEW_PASSWORD + "\n", "user", "passwd", "nobody-at-all"));
        assertEquals(1, run("short\n", "user", "passwd", BrowserFlow.USERNAME));
        assertEquals(2, run("", "user", "passwd"));
    }
}
