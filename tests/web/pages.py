"""Render every page a signed-in owner can reach, for checks that must hold on all pages."""

from __future__ import annotations

from hromada.workspaces.services import invitation_create
from tests.web.factories import PASSWORD, make_member, make_municipality
from tests.web.urlmatrix import all_routes


def reachable_pages(client) -> dict[str, object]:
    """{url: response} for every GET-able page without object ids, as an owner."""
    m = make_municipality()
    owner = make_member(m, "owner")
    new = invitation_create(municipality=m, created_by=owner)
    urls = {"/accounts/login/", f"/m/invitation/{new.token}/"}
    anonymous = {u: client.get(u) for u in urls}
    client.login(username=owner.username, password=PASSWORD)
    for route in all_routes():
        if route.name.startswith(("admin:", "accounts:logout")):
            continue
        if not route.params:
            urls.add(route.url())
        elif route.params == ["code"]:
            urls.add(route.url(code=m.code))
    pages = dict(anonymous)
    for url in sorted(urls - set(anonymous)):
        pages[url] = client.get(url)
    return pages
