package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) signs in and consents on the real pages, for the
 * real client command that printed the authorization URL; then the tool result is checked. Screenshots of both pages
 * land in target/screenshots (README shows the copies committed under docs/).
 */
@ExtendWith(StackExtension.class)
class RealBrowserIT {

    private static final String CHROMIUM = System.getProperty("portcullis.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("portcullis.chromedriver", "/usr/bin/chromedriver");

    @Test
    void userSignsInAndApprovesInChromiumAndTheClientCallsATool(Stack stack) throws Exception {
        assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium and chromedriver are not installed (.ci/run installs Debian's chromium and chromium-driver)");
        Path home = Files.createTempDirectory(stack.work, "browser-client");
        ClientProcess client = new ClientProcess(stack.root.resolve("mcp-client/target/quarkus-app/quarkus-run.jar"),
                Map.of("PORTCULLIS_HOME", home.toString()));
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);

        ClientProcess.Run login = client.start("login", stack.mcpUrl);
        String url = login.awaitLine(line -> line.startsWith(stack.issuer + "/authorize?"), Duration.ofSeconds(60)).trim();

        WebDriver browser = chromium();
        try {
            browser.get(url);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(Stack.USER);
            browser.findElement(By.name("password")).sendKeys(Stack.PASSWORD);
            screenshot(browser, shots.resolve("sign-in.png"));
            browser.findElement(By.cssSelector("form button[type=submit]")).click();

            try {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button[value=approve]")));
            } catch (RuntimeException e) {
                System.err.println("DEBUGPAGE " + browser.getCurrentUrl() + "\n" + browser.getPageSource());
                throw e;
            }
            assertTrue(browser.getPageSource().contains("mcp:tools"), "the consent page lists the scope");
            screenshot(browser, shots.resolve("consent.png"));
            browser.findElement(By.cssSelector("button[value=approve]")).click();

            wait.until(ExpectedConditions.urlContains("127.0.0.1"));
            screenshot(browser, shots.resolve("signed-in.png"));
        } finally {
            browser.quit();
        }

        ClientProcess.Result result = login.await(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        ClientProcess.Result whoami = client.run("call", stack.mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami.toString());
        assertTrue(whoami.stdout().contains("user: " + Stack.USER), whoami.toString());
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // as root in a container: no sandbox; no background traffic on a closed network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1000,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1000, 800));
        return driver;
    }

    private static void screenshot(WebDriver browser, Path target) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
