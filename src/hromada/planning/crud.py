"""Create / edit / delete pages for the simple records of the plan, the follow-up and the
collaboration apps, built the same way: a scoped ModelForm, saved through
``record_save`` (validated, versioned, with the author), soft delete."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.planning.services import record_delete, record_save
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view


def _back(request, default: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return default


def crud_views(*, model, form_class, back: str, history_slug: str, save=None):
    """(edit, delete) views for ``model``. ``back`` names the list page (takes code);
    ``save(form, request)`` overrides the default save."""

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
            obj = form.save(commit=False)
            if save is not None:
                save(form, request)
            else:
                m2m = {
                    name: form.cleaned_data[name]
                    for name, f in form.fields.items()
                    if hasattr(f, "queryset")
                    and getattr(f.widget, "allow_multiple_selected", False)
                }
                record_save(instance=obj, by=request.user, m2m=m2m)
            messages.success(request, _("Saved."))
            return redirect(_back(request, default))
        return TemplateResponse(
            request,
            "planning/form.html",
            {
                "form": form,
                "object": instance if pk is not None else None,
                "verbose_name": model._meta.verbose_name,
                "back": _back(request, default),
                "history_slug": history_slug,
            },
            status=400 if form.errors else 200,
        )

    @require_POST
    @municipality_view(Role.EDITOR)
    def delete(request, pk: int):
        obj = get_object_or_404(model, pk=pk, municipality=request.municipality)
        record_delete(instance=obj, by=request.user)
        messages.success(request, _("Deleted. It can be restored from its history."))
        return redirect(_back(request, reverse(back, args=[request.municipality.code])))

    return edit, delete
