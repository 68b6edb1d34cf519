"""Each server worker warms the PDF report's converters once, in the background, so an
officer's first report does not pay vl-convert's start-up (issue 21)."""

from __future__ import annotations

import sys


def test_each_gunicorn_worker_warms_up(monkeypatch):
    from hromada.config import gunicorn_hooks
    from hromada.core import charts

    calls = []
    monkeypatch.setattr(charts, "warm_up", lambda: calls.append("warm"))
    gunicorn_hooks.post_worker_init(worker=None)
    assert calls == ["warm"]


def test_serve_hands_gunicorn_the_hooks(monkeypatch):
    import gunicorn.app.wsgiapp

    from hromada.cli import web

    argv = []
    monkeypatch.setattr(web, "_django", lambda: None)
    monkeypatch.setattr(web, "_collectstatic", lambda: None)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: argv.extend(sys.argv))
    monkeypatch.setattr(sys, "argv", ["hromada"])
    web.serve.callback(host="127.0.0.1", port=1, workers=1, threads=1, migrate=False)
    assert argv[argv.index("--config") + 1] == "python:hromada.config.gunicorn_hooks"


def test_warm_up_renders_a_chart_and_imports_the_report_libraries():
    from hromada.core.charts import warm_up

    assert warm_up(background=False) is None
    assert "weasyprint" in sys.modules and "statsmodels.tsa.seasonal" in sys.modules
