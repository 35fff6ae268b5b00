package dev.portcullis.auth.account;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountPagesTest {

    private static Response signIn(String password) {
        Response form = given().when().get("/account");
        assertEquals(200, form.statusCode());
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .cookie(BrowserFlow.PRE_SESSION_COOKIE, form.getCookie(BrowserFlow.PRE_SESSION_COOKIE))
                .formParam("csrf_token", BrowserFlow.hidden(page(form), "csrf_token"))
                .formParam("username", BrowserFlow.USERNAME).formParam("password", password)
                .when().post("/account/sign-in");
    }

    @Test
    void withoutASessionTheAccountPageIsASignInFormWithSecurityHeaders() {
        given().when().get("/account").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void aSignedInUserSeesApprovedClientsAndRevokingOneRevokesItsRefreshTokens() {
        String clientId = BrowserFlow.registerClient("Listed App");
        String refresh = BrowserFlow.tokens(clientId).getString("refresh_token");

        Response signedIn = signIn(BrowserFlow.PASSWORD);
        assertEquals(303, signedIn.statusCode());
        String session = signedIn.getCookie("portcullis_session");
        Document account = page(given().cookie("portcullis_session", session).when().get("/account"));
        var form = account.select("form").stream()
                .filter(f -> clientId.equals(f.selectFirst("input[name=client_id]").attr("value"))).findFirst().orElseThrow();
        assertTrue(account.text().contains("Listed App"));

        given().redirects().follow(false).contentType(ContentType.URLENC).cookie("portcullis_session", session)
                .formParam("client_id", clientId)
                .formParam("csrf_token", form.selectFirst("input[name=csrf_token]").attr("value"))
                .when().post("/account/revoke").then().statusCode(303);

        BrowserFlow.refresh(clientId, refresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
        Document after = page(given().cookie("portcullis_session", session).when().get("/account"));
        assertTrue(after.select("input[name=client_id][value=" + clientId + "]").isEmpty());
    }

    @Test
    void revokeWithoutTheSessionsCsrfTokenIsAnErrorPageAndChangesNothing() {
        String clientId = BrowserFlow.registerClient("Kept App");
        String refresh = BrowserFlow.tokens(clientId).getString("refresh_token");
        String session = signIn(BrowserFlow.PASSWORD).getCookie("portcullis_session");
        given().contentType(ContentType.URLENC).cookie("portcullis_session", session)
                .formParam("client_id", clientId).formParam("csrf_token", "forged")
                .when().post("/account/revoke").then().statusCode(400);
        given().contentType(ContentType.URLENC).formParam("client_id", clientId).formParam("csrf_token", "x")
                .when().post("/account/revoke").then().statusCode(400);
        BrowserFlow.refresh(clientId, refresh).then().statusCode(200);
    }

    @Test
    void wrongPasswordReShowsTheFormAndLoginCsrfIsChecked() {
        Response wrong = signIn("wrong");
        assertEquals(401, wrong.statusCode());
        assertNotNull(page(wrong).selectFirst("#error"));
        given().contentType(ContentType.URLENC).formParam("csrf_token", "x").formParam("username", "alice")
                .formParam("password", "alice").when().post("/account/sign-in").then().statusCode(400);
    }
}
