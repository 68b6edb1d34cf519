"""On a phone (390x844), in Ukrainian and in English, no page of the demo scrolls sideways:
wide tables scroll inside their own box, charts fit their container (and are drawn), the
header wraps; no text is cut (no clipped one-line box, no KATOTTG code broken mid-number).

The walk takes every page the URL configuration offers for the demo municipality (routes
without parameters or with its code only) and every same-site link found on them (pages of
single records), one page per route pattern.
"""

from __future__ import annotations

import re

import pytest

from hromada.config.demo import DEMO_CODE, demo_seed
from tests.web.urlmatrix import all_routes

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SKIP = re.compile(r"(logout|/admin/|/language/|\.(csv|pdf|xlsx|json)$|/(csv|xlsx|pdf|export)/$)")
CHARTS_DONE = (
    "() => [...document.querySelectorAll('.vega-chart')]"
    ".every(e => e.dataset.rendered === '1' || e.dataset.rendered === 'error')"
)
# What sticks out: the elements wider than the window that no scrolling box contains.
OVERFLOW = """() => {
  const width = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let a = el.parentElement, held = false;
    while (a && !held) {
      held = ['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX);
      a = a.parentElement;
    }
    if (!held) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}px`);
  }
  return out.slice(0, 5);
}"""
# What is cut: text clipped by its own box (an ellipsis or hidden overflow on one line),
# and a KATOTTG code broken over two lines.
CUT = """() => {
  const out = [];
  for (const el of document.querySelectorAll('main *')) {
    const st = getComputedStyle(el);
    const clips = st.textOverflow === 'ellipsis'
      || (st.overflowX === 'hidden' && st.whiteSpace === 'nowrap');
    if (clips && el.textContent.trim() && el.scrollWidth > el.clientWidth + 1) {
      out.push(`cut: ${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // a code standing as a word (not a part of a longer key, such as an SDMX series')
    for (const m of n.textContent.matchAll(/(?<![\\w.])UA\\d{17}(?![\\w.])/g)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const lines = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
      if (lines.size > 1) out.push(`KATOTTG broken: ${m[0]}`);
    }
  }
  return out.slice(0, 5);
}"""


def _pattern(url: str) -> str:
    return re.sub(r"/\d+(?=/)", "/N", url.split("?")[0].split("#")[0])


def _start_urls() -> list[str]:
    urls = []
    for route in all_routes():
        if route.name.startswith(("admin:", "accounts:")):
            continue
        if not route.params:
            urls.append(route.url())
        elif route.params == ["code"]:
            urls.append(route.url(code=DEMO_CODE))
    return sorted(set(urls))


def _walk(context, base: str, language: str) -> tuple[int, list[str]]:
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_test_id(f"lang-{language}").click()
    page.wait_for_load_state()
    page.locator("input[name=username]").fill("demo")
    page.locator("input[name=password]").fill("demo-hromada-2026")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(rf"/m/{DEMO_CODE}/$"))
    assert page.locator("html").get_attribute("lang") == language

    todo = ["/accounts/password/", *_start_urls()]
    seen_patterns: set[str] = set()
    checked, wide = 0, []
    while todo:
        url = todo.pop(0)
        if SKIP.search(url) or _pattern(url) in seen_patterns:
            continue
        seen_patterns.add(_pattern(url))
        probe = context.request.get(base + url, max_redirects=0)
        kind = probe.headers.get("content-type", "")
        if (
            probe.status != 200
            or "text/html" not in kind
            or "attachment" in probe.headers.get("content-disposition", "")
        ):
            continue
        page.goto(base + url)
        page.wait_for_function(CHARTS_DONE, timeout=20000)
        checked += 1
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == PHONE["width"]
        if scroll > inner:
            wide.append(f"{url}: {scroll}px > {inner}px {page.evaluate(OVERFLOW)}")
        if language == "uk":  # chart numbers as the tables write them: 24 500 000, not 4,000,000
            english = page.eval_on_selector_all(
                ".vega-chart text",
                "els => els.map(e => e.textContent)"
                ".filter(t => /^[−-]?\\d{1,3}(,\\d{3}){2,}(\\.\\d+)?$/.test(t))",
            )
            if english:
                wide.append(f"{url}: chart numbers in English style: {english[:3]}")
        cut = page.evaluate(CUT)
        if cut:
            wide.append(f"{url}: text cut: {cut}")
        broken = page.locator(".vega-chart[data-rendered=error]")
        if broken.count():
            wide.append(f"{url}: chart not drawn: {broken.first.inner_text()[:200]}")
        for href in page.eval_on_selector_all(
            "main a[href^='/']:not([download])", "els => els.map(e => e.getAttribute('href'))"
        ):
            if _pattern(href) not in seen_patterns:
                todo.append(href.split("#")[0])
    page.close()
    return checked, wide


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_seed()
    for language in ("uk", "en"):
        # Not is_mobile: a mobile viewport zooms out to fit a page that is too wide, which
        # hides the very overflow this test looks for.
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        context.set_default_timeout(20000)
        try:
            checked, wide = _walk(context, live_server.url, language)
        finally:
            context.close()
        assert checked >= 30, f"{language}: only {checked} pages walked"
        assert not wide, f"{language}: pages wider than the phone:\n" + "\n".join(wide)


def test_fiscal_comparison_fits_a_laptop_screen(live_server, browser, settings):
    """At 1366 px the comparison with similar hromadas shows its last column without
    scrolling: headings wrap, figures do not."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_seed()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        for language in ("uk", "en"):
            page.get_by_test_id(f"lang-{language}").click()
            page.wait_for_load_state()
            if "/accounts/login/" in page.url:
                page.locator("input[name=username]").fill("demo")
                page.locator("input[name=password]").fill("demo-hromada-2026")
                page.get_by_test_id("login-submit").click()
                page.wait_for_url(re.compile(rf"/m/{DEMO_CODE}/$"))
            page.goto(live_server.url + f"/m/{DEMO_CODE}/territory/fiscal/")
            table = page.get_by_test_id("comparison")
            if not table.count():
                pytest.skip("no public fiscal data for the demo hromada")
            overflow = table.evaluate("t => t.scrollWidth - t.parentElement.clientWidth")
            assert overflow <= 0, f"{language}: the comparison is {overflow}px too wide"
    finally:
        context.close()
