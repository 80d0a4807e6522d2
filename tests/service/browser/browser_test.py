#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""caa serve in a real browser: headless Chromium, driven by Selenium, does what a person does
(opens the page, types a lab name, submits) and checks what that person would see: the verdict
banner, the finding code, the climb picture, the permalink. A screenshot of each result goes to
the output directory. Prints TAP.

usage: browser_test.py BASE_URL OUT_DIR     (BASE_URL like http://127.0.0.1:8053)
"""
import base64
import os
import re
import sys

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

# A check runs a diagnosis when the verdict is not "allowed"; the lab answers in well under a
# second, but a loaded 2-core machine is slow, so the wait is generous (it is a bound, not a
# timing assertion).
RESULT_WAIT_S = 60

CASES = [
    # (lab name, banner title, a finding code the page must show or None, screenshot name,
    #  words the climb picture must show or None)
    ("allowed.tour.test", "Allowed", None, "allowed", None),
    ("denied.tour.test", "Denied", "CAA_ISSUER_NOT_LISTED", "denied", None),
    ("notimp.test", "Lookup failure", "NS_NOTIMP_CAA", "servfail",
     "nsbad.test 127.53.0.10: NS_NOTIMP_CAA"),
    # delegated to the host's own 127.0.0.1, outside --allow-private: never asked, and the page
    # says so (tests/lab/zones/test.zone)
    ("loopback.test", "Lookup failure", "NS_PRIVATE_ADDRESS", "private-address",
     "nsloopback.test 127.0.0.1: not probed"),
]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.n += 1
        if not ok:
            self.failed += 1
        print(("ok" if ok else "not ok") + f" {self.n} - {what}")
        if not ok and detail:
            for line in str(detail).splitlines():
                print("# " + line)
        sys.stdout.flush()
        return ok


def make_driver(javascript=True, width=1200, height=900):
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                f"--window-size={width},{height}"):
        opts.add_argument(arg)
    # The console shows what a person never sees: script errors and Content-Security-Policy
    # refusals (an inline style or script the page relied on).
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        opts.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(options=opts, service=Service(executable_path="/usr/bin/chromedriver"))


def full_screenshot(driver, path):
    """The whole page, not just the window: what a person scrolls through."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def set_dark(driver, dark):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})


def submit_check(driver, base, name):
    driver.get(base + "/")
    field = driver.find_element(By.ID, "names")
    field.clear()
    field.send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "form.check button[type=submit]").click()
    return WebDriverWait(driver, RESULT_WAIT_S).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#verdict, [role=alert]")))


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(x) for x in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_rgb(css):
    m = re.match(r"rgba?\((\d+), (\d+), (\d+)", css)
    return tuple(int(x) for x in m.groups()) if m else None


def contrast_of(driver, element):
    """WCAG contrast of an element's text against the nearest opaque background."""
    fg, bg = driver.execute_script("""
        var el = arguments[0], fg = getComputedStyle(el).color, bg = null;
        for (var e = el; e; e = e.parentElement) {
            var c = getComputedStyle(e).backgroundColor;
            if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
        }
        return [fg, bg || 'rgb(255, 255, 255)'];""", element)
    a, b = luminance(parse_rgb(fg)), luminance(parse_rgb(bg))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05), fg, bg


def check_result(tap, driver, base, out, name, title, code, shot, svg_words):
    try:
        banner = submit_check(driver, base, name)
    except TimeoutException:
        tap.check(False, f"{name}: a result page appears", driver.page_source[:2000])
        return
    text = banner.text
    tap.check(title in text, f"{name}: the banner says {title!r}", f"banner: {text!r}")
    codes = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".finding-code")]
    if code is None:
        tap.check(not codes, f"{name}: no findings for a plain allowed", f"codes: {codes}")
    else:
        tap.check(code in codes, f"{name}: finding {code} is shown", f"codes: {codes}")
    svgs = driver.find_elements(By.CSS_SELECTOR, "figure.climb svg")
    tap.check(len(svgs) >= 1 and svgs[0].is_displayed() and svgs[0].size["height"] > 50,
              f"{name}: the climb picture is drawn")
    labels = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "figure.climb svg text")]
    tap.check(any(name in t for t in labels), f"{name}: the picture names the checked name",
              f"texts: {labels[:8]}")
    if svg_words is not None:
        tap.check(any(svg_words in t for t in labels), f"{name}: the picture shows {svg_words!r}",
                  f"texts: {labels}")
    for sel in ("#verdict", ".banner p"):
        ratio, fg, bg = contrast_of(driver, driver.find_element(By.CSS_SELECTOR, sel))
        tap.check(ratio >= 4.5, f"{name}: {sel} contrast {ratio:.1f}:1 >= 4.5:1", f"{fg} on {bg}")
    links = driver.find_elements(By.ID, "permalink")
    href = links[0].get_attribute("href") if links else ""
    tap.check(re.search(r"/r/[a-z2-7]{32}$", href or "") is not None,
              f"{name}: a permalink /r/<32 base32> is shown", f"href: {href!r}")
    full_screenshot(driver, os.path.join(out, f"{shot}.png"))
    if code is not None:
        copy = driver.find_elements(By.CSS_SELECTOR, ".finding button.copy")
        record = driver.find_elements(By.CSS_SELECTOR, ".fix-record code")
        if code == "CAA_ISSUER_NOT_LISTED":
            tap.check(copy and record and 'issue "letsencrypt.org"' in record[0].text,
                      f"{name}: the fix record has a copy button",
                      f"records: {[r.text for r in record]}")
    if href:
        driver.get(href)
        again = WebDriverWait(driver, RESULT_WAIT_S).until(
            EC.presence_of_element_located((By.ID, "verdict")))
        tap.check(title in again.text and driver.find_elements(By.CSS_SELECTOR, ".meta time"),
                  f"{name}: the permalink shows the same verdict and when it was taken")
        if code == "CAA_ISSUER_NOT_LISTED":
            driver.find_element(By.ID, "rerun").click()
            try:
                rerun = WebDriverWait(driver, RESULT_WAIT_S).until(
                    EC.presence_of_element_located((By.CSS_SELECTOR, "#verdict, [role=alert]")))
                tap.check(title in rerun.text, f"{name}: 'Check again now' checks again",
                          f"shown: {rerun.text!r}")
            except TimeoutException:
                tap.check(False, f"{name}: 'Check again now' checks again")


def console_problems(driver):
    """Console errors since the last call, but for the favicon the pages do not have."""
    return [e["message"] for e in driver.get_log("browser")
            if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")]


def check_tool(tap, driver, base, out, path, fill, want_code, want_text, shot):
    """A tools page: fill its form, submit, find the expected finding or output."""
    driver.get(base + path)
    for field_id, value in fill:
        el = driver.find_element(By.ID, field_id)
        if el.get_attribute("type") == "checkbox":
            if not el.is_selected():
                el.click()
        else:
            el.clear()
            el.send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    try:
        WebDriverWait(driver, RESULT_WAIT_S).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, ".finding, .outputs, [role=alert]")))
    except TimeoutException:
        tap.check(False, f"{path}: an answer appears", driver.page_source[:2000])
        return
    codes = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".finding-code")]
    if want_code is not None:
        tap.check(want_code in codes, f"{path}: finding {want_code} is shown", f"codes: {codes}")
    if want_text is not None:
        body = driver.find_element(By.TAG_NAME, "main").text
        tap.check(want_text in body, f"{path}: the page shows {want_text!r}", body[:1500])
    full_screenshot(driver, os.path.join(out, f"{shot}.png"))


def check_home(tap, driver, base, out):
    driver.get(base + "/")
    full_screenshot(driver, os.path.join(out, "home.png"))
    fields = driver.find_elements(By.CSS_SELECTOR, "form input[id], form select[id]")
    unlabelled = [f.get_attribute("id") for f in fields if f.get_attribute("type") != "hidden"
                  and not driver.find_elements(By.CSS_SELECTOR,
                                               f"label[for='{f.get_attribute('id')}']")]
    tap.check(fields and not unlabelled, "home: every field has a label",
              f"unlabelled: {unlabelled}")
    first_ca = driver.find_elements(By.CSS_SELECTOR, "#ca-list option")
    tap.check(first_ca and first_ca[0].get_attribute("value") == "letsencrypt.org",
              "home: Let's Encrypt is the first CA offered")
    # Keyboard only: type into the name field and press Enter.
    field = driver.find_element(By.ID, "names")
    field.send_keys("allowed.tour.test" + Keys.ENTER)
    try:
        banner = WebDriverWait(driver, RESULT_WAIT_S).until(
            EC.presence_of_element_located((By.ID, "verdict")))
        tap.check("Allowed" in banner.text, "home: Enter in the name field submits the check")
    except TimeoutException:
        tap.check(False, "home: Enter in the name field submits the check")


def check_hostile(tap, driver, base, out):
    hostile = '<script>alert(1)</script>"onmouseover=alert(2)'
    try:
        shown = submit_check(driver, base, hostile)
    except TimeoutException:
        tap.check(False, "hostile name: an answer appears", driver.page_source[:2000])
        return
    try:
        driver.switch_to.alert
        alerted = True
    except NoAlertPresentException:
        alerted = False
    tap.check(not alerted, "hostile name: no script ran")
    field = driver.find_elements(By.ID, "names")
    echoed = field[0].get_attribute("value") if field else shown.text
    tap.check("<script>" in echoed or "<script>" in shown.text,
              "hostile name: shown back as text", f"field: {echoed!r}; shown: {shown.text!r}")
    full_screenshot(driver, os.path.join(out, "hostile.png"))


def main():
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    tap = Tap()
    driver = make_driver()
    try:
        check_home(tap, driver, base, out)
        for name, title, code, shot, svg_words in CASES:
            check_result(tap, driver, base, out, name, title, code, shot, svg_words)
        problems = console_problems(driver)
        tap.check(not problems, "results: no script errors or CSP refusals in the console",
                  "\n".join(problems))
        check_hostile(tap, driver, base, out)
        console_problems(driver)  # the hostile name is a 400, as it should be
        check_tool(tap, driver, base, out, "/lint",
                   [("zone", 'example.com. 3600 IN CAA 0 issue "LetsEncrypt.org."\n')],
                   "ISSUER_TRAILING_DOT", "Line 1, column", "lint")
        check_tool(tap, driver, base, out, "/generate",
                   [("name", "example.com"), ("ca", "letsencrypt"), ("no_wildcard", "")],
                   None, 'example.com. IN CAA 0 issuewild ";"', "generate")
        check_tool(tap, driver, base, out, "/explain",
                   [("text", "DNS problem: SERVFAIL looking up CAA for notimp.test - the "
                             "domain's nameservers may be malfunctioning")],
                   "NS_NOTIMP_CAA", None, "explain")
        problems = console_problems(driver)
        tap.check(not problems, "tools: no script errors or CSP refusals in the console",
                  "\n".join(problems))
        # The same SERVFAIL page on a phone, in dark mode.
        driver.set_window_size(390, 844)
        set_dark(driver, True)
        banner = submit_check(driver, base, "notimp.test")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        tap.check(width <= 390, f"phone: no sideways scrolling ({width}px wide)")
        ratio, fg, bg = contrast_of(driver, banner)
        tap.check(ratio >= 4.5, f"dark: banner contrast {ratio:.1f}:1 >= 4.5:1", f"{fg} on {bg}")
        full_screenshot(driver, os.path.join(out, "servfail-phone-dark.png"))
    finally:
        driver.quit()
    # Without JavaScript the page still works: plain HTML form, server-rendered result.
    driver = make_driver(javascript=False)
    try:
        banner = submit_check(driver, base, "denied.tour.test")
        tap.check("Denied" in banner.text and not driver.find_elements(By.CSS_SELECTOR,
                                                                       "button.copy"),
                  "no JavaScript: the check works, without the copy buttons")
        full_screenshot(driver, os.path.join(out, "denied-nojs.png"))
    finally:
        driver.quit()
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
