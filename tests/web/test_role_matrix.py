"""The permission matrix, generated from the URL configuration so a new view is covered
without anyone remembering to add it: every municipality URL x every role x GET and POST.

Expected: anonymous -> sent to log in; a member of another municipality and a facilitator ->
404 (they must not even learn what exists); a member whose role is below the view's
minimum -> 403; everyone else passes the gate. Nothing a refused request touches changes.
"""

import pytest
from django.apps import apps

from hromada.workspaces.models import ROLE_RANK, Role
from tests.web.factories import PASSWORD, make_member, make_municipality, make_user
from tests.web.urlmatrix import municipality_routes

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "facilitator", "viewer", "editor", "owner"]


def _min_role(callback) -> str:
    view = callback
    while view is not None:
        if hasattr(view, "min_role"):
            return view.min_role
        view = getattr(view, "__wrapped__", None)
    raise AssertionError(f"{callback} is not gated")


def _row_counts():
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.app_label.startswith(
            (
                "workspaces",
                "economy",
                "planning",
                "monitoring",
                "collaboration",
                "diversify",
                "resilience",
            )
        )
    }


def test_every_route_every_role_every_method(client):
    m = make_municipality()
    other = make_municipality()
    users = {
        "outsider": make_member(other, "owner"),
        "facilitator": make_user(site_role="facilitator"),
        "viewer": make_member(m, "viewer"),
        "editor": make_member(m, "editor"),
        "owner": make_member(m, "owner"),
    }
    routes = municipality_routes()
    refused = 0
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.login(username=users[role].username, password=PASSWORD)
        for route in routes:
            kwargs = {
                p: (m.code if p == "code" else "economy.dataset" if p == "label" else 999999)
                for p in route.params
            }
            url = route.url(**kwargs)
            need = _min_role(route.callback)
            for method in ("get", "post"):
                before = _row_counts() if method == "post" else None
                status = getattr(client, method)(url, {}).status_code
                where = (role, method, route.name)
                if role == "anonymous":
                    assert status in (302, 405), where + (status,)
                elif role in ("outsider", "facilitator"):
                    assert status in (404, 405), where + (status,)
                elif ROLE_RANK[Role(role)] < ROLE_RANK[Role(need)]:
                    assert status in (403, 405), where + (status,)
                else:
                    # Past the gate. A page that viewers read may still refuse their
                    # writes (403 on POST); it never fails.
                    refusable = method == "post" and role == "viewer"
                    assert status != 500 and (status != 403 or refusable), where + (status,)
                    continue
                refused += 1
                if before is not None:
                    assert _row_counts() == before, where
    assert refused > len(routes) * 6
