package dev.rein.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.LanguageModel;
import dev.rein.serve.ServerAssets;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab page in a real browser (headless chromium) on the embedded default model and on stories260K: the heatmaps
 * render with the model's dimensions, a patching sweep finishes, and moving the steering slider changes the steered
 * text. Screenshots of each panel go to target/lab-screenshots.
 */
class LabBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "lab-screenshots");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void defaultModel() throws Exception {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            drive(model, "default");
        }
    }

    @Test
    void stories260K() throws Exception {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            drive(model, "stories260K");
        }
    }

    private static void drive(LanguageModel model, String name) throws IOException {
        int layers = model.config().numLayers();
        int heads = model.config().attention().numHeads();
        ChromeDriver driver = Browser.open(Path.of("target", "chromium-profiles"));
        try (LabServer server = LabServer.start(model, name, new ServerAssets(model), "127.0.0.1", 0)) {
            driver.get("http://127.0.0.1:" + server.port() + "/");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> text(d, "run-status").equals("done") || text(d, "run-status").contains("error"));
            assertEquals("done", text(driver, "run-status"));
            int t = model.tokenizer().encode(value(driver, "prompt")).length;

            assertEquals(t, driver.findElements(By.cssSelector("#tokens .token")).size());
            assertEquals(List.of(t, layers, t * layers), dimensions(driver, "lens-chart"));
            assertEquals(List.of(t, t, t * (t + 1) / 2), dimensions(driver, "attn-chart"));
            assertEquals(layers * heads + 1, driver.findElements(By.cssSelector("#head-scores tr")).size());
            assertDrawn(driver, "lens-chart");
            assertDrawn(driver, "attn-chart");
            assertEquals(5, hoverTopTokens(driver, wait), "the lens tooltip lists the top 5");
            new Select(driver.findElement(By.id("attn-layer"))).selectByValue(String.valueOf(layers - 1));
            wait.until(d -> chartTitle(driver, "attn-chart").equals("layer " + (layers - 1) + ", head 0"));
            assertEquals(List.of(t, t, t * (t + 1) / 2), dimensions(driver, "attn-chart"));
            screenshot(driver, "lens-chart", name + "-lens");
            screenshot(driver, "attention-row", name + "-attention");

            int patched = model.tokenizer().encode(value(driver, "clean")).length;
            driver.findElement(By.id("patch-run")).click();
            wait.until(d -> !text(d, "patch-status").startsWith("patching"));
            assertTrue(text(driver, "patch-status").startsWith("done"), text(driver, "patch-status"));
            for (String site : List.of("resid_pre", "attn_out", "mlp_out")) {
                assertEquals(List.of(patched, layers, patched * layers), dimensions(driver, "patch-" + site), site);
            }
            assertEquals(List.of(heads, layers, heads * layers), dimensions(driver, "patch-z"));
            assertDrawn(driver, "patch-resid_pre");
            screenshot(driver, "patch-charts", name + "-patching");

            driver.findElement(By.id("build")).click();
            wait.until(d -> !text(d, "build-status").startsWith("building"));
            assertTrue(text(driver, "build-status").startsWith("built"), text(driver, "build-status"));
            driver.findElement(By.id("generate")).click();
            wait.until(d -> text(d, "generate-status").equals("done (strength 0)"));
            String unsteered = text(driver, "steered");
            assertEquals(text(driver, "plain"), unsteered);
            assertFalse(unsteered.isBlank());
            WebElement slider = driver.findElement(By.id("strength"));
            for (int step = 0; step < 16; step++) slider.sendKeys(Keys.ARROW_RIGHT);   // 0.5 a step: to 8
            wait.until(d -> text(d, "generate-status").equals("done (strength 8)"));
            assertEquals(unsteered, text(driver, "plain"));
            assertNotEquals(unsteered, text(driver, "steered"));
            screenshot(driver, "steering", name + "-steering");
        } finally {
            driver.quit();
        }
    }

    private static String text(org.openqa.selenium.WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String value(ChromeDriver driver, String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    /** [x categories, y categories, cells] of the ECharts heatmap drawn in element {@code id}. */
    private static List<Integer> dimensions(ChromeDriver driver, String id) {
        Object answer = driver.executeScript("const chart = echarts.getInstanceByDom(document.getElementById("
                + "arguments[0])); const o = chart.getOption(); return [o.xAxis[0].data.length, "
                + "o.yAxis[0].data.length, o.series[0].data.length];", id);
        return ((List<?>) answer).stream().map(n -> ((Number) n).intValue()).toList();
    }

    private static String chartTitle(ChromeDriver driver, String id) {
        return (String) driver.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().title[0].text;", id);
    }

    /** Hovers the lens's first cell (ECharts' showTip) and counts the tokens its tooltip lists. */
    private static int hoverTopTokens(ChromeDriver driver, WebDriverWait wait) {
        driver.executeScript("echarts.getInstanceByDom(document.getElementById('lens-chart'))"
                + ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});");
        String tooltip = wait.until(d -> {
            Object html = ((ChromeDriver) d).executeScript("const tips = [...document.querySelectorAll('#lens-chart "
                    + "div')].filter(div => div.innerHTML.includes('hook_resid_post'));"
                    + "return tips.length === 0 ? null : tips[tips.length - 1].innerHTML;");
            return (String) html;
        });
        return tooltip.split("<br>").length - 1;
    }

    /** The chart's canvas has a size and is not blank. */
    private static void assertDrawn(ChromeDriver driver, String id) {
        Object painted = driver.executeScript("const canvas = document.querySelector('#' + arguments[0] + ' canvas');"
                + "if (!canvas || canvas.width === 0) return 0; const pixels = canvas.getContext('2d')"
                + ".getImageData(0, 0, canvas.width, canvas.height).data; let coloured = 0;"
                + "for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && (pixels[i] < 200 "
                + "|| pixels[i + 2] < 200)) coloured++; return coloured;", id);
        assertTrue(((Number) painted).intValue() > 1000, id + ": " + painted + " coloured pixels");
    }

    private static void screenshot(ChromeDriver driver, String id, String file) throws IOException {
        WebElement element = driver.findElement(By.id(id));
        driver.executeScript("arguments[0].scrollIntoView()", element);
        Path shot = element.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot, SCREENSHOTS.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
