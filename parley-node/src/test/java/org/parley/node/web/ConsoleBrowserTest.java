package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium, driven by Selenium with the system's chromedriver (nothing is ever
 * downloaded). Screenshots for humans land in {@code target/console-*.png}.
 */
class ConsoleBrowserTest extends ConsoleFixture {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static Path profile;
  private static ChromeDriverService service;
  private static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    assertThat(CHROMIUM).as("headless Chromium (apt-get install chromium chromium-driver; .ci/run does)")
        .isExecutable();
    assertThat(CHROMEDRIVER).isExecutable();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("parley-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--lang=en-US", "--window-size=1280,900");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void forgetCookies() {
    browser.get(url("/console/login")); // cookies are per host, not per port: earlier nodes' cookies linger
    browser.manage().deleteAllCookies();
  }

  @Test
  void analyst_logsIn_seesTheDemoCollection_readsItInBothChineseScripts_andLogsOut() throws IOException {
    logIn("alice");
    assertThat(browser.getCurrentUrl()).endsWith("/console/collections");
    assertThat(heading()).isEqualTo("Shared collections");
    assertThat(text("#collections")).contains("Demo incident 2026-03", "read, write, admin", "TLP:RED");

    follow(By.linkText("Demo incident 2026-03"));
    assertThat(heading()).isEqualTo("Demo incident 2026-03");
    assertThat(browser.findElements(By.cssSelector("#objects tbody tr"))).hasSize(4);
    assertThat(color(".tlp-red")).isEqualTo("rgba(255, 43, 43, 1)"); // TLP 2.0 red, #FF2B2B
    screenshot("objects-en");

    follow(By.linkText("简体中文"));
    assertThat(heading()).isEqualTo("Demo incident 2026-03"); // the switcher returns to the same page
    assertThat(text("#objects thead")).contains("类型", "名称", "添加时间（UTC）", "提交方");
    follow(By.linkText("集合"));
    assertThat(heading()).isEqualTo("共享数据集合");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-Hans");
    screenshot("collections-zh-Hans");

    follow(By.linkText("繁體中文"));
    assertThat(heading()).isEqualTo("共享資料集合");
    assertThat(text("#collections thead")).contains("您的 TLP 上限");
    follow(By.linkText("Demo incident 2026-03"));
    assertThat(text("#objects thead")).contains("類型", "新增時間（UTC）");
    screenshot("objects-zh-Hant");

    follow(By.linkText("日誌"));
    assertThat(heading()).isEqualTo("透明日誌");
    assertThat(text("#log-status")).contains(node.log().origin());
    screenshot("log-zh-Hant");

    follow(By.id("logout"));
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/console/login"));
    assertThat(heading()).isEqualTo("登入");
    browser.get(url("/console/collections"));
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
  }

  @Test
  void aReaderBelowRed_neverSeesTheRedObject_andANonMember_neverSeesTheCollection() {
    logIn("carol");
    follow(By.linkText("Demo incident 2026-03"));
    assertThat(text("main")).doesNotContain(RED_NAME).contains("C2 beacon domain");
    browser.get(url("/console/collections/" + demo + "/objects/" + RED_ID));
    assertThat(text("main")).doesNotContain(RED_NAME).contains("Not found.");
    follow(By.id("logout"));
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/console/login"));

    logIn("eve");
    assertThat(text("main")).contains("Eve's notebook").doesNotContain("Demo incident");
    for (String path : List.of("/console/collections/" + demo, "/console/collections/" + demo + "/objects/"
        + RED_ID)) {
      browser.get(url(path));
      assertThat(text("main")).contains("Not found.").doesNotContain("Demo incident", RED_NAME);
    }
  }

  @Test
  void aStoredXssPayload_isShownAsText_andNoScriptRuns() throws IOException {
    logIn("carol");
    browser.get(url("/console/collections/" + demo));
    WebElement link = browser.findElement(By.cssSelector("a.object[href$='" + XSS_ID + "']"));
    assertThat(link.getText()).isEqualTo(XSS_NAME);
    follow(link);
    assertThat(heading()).isEqualTo(XSS_NAME);
    assertThat(browser.findElements(By.cssSelector("main script, main img"))).isEmpty();
    assertThat(browser.getTitle()).isEqualTo(XSS_NAME + " · Parley"); // the payload would set it to "pwned"
    assertThat(alertOpen()).isFalse();
    screenshot("object-xss");
  }

  @Test
  void analyst_attributesASharedReport_fromItsPage() throws Exception {
    importAttack();
    seedAttributionCase();
    logIn("bob");
    browser.get(url("/console/collections/" + demo + "/objects/" + REPORT_ID));

    follow(By.id("attribute"));

    assertThat(heading()).isEqualTo("Attribution: Port intrusion, March");
    assertThat(text("#attribution-basis")).contains("1 of the 2 objects", "TLP:AMBER");
    assertThat(text("#attribution-report")).contains("Judgement:", "that Harbor Lantern", "Analysis of competing hypotheses")
        .doesNotContain(RED_NAME);
    screenshot("attribution-en");
  }

  private void logIn(String party) {
    browser.get(url("/console/"));
    browser.findElement(By.id("party")).sendKeys(party);
    browser.findElement(By.id("token")).sendKeys(tokens.get(party));
    follow(By.id("login"));
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/console/collections"));
  }

  /** Clicks and waits until the next page has replaced this one. */
  private void follow(By by) {
    follow(browser.findElement(by));
  }

  private void follow(WebElement target) {
    WebElement page = browser.findElement(By.tagName("html"));
    target.click();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> gone(page));
  }

  /**
   * Whether the page element belongs to a replaced document. Chromium reports that either as a stale element or,
   * during the swap, as an inspector error "does not belong to the document": both mean the old page is gone.
   */
  private static boolean gone(WebElement page) {
    try {
      page.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  private String heading() {
    return browser.findElement(By.tagName("h1")).getText();
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private String color(String css) {
    return browser.findElement(By.cssSelector(css)).getCssValue("color");
  }

  private boolean alertOpen() {
    try {
      browser.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  private static void screenshot(String name) throws IOException {
    Path target = Path.of("target");
    Files.createDirectories(target);
    Path shot = ((org.openqa.selenium.TakesScreenshot) (WebDriver) browser).getScreenshotAs(OutputType.FILE)
        .toPath();
    Files.copy(shot, target.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
