package clinic.kiosk.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Headless Debian Chromium driven by its own chromedriver (Selenium Manager never runs, nothing is downloaded),
 * with a fresh profile that is deleted afterwards. One per test class.
 */
public final class Browser implements AutoCloseable {
    public final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start(int width, int height) {
        Path profile = TestApp.tempDir("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
                "--window-size=" + width + "," + height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile);
    }

    public void open(String url) {
        driver.get(url);
    }

    /** A wait that tolerates the page being replaced while it looks (a navigation in flight). */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A page replaced while it is read: stale references, or Chrome's "node does not belong to the document".
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    public WebElement find(String css) {
        return waiting().until(d -> d.findElement(By.cssSelector(css)));
    }

    /** Types into the input whose label has this exact text, as a person would find it. */
    public void fillIn(String label, String value) {
        String id = waiting().until(d -> d.findElement(By.xpath("//label[normalize-space(.)='" + label + "']")).getAttribute("for"));
        WebElement input = waiting().until(d -> d.findElement(By.id(id)));
        input.clear();
        input.sendKeys(value);
    }

    /** Chooses, in the select whose label has this exact text, the option with this exact text. */
    public void choose(String label, String option) {
        String id = waiting().until(d -> d.findElement(By.xpath("//label[normalize-space(.)='" + label + "']")).getAttribute("for"));
        new org.openqa.selenium.support.ui.Select(waiting().until(d -> d.findElement(By.id(id)))).selectByVisibleText(option);
    }

    /** Clicks the label with this exact text (a checkbox or a radio button), as a finger on a tablet would. */
    public void tick(String label) {
        waiting().until(d -> d.findElement(By.xpath("//label[normalize-space(.)='" + label + "']"))).click();
    }

    public void press(String buttonText) {
        waiting().until(d -> d.findElement(By.xpath("//button[normalize-space(.)='" + buttonText + "']"))).click();
    }

    /** Presses a button that loads a new page, and waits until the old page is gone. */
    public void submit(String buttonText) {
        WebElement html = driver.findElement(By.tagName("html"));
        press(buttonText);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(html));
    }

    /**
     * Whether an element's page was replaced. Chrome reports it as stale, or, while the new page loads, as a node
     * that "does not belong to the document": both mean the old page is gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    public void follow(String linkText) {
        waiting().until(d -> d.findElement(By.linkText(linkText))).click();
    }

    /** The text of the first element matching a CSS selector, read once the page holds still. */
    public String textOf(String css) {
        return waiting().until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    public String text() {
        return waiting().until(d -> d.findElement(By.tagName("body")).getText());
    }

    public void waitForText(String text) {
        waiting().until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /** Saves a screenshot under target/screenshots/ for a person to look at. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        TestApp.deleteTree(profile);
    }
}
