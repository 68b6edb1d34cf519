"""Create / edit / delete pages for a municipality's simple records, built one way: a
scoped ModelForm, saved through a service (by default
:func:`hromada.workspaces.records.record_save`: validated, versioned, with the author),
soft delete; and the three URLs of such a record.

Used by the plan, the follow-up, the collaboration and the Diversify and Resilience
steps. It sits in the tenancy layer, not in ``core``, because every page is gated by
:func:`hromada.workspaces.permissions.municipality_view`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view
from hromada.workspaces.records import record_delete, record_save

DELETED = gettext_lazy("Deleted. It can be restored from its history.")


def back_url(request, default: str) -> str:
    """The page to return to: a safe ``next`` of the request, else ``default``."""
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return default


def delete_view(
    *,
    model,
    delete: Callable,
    back: str,
    message=DELETED,
):
    """A POST-only, editor-only view that soft-deletes one record of the municipality.

    ``delete(obj, by)`` is the app's service; ``back`` names the page to return to (its
    URL takes the municipality's code) unless the form posts a safe ``next``.
    """

    @require_POST
    @municipality_view(Role.EDITOR)
    def view(request, pk: int):
        obj = get_object_or_404(model, pk=pk, municipality=request.municipality)
        delete(obj, request.user)
        messages.success(request, str(message))
        return redirect(back_url(request, reverse(back, args=[request.municipality.code])))

    return view


def _m2m(form) -> dict:
    """The form's many-to-many choices, to set after the record is saved."""
    return {
        name: form.cleaned_data[name]
        for name, f in form.fields.items()
        if hasattr(f, "queryset") and getattr(f.widget, "allow_multiple_selected", False)
    }


def crud_views(
    *,
    model,
    form_class,
    back: str,
    history_slug: str,
    template: str,
    save: Callable | None = None,
    delete: Callable | None = None,
):
    """(edit, delete) views for ``model``.

    ``back`` names the list page (its URL takes the code); ``template`` renders the form
    (with ``form``, ``object``, ``verbose_name``, ``back``, ``history_slug``).
    ``save(instance=, by=, m2m=)`` and ``delete(instance=, by=)`` are the app's services;
    by default the generic :func:`~hromada.workspaces.records.record_save` and
    :func:`~hromada.workspaces.records.record_delete`.
    """
    save = save or record_save
    delete = delete or record_delete

    @municipality_view(Role.EDITOR)
    def edit(request, pk: int | None = None):
        municipality = request.municipality
        instance = (
            get_object_or_404(model, pk=pk, municipality=municipality)
            if pk is not None
            else model(municipality=municipality)
        )
        initial = {}
        for name in form_class.Meta.fields:  # ?operational_goal=3 pre-selects a parent
            if name in request.GET and request.GET[name].isdigit():
                initial[name] = int(request.GET[name])
        form = form_class(
            request.POST or None, instance=instance, initial=initial, municipality=municipality
        )
        default = reverse(back, args=[municipality.code])
        if request.method == "POST" and form.is_valid():
            save(instance=form.save(commit=False), by=request.user, m2m=_m2m(form))
            messages.success(request, _("Saved."))
            return redirect(back_url(request, default))
        return TemplateResponse(
            request,
            template,
            {
                "form": form,
                "object": instance if pk is not None else None,
                "verbose_name": model._meta.verbose_name,
                "back": back_url(request, default),
                "history_slug": history_slug,
            },
            status=400 if form.errors else 200,
        )

    def _delete(obj, by):
        delete(instance=obj, by=by)

    return edit, delete_view(model=model, delete=_delete, back=back)


def crud_urls(prefix: str, edit, delete, name: str, *, edit_path: str = "<int:pk>/") -> list:
    """The create, edit and delete URLs of a record kind: ``<name>_create`` at
    ``<prefix>/new/``, ``<name>_edit`` at ``<prefix>/<edit_path>``, ``<name>_delete`` at
    ``<prefix>/<int:pk>/delete/``."""
    return [
        path(f"{prefix}/new/", edit, name=f"{name}_create"),
        path(f"{prefix}/{edit_path}", edit, name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/delete/", delete, name=f"{name}_delete"),
    ]
