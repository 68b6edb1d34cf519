"""Bytes transferred and load time of the main pages on a slow link, cold and warm.

Run: .venv/bin/python benchmarks/bench_pages.py [--base-url URL] [--kbps 1000] [--rtt 300]

Without --base-url the script prepares the demo in a temporary folder (migrate, collect
static files, seed) and starts ``hromada serve`` on a free port, as a deployment would.
Chromium (Debian's /usr/bin/chromium, or chromium on PATH) is throttled through the
DevTools protocol (Network.emulateNetworkConditions: 1 Mbit/s down and up, 300 ms
latency by default). For each page:

- cold: a new browser context (empty cache), signed in, the page opened;
- warm: the same page opened again in that context (static files from the cache).

Load time is from navigation to the load event and every chart drawn. Transferred bytes
are the encoded (on-the-wire) sizes of all responses. Targets of issue 21: a cold chart
page under 350 KB, a warm one under 60 KB, the diagnosis under 5 s cold, HTML under 60 KB
compressed (the "HTML KB" column: the document alone, as sent). The figures of the last run
are in docs/deploy.md. The demo has no KPI: on its own demo the bench adds one (three
updates); against --base-url without one, "follow-up KPI" prints "(none in the demo)". It saves a resilience scenario itself (a 30-day blackout of half the electricity).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

DEMO_CODE = "UA63040090000021240"
PAGES = [
    ("dashboard", "/m/{code}/"),
    ("assess", "/m/{code}/assess/"),
    ("diagnosis", None),  # the demo dataset's diagnosis, found on the Assess page
    ("population", "/m/{code}/assess/population/"),
    ("territory profile", "/m/{code}/territory/"),
    ("fiscal", "/m/{code}/territory/fiscal/"),
    ("plan", "/m/{code}/plan/"),
    ("collaborate", "/m/{code}/collaborate/"),
    ("diversify", "/m/{code}/diversify/"),
    ("diversify industries", "/m/{code}/diversify/industries/"),
    ("industry space", "/m/{code}/diversify/space/"),
    ("resilience", "/m/{code}/resilience/"),
    ("resilience scenario", None),  # a scenario saved by the bench (the demo has none)
    ("follow-up", "/m/{code}/follow-up/"),
    ("follow-up KPI", None),  # the first KPI linked from the follow-up page (SEED_KPI)
    ("methodology guide", "/exchange/guide/"),
    ("report PDF", "/m/{code}/follow-up/report.pdf?lang=uk"),  # cold: its first generation
]
CHARTS_DONE = (
    "() => [...document.querySelectorAll('.vega-chart')]"
    ".every(e => e.dataset.rendered === '1' || e.dataset.rendered === 'error')"
)


#: A KPI with three updates, so the follow-up KPI page has a chart (the demo has no KPI).
SEED_KPI = """
import datetime as dt, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.config.settings")
import django
django.setup()
from hromada.config.demo import DEMO_CODE
from hromada.monitoring.models import KpiUpdate
from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal
from hromada.workspaces.models import Municipality
m = Municipality.objects.get(code=DEMO_CODE)
sg = StrategicGoal.objects.create(municipality=m, code="9", title="Економіка")
og = OperationalGoal.objects.create(municipality=m, strategic_goal=sg, code="9.1", title="Робочі місця")
kpi = Kpi.objects.create(
    municipality=m, operational_goal=og, indicator="Нові робочі місця", unit="місць",
    baseline_value=100, baseline_year=2026, target_value=160, target_date=dt.date(2026, 9, 30),
)
for month, value in ((3, 110), (5, 125), (7, 140)):
    KpiUpdate.objects.create(municipality=m, kpi=kpi, date=dt.date(2026, month, 1), value=value)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(home: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "HROMADA_HOME": str(home)}
    hromada = [sys.executable, "-m", "hromada"]
    subprocess.run(
        [*hromada, "demo", "--no-server"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    subprocess.run([sys.executable, "-c", SEED_KPI], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [*hromada, "serve", "--port", str(port), "--workers", "1", "--no-migrate"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The worker runs the diagnosis the demo queues.
    worker = subprocess.Popen(
        [*hromada, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    server.worker = worker
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/health/", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not start")


def _throttle(page, kbps: int, rtt: int):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")  # signed in, but nothing cached: a cold visit
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": rtt,
            "downloadThroughput": kbps * 1000 / 8,
            "uploadThroughput": kbps * 1000 / 8,
        },
    )
    sizes: dict = {"documents": set()}
    cdp.on(
        "Network.responseReceived",
        lambda e: e.get("type") == "Document" and sizes["documents"].add(e["requestId"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e.get("encodedDataLength", 0)),
    )
    return sizes


def _clear(sizes) -> None:
    documents = sizes.get("documents", set())
    documents.clear()
    sizes.clear()
    sizes["documents"] = documents


def _visit(page, sizes, url: str) -> tuple[float, int, int]:
    """Seconds, bytes transferred in all, bytes of the HTML document (compressed)."""
    _clear(sizes)
    start = time.perf_counter()
    if url.split("?")[0].endswith(".pdf"):  # a download: fetched by the page, throttled
        page.evaluate("u => fetch(u).then(r => r.arrayBuffer()).then(b => b.byteLength)", url)
    else:
        page.goto(url, wait_until="load")
        page.wait_for_function(CHARTS_DONE, timeout=120000)
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(300)  # let the last loadingFinished events arrive
    documents = sizes["documents"]
    html = int(sum(v for k, v in sizes.items() if k in documents))
    return elapsed, int(sum(v for k, v in sizes.items() if k != "documents")), html


def _sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("[data-testid=login-submit]").click()
    page.wait_for_load_state()


def _diagnosis_path(browser, base: str, args) -> str:
    context = browser.new_context()
    page = context.new_page()
    _sign_in(page, base, args.username, args.password)
    page.goto(base + f"/m/{DEMO_CODE}/assess/")
    link = page.locator("main a[href*='/assess/datasets/']").first.get_attribute("href")
    page.goto(base + link)  # wait until the worker has computed it (the page swaps it in)
    page.wait_for_selector(".vega-chart[data-rendered='1']", timeout=300000)
    context.close()
    return link.split("#")[0]


def _scenario_path(browser, base: str, args) -> str | None:
    """Run the default resilience scenario and save it: the page of a saved scenario."""
    context = browser.new_context()
    page = context.new_page()
    _sign_in(page, base, args.username, args.password)
    page.goto(base + f"/m/{DEMO_CODE}/resilience/")
    row = page.get_by_test_id("shock-electricity")  # a 30-day blackout of half the supply
    row.locator('input[name="electricity_on"]').check()
    row.locator('input[name="electricity_share"]').fill("50")
    row.locator('input[name="electricity_days"]').fill("30")
    page.get_by_test_id("run").click()
    page.wait_for_load_state()
    save = page.get_by_test_id("save-form")
    if not save.count():
        context.close()
        return None
    save.locator("input[name=name]").fill("bench")
    page.get_by_test_id("save").click()
    page.wait_for_load_state()
    path = _first_link(page, base, f"/m/{DEMO_CODE}/resilience/", r"/resilience/\d+/$")
    context.close()
    return path


def _first_link(page, base: str, start: str, pattern: str) -> str | None:
    page.goto(base + start)
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    import re

    return next((h for h in hrefs if re.search(pattern, h)), None)


def _kpi_path(browser, base: str, args) -> str | None:
    context = browser.new_context()
    page = context.new_page()
    _sign_in(page, base, args.username, args.password)
    path = _first_link(page, base, f"/m/{DEMO_CODE}/follow-up/", r"/follow-up/kpis/\d+/$")
    context.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", help="a running instance with the demo seeded")
    parser.add_argument("--kbps", type=int, default=1000, help="link speed, kbit/s")
    parser.add_argument("--rtt", type=int, default=300, help="latency, ms")
    parser.add_argument("--only", nargs="*", help="only these pages (names as printed)")
    parser.add_argument("--username", default="demo")
    parser.add_argument("--password", default="demo-hromada-2026")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    server, home = None, None
    base = args.base_url
    if not base:
        home = Path(tempfile.mkdtemp(prefix="hromada-bench-"))
        server, base = _start_server(home)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            print(f"{args.kbps} kbit/s, {args.rtt} ms; {base}")
            print(
                f"{'page':22} {'HTML KB':>8} {'cold KB':>8} {'cold s':>7} {'warm KB':>8} "
                f"{'warm s':>7}"
            )
            finders = {
                "diagnosis": _diagnosis_path,
                "resilience scenario": _scenario_path,
                "follow-up KPI": _kpi_path,
            }
            for name, path in PAGES:
                if args.only and name not in args.only:
                    continue
                if path is None:
                    path = finders[name](browser, base, args)
                if path is None:
                    print(f"{name:22} (none in the demo)", flush=True)
                    continue
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                _sign_in(page, base, args.username, args.password)
                page.goto("about:blank")
                sizes = _throttle(page, args.kbps, args.rtt)  # clears the cache: cold
                url = base + path.format(code=DEMO_CODE)
                if url.split("?")[0].endswith(".pdf"):  # fetch() needs a page of the site
                    page.goto(base + f"/m/{DEMO_CODE}/follow-up/")
                    sizes = _throttle(page, args.kbps, args.rtt)
                cold_s, cold_b, html_b = _visit(page, sizes, url)
                warm_s, warm_b, _html = _visit(page, sizes, url)
                print(
                    f"{name:22} {html_b / 1024:8.0f} {cold_b / 1024:8.0f} {cold_s:7.1f} "
                    f"{warm_b / 1024:8.0f} {warm_s:7.1f}",
                    flush=True,
                )
                context.close()
            browser.close()
    finally:
        if server is not None:
            for process in (server, server.worker):
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
