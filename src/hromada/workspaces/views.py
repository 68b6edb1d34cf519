"""Pages of a municipality's workspace: dashboard, members and invitations, settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
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
    WorkspaceRequestForm,
)
from hromada.workspaces.models import Invitation, Membership, Role
from hromada.workspaces.permissions import municipality_view
from hromada.workspaces.records import (
    deleted_record_list,
    record_get,
    record_restore,
    record_set_restricted,
    version_list,
    version_restore,
)


@login_required
def home(request):
    """Go to the last municipality used, else the only one, else the list to choose from
    (the site's home page, ``core:home``)."""
    memberships = selectors.membership_list(user=request.user)
    codes = [m.municipality.code for m in memberships]
    last = request.session.get("municipality")
    if last in codes:
        return redirect("workspaces:dashboard", code=last)
    if len(codes) == 1:
        return redirect("workspaces:dashboard", code=codes[0])
    return TemplateResponse(request, "core/home.html", {"memberships": memberships})


@municipality_view()
def dashboard(request):
    municipality = request.municipality
    progress = {entry["step"]: entry for entry in step_progress(municipality)}
    cycle = [
        progress.get(s, {"step": s, "label": label, "available": False})
        for s, label in STEPS.items()
    ]
    for entry in cycle:
        entry.setdefault("available", True)
    return TemplateResponse(
        request,
        "workspaces/dashboard.html",
        {
            "municipality": municipality,
            "cycle": cycle,
            "member_count": selectors.member_list(municipality=municipality).count(),
        },
    )


@municipality_view()
def members(request):
    municipality = request.municipality
    context = {
        "members": selectors.member_list(municipality=municipality),
        "invitations": selectors.invitation_open_list(municipality=municipality)
        if request.membership.has_role(Role.OWNER)
        else [],
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
        new = services.invitation_create(
            municipality=request.municipality, created_by=request.user, **form.cleaned_data
        )
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
            services.membership_set(
                municipality=request.municipality,
                user=membership.user,
                role=form.cleaned_data["role"],
            )
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
    """Request a workspace for a municipality: a facilitator or an administrator approves
    it and the requester becomes its owner. Administrators create one directly.
    Facilitators organise networks and do not own municipalities' data."""
    if profile_get(user=request.user).is_facilitator:
        messages.error(request, _("Facilitators cannot create municipality workspaces."))
        return redirect("core:home")
    direct = request.user.is_superuser
    if request.method == "POST" and request.POST.get("registry"):
        # Picked from the registry of all hromadas: the facts come from the public data,
        # not from the posted form.
        code = request.POST.get("code", "").strip()
        if not direct:
            row = selectors.registry_row(code)
            if row is None:
                messages.error(
                    request,
                    _(
                        "%(code)s is not in the registry of hromadas. Pick your hromada from "
                        "the search results."
                    )
                    % {"code": code or "–"},
                )
            else:
                services.workspace_request_create(
                    user=request.user, code=code, details=services.registry_fields(row)
                )
                messages.success(
                    request,
                    _(
                        "Request sent. A facilitator or an administrator "
                        "will look at it; you will find the workspace on "
                        "your home page once it is approved."
                    ),
                )
                return redirect("core:home")
        else:
            try:
                municipality = services.municipality_create_from_registry(
                    code=code, owner=request.user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                return redirect("workspaces:dashboard", code=municipality.code)
    form = (MunicipalityForm if direct else WorkspaceRequestForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if direct:
            municipality = services.municipality_create(owner=request.user, **form.cleaned_data)
            return redirect("workspaces:dashboard", code=municipality.code)
        services.workspace_request_create(
            user=request.user, code=form.cleaned_data["code"], details=form.cleaned_data
        )
        messages.success(
            request,
            _(
                "Request sent. A facilitator or an administrator will "
                "look at it; you will find the workspace on your home "
                "page once it is approved."
            ),
        )
        return redirect("core:home")
    return TemplateResponse(request, "workspaces/create.html", {"form": form, "direct": direct})


@login_required
def requests(request):
    """Workspace requests, for facilitators and administrators: approve or refuse."""
    if not services.may_decide_requests(request.user):
        raise Http404
    if request.method == "POST":
        pending = get_object_or_404(
            selectors.workspace_requests_pending(), pk=request.POST.get("pk") or 0
        )
        approve = request.POST.get("decision") == "approve"
        try:
            services.workspace_request_decide(request=pending, by=request.user, approve=approve)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Approved: the workspace was created.") if approve else _("Refused.")
            )
        return redirect("workspaces:requests")
    return TemplateResponse(
        request, "workspaces/requests.html", {"requests": selectors.workspace_requests_pending()}
    )


def invitation(request, token: str):
    """Show an invitation; a signed-in user accepts it, a new person creates an account."""
    invitation = services.invitation_get(token=token)
    if invitation is None or not invitation.is_open:
        return TemplateResponse(
            request,
            "workspaces/invitation_invalid.html",
            {"invitation": invitation},
            status=404 if invitation is None else 410,
        )
    signup = SignupForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST":
        user, new_user = request.user, None
        if not user.is_authenticated:
            if not signup.is_valid():
                return TemplateResponse(
                    request,
                    "workspaces/invitation.html",
                    {"invitation": invitation, "signup": signup},
                )
            # The account is created inside the acceptance, once the link is claimed.
            user, new_user = (
                None,
                {
                    "username": signup.cleaned_data["username"],
                    "password": signup.cleaned_data["password1"],
                    "validate": False,
                    "language": getattr(request, "LANGUAGE_CODE", ""),
                },
            )
        try:
            membership = services.invitation_accept(token=token, user=user, new_user=new_user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("core:home")
        if new_user is not None:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(name)s.") % {"name": membership.municipality})
        return redirect("workspaces:dashboard", code=membership.municipality.code)
    return TemplateResponse(
        request, "workspaces/invitation.html", {"invitation": invitation, "signup": signup}
    )


@municipality_view(Role.OWNER)
def trash(request):
    """Deleted records of every kind, restorable by owners."""
    return TemplateResponse(
        request,
        "workspaces/trash.html",
        {"items": deleted_record_list(municipality=request.municipality)},
    )


@require_POST
@municipality_view(Role.OWNER)
def trash_restore(request, label: str, pk: int):
    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    record_restore(obj=obj, by=request.user)
    messages.success(request, _("Restored: %(name)s") % {"name": obj})
    return redirect("workspaces:trash", code=request.municipality.code)


@municipality_view()
def history(request, label: str, pk: int):
    """Who changed what and when, for any record of the municipality."""
    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    return TemplateResponse(
        request,
        "workspaces/history.html",
        {
            "object": obj,
            "label": label,
            "versions": version_list(obj),
            "can_restore": request.membership.has_role(Role.EDITOR),
        },
    )


@require_POST
@municipality_view(Role.EDITOR)
def record_restricted(request, label: str, pk: int):
    """Mark any record restricted (``restricted=1``) or not (``restricted=0``)."""
    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    restricted = request.POST.get("restricted") == "1"
    record_set_restricted(obj=obj, restricted=restricted, by=request.user)
    messages.success(
        request,
        _("Marked restricted: it never leaves the municipality.")
        if restricted
        else _("No longer restricted."),
    )
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect("workspaces:history", code=request.municipality.code, label=label, pk=pk)


@require_POST
@municipality_view(Role.EDITOR)
def history_restore(request, label: str, pk: int, history_id: int):
    obj = record_get(municipality=request.municipality, label=label, pk=pk)
    try:
        version_restore(obj=obj, history_id=history_id, by=request.user)
        messages.success(request, _("The earlier version was restored."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("workspaces:history", code=request.municipality.code, label=label, pk=pk)
