"""The descriptions and vintages of the reference files
(:data:`hromada.refdata.locations.REFERENCE_FILES`), marked for translation.

The reference-data layer has no Django, so its English texts are listed here for
``makemessages`` and translated where they are shown (:mod:`hromada.core.data_sources`).
``tests/web/test_uk_text.py`` (the About page in Ukrainian) fails when an entry is added
there without one here."""

from __future__ import annotations

from django.utils.translation import gettext_noop

REFERENCE_TEXTS = (
    gettext_noop(
        "Registry of hromadas (KATOTTG codes, names, raion, oblast, type); 1,469 hromadas plus Crimea at rada level"
    ),
    gettext_noop("Oblasts: codes, Ukrainian and English names, macro-region, centre"),
    gettext_noop("Total and urban population of each hromada on 1 January 2022"),
    gettext_noop("War-zone flags at four dates of 2022, occupation status and deoccupation date"),
    gettext_noop(
        "Budget revenues of each hromada by source, years 2021, 2022 and 2023 (UAH; 2023 rows cover part of the year)"
    ),
    gettext_noop(
        "Hromada profile: centre coordinates, area, distance to Russia and the EU, war-zone flags, budget aggregates and more"
    ),
    gettext_noop("Internally displaced persons hosted by each hromada, thousands"),
    gettext_noop(
        "Consumer price index of Ukraine, previous month = 100, January 2000 to August 2026 (SDMX series INDEX_CONSUMPRICE.PREV_MONTH.UA00000000000000000.0.M)"
    ),
    gettext_noop(
        "Consumer price index of Ukraine by year: December to December (published) and annual average (derived from the monthly series)"
    ),
    gettext_noop(
        "Monthly budget revenues (cumulative from January) by income code and fund of 25 city and oblast budgets, as the OpenBudget API answers"
    ),
    gettext_noop("OpenBudget budget codes of the 25 cities and oblasts above"),
    gettext_noop("The budget income codes seen in those answers, with their official names"),
    gettext_noop("The columns of each OpenBudget localBudgetData answer"),
    gettext_noop(
        "Monthly (not cumulative) budget revenues by income code and fund (C general, S special) of the 25 city and oblast budgets, derived from the answers above by scripts/build_budget_monthly.py"
    ),
    gettext_noop("Budget codes of those budgets tied to the hromada (KATOTTG) they belong to"),
    gettext_noop(
        "KATOTTG codifier of administrative-territorial units down to settlements (edition of 07.07.2026)"
    ),
    gettext_noop(
        "KVED 2010 (DK 009:2010) with English NACE Rev. 2 names: code, level, parent, section, name_uk, name_en"
    ),
    gettext_noop(
        "Industry space: proximity between KVED divisions, groups and classes (pairs a < b, proximity > 0); US County Business Patterns 2019 (933 areas) through the NAICS 2017 -> NACE Rev. 2 correspondence, and Eurostat SBS 2015 (NUTS-2) for divisions"
    ),
    gettext_noop(
        "Complexity (PCI), ubiquity and employment share of each industry of the industry space, from the same reference areas; PCI left out (the Atlas's cut-off of the smallest industries) with the reason"
    ),
    gettext_noop(
        "Which industries each reference area is specialised in (RCA >= 1), for resampling the reference areas (rank stability)"
    ),
    gettext_noop(
        "Positions (spring layout, computed once) of the KVED divisions of the CBP industry space for drawing it"
    ),
    gettext_noop(
        "Links drawn in the division-level industry space (maximum spanning tree of proximity plus each division's two strongest links)"
    ),
    gettext_noop(
        "Rank correlation (Spearman) of the industry spaces with each other and with the Growth Lab's Metroverse proximity mapped to NACE, over shared pairs"
    ),
    gettext_noop(
        "OECD national input-output table, Belgium 2020 (45 ISIC rev. 4 industries); the OECD publishes Ukraine's table in the same layout"
    ),
    gettext_noop(
        "Eurostat Manual of Supply, Use and Input-Output Tables (2008), table 15.4 (Beutel)"
    ),
    gettext_noop(
        "Germany 2009, 6-sector example of the UN Handbook on Supply, Use and Input-Output Tables with Extensions and Applications (2018)"
    ),
    gettext_noop("Netherlands 2006, simplified 6-sector table of the Eurostat manual"),
    gettext_noop("Germany: employees subject to social insurance by Land and sector, 2008-2014"),
    gettext_noop(
        "Germany: firms, employment, population and area by Land and WZ 2008 section, 2015"
    ),
    gettext_noop("EU28, Iceland, Norway: employees by NACE A10 group, 2007-2016"),
    gettext_noop(
        "Public API of DREAM (Digital Restoration Ecosystem for Accountable Management), OpenAPI 3.0: the model of the DREAM project export"
    ),
    gettext_noop("territorial reform of 2020"),
    gettext_noop("1 January 2022"),
    gettext_noop("2022 (four dates) and September 2022 status"),
    gettext_noop("2021, 2022, 2023 (part year)"),
    gettext_noop("2000-01 to 2026-08"),
    gettext_noop("2021-01 to 2026-06"),
    gettext_noop("edition of 7 July 2026 (order No. 1321)"),
    gettext_noop("DK 009:2010"),
    gettext_noop("2020 (2023 edition)"),
    gettext_noop("textbook example (2008)"),
    gettext_noop("2009 (handbook of 2018)"),
    gettext_noop("2006 (manual of 2008)"),
)
