"""Pages of a municipality's workspace: dashboard, members and invitations, settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.services import profile_get
from hromada.core.navigation import STEPS
from hromada.core.progress import step_progress
from hromada.workspaces import selectors, services
from hromada.workspaces.forms import (
    InvitationForm,
    MunicipalityForm,
    MunicipalitySettingsForm,
    RoleForm,
    SignupForm,
)
from hromada.workspaces.models import Invitation, Membership, Role
from hromada.workspaces.permissions import municipality_view


@municipality_view()
def dashboard(request):
    municipality = request.municipality
    progress = {entry["step"]: entry for entry in step_progress(municipality)}
    cycle = [progress.get(s, {"step": s, "label": label, "available": False})
             for s, label in STEPS.items()]
    for entry in cycle:
        entry.setdefault("available", True)
    return TemplateResponse(request, "workspaces/dashboard.html", {
        "municipality": municipality,
        "cycle": cycle,
        "member_count": selectors.member_list(municipality=municipality).count(),
    })


@municipality_view()
def members(request):
    municipality = request.municipality
    context = {
        "members": selectors.member_list(municipality=municipality),
        "invitations": selectors.invitation_open_list(municipality=municipality)
        if request.membership.has_role(Role.OWNER) else [],
        "invite_form": InvitationForm(),
        "roles": Role.choices,
        "new_link": request.session.pop("new_invitation_link", None),
    }
    return TemplateResponse(request, "workspaces/members.html", context)


@require_POST
@municipality_view(Role.OWNER)
def invitation_create(request):
    form = InvitationForm(request.POST)
    if form.is_valid():
        new = services.invitation_create(municipality=request.municipality,
                                         created_by=request.user, **form.cleaned_data)
        link = request.build_absolute_uri(reverse("workspaces:invitation", args=[new.token]))
        # Shown once on the next page; the token itself is not stored.
        request.session["new_invitation_link"] = link
        messages.success(request, _("Invitation created. Send the link below; it works once."))
    else:
        messages.error(request, _("Check the invitation form."))
    return redirect("workspaces:members", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def invitation_revoke(request, pk: int):
    invitation = get_object_or_404(Invitation, pk=pk, municipality=request.municipality)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("workspaces:members", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def member_role(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, municipality=request.municipality)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set(municipality=request.municipality, user=membership.user,
                                    role=form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("workspaces:members", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def member_remove(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, municipality=request.municipality)
    try:
        services.membership_remove(membership=membership)
        messages.success(request, _("Member removed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("workspaces:members", code=request.municipality.code)


@municipality_view(Role.OWNER)
def settings_view(request):
    form = MunicipalitySettingsForm(request.POST or None, instance=request.municipality)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("workspaces:settings", code=request.municipality.code)
    return TemplateResponse(request, "workspaces/settings.html", {"form": form})


@login_required
def create(request):
    """Create a workspace for a municipality; its creator becomes owner.
    Facilitators organise networks and do not own municipalities' data."""
    if profile_get(user=request.user).is_facilitator:
        messages.error(request, _("Facilitators cannot create municipality workspaces."))
        return redirect("core:home")
    if request.method == "POST" and request.POST.get("registry"):
        # Picked from the registry of all hromadas: the facts come from the public data,
        # not from the posted form.
        from hromada.territory.services import municipality_create_from_registry

        try:
            municipality = municipality_create_from_registry(
                code=request.POST.get("code", ""), owner=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("workspaces:dashboard", code=municipality.code)
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        municipality = services.municipality_create(owner=request.user, **form.cleaned_data)
        return redirect("workspaces:dashboard", code=municipality.code)
    return TemplateResponse(request, "workspaces/create.html", {"form": form})


def invitation(request, token: str):
    """Show an invitation; a signed-in user accepts it, a new person creates an account."""
    invitation = services.invitation_get(token=token)
    if invitation is None or not invitation.is_open:
        return TemplateResponse(request, "workspaces/invitation_invalid.html",
                                {"invitation": invitation}, status=404 if invitation is None
                                else 410)
    signup = SignupForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST":
        user = request.user
        if not user.is_authenticated:
            if not signup.is_valid():
                return TemplateResponse(request, "workspaces/invitation.html",
                                        {"invitation": invitation, "signup": signup})
            from hromada.accounts.services import user_create

            user = user_create(username=signup.cleaned_data["username"],
                               password=signup.cleaned_data["password1"], validate=False,
                               language=getattr(request, "LANGUAGE_CODE", ""))
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        try:
            membership = services.invitation_accept(token=token, user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("core:home")
        messages.success(request, _("Welcome to %(name)s.") % {"name": membership.municipality})
        return redirect("workspaces:dashboard", code=membership.municipality.code)
    return TemplateResponse(request, "workspaces/invitation.html",
                            {"invitation": invitation, "signup": signup})


@municipality_view(Role.OWNER)
def trash(request):
    """Deleted records of every kind, restorable by owners."""
    from hromada.workspaces.records import deleted_record_list

    return TemplateResponse(request, "workspaces/trash.html",
                            {"items": deleted_record_list(municipality=request.municipality)})


@require_POST
@municipality_view(Role.OWNER)
def trash_restore(request, label: str, pk: int):
    from hromada.workspaces.records import record_get, record_restore

    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    record_restore(obj=obj, by=request.user)
    messages.success(request, _("Restored: %(name)s") % {"name": obj})
    return redirect("workspaces:trash", code=request.municipality.code)


@municipality_view()
def history(request, label: str, pk: int):
    """Who changed what and when, for any record of the municipality."""
    from hromada.workspaces.records import record_get, version_list

    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    return TemplateResponse(request, "workspaces/history.html", {
        "object": obj, "label": label, "versions": version_list(obj),
        "can_restore": request.membership.has_role(Role.EDITOR),
    })


@require_POST
@municipality_view(Role.EDITOR)
def history_restore(request, label: str, pk: int, history_id: int):
    from hromada.workspaces.records import record_get, version_restore

    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    try:
        version_restore(obj=obj, history_id=history_id, by=request.user)
        messages.success(request, _("The earlier version was restored."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("workspaces:history", code=request.municipality.code, label=label, pk=pk)
