"""Every named URL of the project, walked from the URL configuration, so that a new view
is covered by the permission tests without anyone remembering to add it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str  # the joined route, e.g. "m/<str:code>/members/<int:pk>/role/"
    callback: object

    @property
    def params(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.pattern)

    def url(self, **values) -> str:
        def repl(match):
            return str(values[match.group(1)])

        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", repl, self.pattern)


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str | None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                full = f"{namespace}:{p.name}" if namespace else p.name
                routes.append(Route(full, prefix + str(p.pattern), p.callback))

    walk(get_resolver().url_patterns, "", None)
    return routes


def municipality_routes() -> list[Route]:
    """The routes that act on one municipality's data: those taking its code."""
    return [r for r in all_routes() if "code" in r.params and not r.name.startswith("admin:")]
