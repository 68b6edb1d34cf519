"""Pages of the peer exchange. Group pages go through ``exchange.permissions.group_view``;
pages acting for one municipality take its code and go through ``municipality_view``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.core.exports import csv_response
from hromada.exchange import charts, guide, presentation, selectors, services
from hromada.exchange.forms import (
    CommentForm,
    GroupForm,
    InviteForm,
    LibraryFilterForm,
    PracticeForm,
    SessionForm,
    ShareForm,
    SnapshotForm,
)
from hromada.exchange.models import (
    MemberStatus,
    Session,
    Share,
    ShareKind,
)
from hromada.exchange.permissions import (
    group_of_municipality,
    group_view,
    is_facilitator,
)
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view
from hromada.workspaces.selectors import membership_list


def _errors(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You are not allowed to do that.")


# ---------------------------------------------------------------- overview
@login_required
def index(request):
    """The peer exchange home: my groups, invitations waiting, links to library and guide."""
    memberships = membership_list(user=request.user)
    invitations = [
        p
        for m in memberships
        if m.has_role(Role.OWNER)
        for p in selectors.municipality_places(m.municipality)
        if p.status == MemberStatus.INVITED
    ]
    return TemplateResponse(
        request,
        "exchange/index.html",
        {
            "groups": selectors.group_list(user=request.user),
            "facilitator": is_facilitator(request.user),
            "memberships": memberships,
            "invitations": invitations,
            "unread": selectors.notification_unread_count(user=request.user),
        },
    )


@login_required
def group_create(request):
    if not is_facilitator(request.user):
        messages.error(request, _("Only facilitators can create peer groups."))
        return redirect("exchange:index")
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.group_create(facilitator=request.user, **form.cleaned_data)
        messages.success(request, _("Group created. Now invite municipalities."))
        return redirect("exchange:group", group=group.pk)
    return TemplateResponse(request, "exchange/group_form.html", {"form": form})


@group_view()
def group_detail(request):
    group, access = request.group, request.group_access
    return TemplateResponse(
        request,
        "exchange/group.html",
        {
            "group": group,
            "access": access,
            "members": selectors.group_members(group),
            "pending": selectors.group_members(
                group, statuses=(MemberStatus.INVITED, MemberStatus.DECLINED)
            )
            if access.manage
            else [],
            "sessions": selectors.session_list(group),
            "shares": selectors.share_list(group),
            "invite_form": InviteForm(),
        },
    )


@group_view(manage=True)
def group_edit(request):
    form = GroupForm(request.POST or None, instance=request.group)
    if request.method == "POST" and form.is_valid():
        services.group_update(group=request.group, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("exchange:group", group=request.group.pk)
    return TemplateResponse(
        request, "exchange/group_form.html", {"form": form, "group": request.group}
    )


@require_POST
@group_view(manage=True)
def group_invite(request):
    form = InviteForm(request.POST)
    if form.is_valid():
        services.group_invite(group=request.group, by=request.user, code=form.cleaned_data["code"])
        # The same answer whether or not a workspace has this code.
        messages.success(
            request,
            _(
                "If a municipality with this code works in Hromada, its "
                "owners now see the invitation."
            ),
        )
    else:
        messages.error(request, _("Check the code: 'UA' followed by 17 digits."))
    return redirect("exchange:group", group=request.group.pk)


@require_POST
@group_view(manage=True)
def group_remove_member(request, member: int):
    place = selectors.group_member_get_or_404(request.group, member)
    services.group_remove(member=place, by=request.user)
    messages.success(request, _("Removed from the group."))
    return redirect("exchange:group", group=request.group.pk)


# ---------------------------------------------------------------- sessions
@group_view(manage=True)
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = services.session_create(group=request.group, by=request.user, **form.cleaned_data)
        messages.success(request, _("Session scheduled."))
        return redirect("exchange:session", group=request.group.pk, session=session.pk)
    return TemplateResponse(
        request, "exchange/session_form.html", {"form": form, "group": request.group}
    )


@group_view(manage=True)
def session_edit(request, session: int):
    obj = selectors.session_get(request.group, session)
    form = SessionForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        services.session_update(session=obj, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("exchange:session", group=request.group.pk, session=obj.pk)
    return TemplateResponse(
        request,
        "exchange/session_form.html",
        {"form": form, "group": request.group, "session": obj},
    )


def _session_context(request, session: Session) -> dict:
    subs = selectors.submissions(session)
    for s in subs:
        s["comments"] = selectors.comment_list(share=s["share"]) if s["share"] else []
    return {
        "group": request.group,
        "access": request.group_access,
        "session": session,
        "submissions": subs,
        "submitted": sum(1 for s in subs if s["share"] is not None),
        "comments": selectors.comment_list(session=session),
    }


@group_view()
def session_detail(request, session: int):
    obj = selectors.session_get(request.group, session)
    context = _session_context(request, obj)
    context["comment_form"] = CommentForm()
    return TemplateResponse(request, "exchange/session.html", context)


@require_POST
@group_view()
def session_comment(request, session: int):
    obj = selectors.session_get(request.group, session)
    _comment(request, session=obj)
    return redirect("exchange:session", group=request.group.pk, session=obj.pk)


@group_view()
def session_pdf(request, session: int):
    """The session summary as PDF (all submitted snapshots and the discussion)."""
    obj = selectors.session_get(request.group, session)
    language = request.GET.get("lang") or translation.get_language()
    if language not in ("uk", "en"):
        language = "uk"
    with translation.override(language):
        context = _session_context(request, obj)
        context["language"] = language
        html = render_to_string("exchange/session_pdf.html", context, request=request)
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="session-{obj.pk}-{language}.pdf"'
    return response


# ---------------------------------------------------------------- shared items
@group_view()
def share_detail(request, share: int):
    obj = selectors.share_get(request.group, share)
    chart = charts.kpi_history_chart(obj) if obj.kind == ShareKind.KPI else None
    return TemplateResponse(
        request,
        "exchange/share.html",
        {
            "group": request.group,
            "access": request.group_access,
            "share": obj,
            "comments": selectors.comment_list(share=obj),
            "comment_form": CommentForm(),
            "chart": chart,
        },
    )


@require_POST
@group_view()
def share_comment(request, share: int):
    obj = selectors.share_get(request.group, share)
    _comment(request, share=obj)
    if request.POST.get("next") == "session" and obj.session_id:
        return redirect("exchange:session", group=request.group.pk, session=obj.session_id)
    return redirect("exchange:share", group=request.group.pk, share=obj.pk)


def _comment(request, *, share: Share | None = None, session: Session | None = None) -> None:
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return
    mine = request.group_access.municipalities
    on_behalf = next(
        (m for m in mine if m.pk == form.cleaned_data.get("municipality")),
        mine[0] if mine else None,
    )
    services.comment_add(
        group=request.group,
        author=request.user,
        body=form.cleaned_data["body"],
        share=share,
        session=session,
        municipality=on_behalf,
    )
    messages.success(request, _("Comment posted."))


# ---------------------------------------------------------------- comparison
@group_view()
def compare(request):
    data = selectors.comparison(request.group)
    return TemplateResponse(
        request,
        "exchange/compare.html",
        {
            "group": request.group,
            "access": request.group_access,
            **data,
            "charts": charts.comparison_charts(request.group, data),
            "similar": [
                {
                    "municipality": r["municipality"],
                    "similar": selectors.similar_list(r["municipality"].code, k=3),
                }
                for r in data["members"]
            ],
        },
    )


@group_view()
def compare_csv(request, table: str):
    data = selectors.comparison(request.group)
    if table == "public":
        frame = charts.public_frame(data)
    elif table == "kpis":
        frame = presentation.kpi_history_frame(data["kpis"])
    else:
        raise Http404
    return csv_response(frame, f"group-{request.group.pk}-{table}")


# ---------------------------------------------------------------- library and guide
@login_required
def library(request):
    form = LibraryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.library(user=request.user, **{k: v or "" for k, v in filters.items()})
    return TemplateResponse(
        request,
        "exchange/library.html",
        {
            "form": form,
            "entries": entries,
            "sectors": selectors.library_sectors(selectors.library(user=request.user)),
        },
    )


@login_required
def practice_detail(request, pk: int):
    entry = selectors.practice_entry(user=request.user, pk=pk)
    return TemplateResponse(request, "exchange/practice.html", {"entry": entry})


@login_required
def guide_index(request):
    return TemplateResponse(request, "exchange/guide_index.html", {"steps": guide.steps()})


@login_required
def guide_step(request, step: str):
    info = guide.step_info(step)
    if info is None:
        raise Http404
    language = "en" if translation.get_language().startswith("en") else "uk"

    memberships = membership_list(user=request.user)
    return TemplateResponse(
        request,
        "exchange/guide_step.html",
        {
            "step": info,
            "steps": guide.steps(),
            "content_template": f"exchange/guide/{language}/{step}.html",
            "pages": guide.pages_for(step, memberships),
            "examples": selectors.library(user=request.user, step=step)[:5],
        },
    )


# ---------------------------------------------------------------- notifications
@login_required
def notifications(request):
    return TemplateResponse(
        request,
        "exchange/notifications.html",
        {"notes": selectors.notification_list(user=request.user)},
    )


@require_POST
@login_required
def notifications_read(request):
    pk = request.POST.get("pk")
    services.notification_read(user=request.user, pk=int(pk) if pk and pk.isdigit() else None)
    return redirect("exchange:notifications")


# ---------------------------------------------------------------- acting for a municipality
@municipality_view()
def municipality(request):
    """The municipality's side of the exchange: invitations, groups, what it shares where."""
    m = request.municipality
    places = selectors.municipality_places(m)
    active = [p for p in places if p.status == MemberStatus.ACTIVE]
    groups = []
    for p in active:
        groups.append(
            {
                "place": p,
                "group": p.group,
                "items": selectors.shareable_items(m, p.group),
                "sessions": [
                    {"session": s, "snapshot": selectors.snapshot_get(municipality=m, session=s)}
                    for s in selectors.session_list(p.group)
                ][:5],
            }
        )
    return TemplateResponse(
        request,
        "exchange/municipality.html",
        {
            "municipality": m,
            "invitations": [p for p in places if p.status == MemberStatus.INVITED],
            "groups": groups,
            "practices": selectors.practice_list(m),
            "is_owner": request.membership.has_role(Role.OWNER),
            "is_editor": request.membership.has_role(Role.EDITOR),
            "similar": selectors.similar_list(m.code, k=5),
        },
    )


@require_POST
@municipality_view(Role.OWNER)
def respond(request, group: int):
    place = group_of_municipality(request.municipality, group, statuses=(MemberStatus.INVITED,))
    accept = request.POST.get("accept") == "1"
    services.group_respond(member=place, by=request.user, accept=accept)
    messages.success(request, _("You joined the group.") if accept else _("Invitation declined."))
    return redirect("exchange:municipality", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def leave(request, group: int):
    place = group_of_municipality(request.municipality, group)
    services.group_leave(member=place, by=request.user)
    messages.success(request, _("You left the group; nothing of yours is shared with it now."))
    return redirect("exchange:municipality", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def share(request):
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to share."))
        return redirect("exchange:municipality", code=request.municipality.code)
    place = group_of_municipality(request.municipality, form.cleaned_data["group"])
    kind = form.cleaned_data["kind"]
    item = selectors.share_item_get_or_404(
        request.municipality, kind, form.cleaned_data.get("item")
    )
    try:
        services.share_create(
            municipality=request.municipality,
            group=place.group,
            kind=kind,
            by=request.user,
            item=item,
        )
        messages.success(request, _("Shared with %(group)s.") % {"group": place.group})
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    return redirect("exchange:municipality", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def share_revoke(request, pk: int):
    obj = selectors.own_share_get_or_404(request.municipality, pk)
    services.share_revoke(share=obj, by=request.user)
    messages.success(request, _("No longer shared."))
    return redirect("exchange:municipality", code=request.municipality.code)


@require_POST
@municipality_view(Role.OWNER)
def share_refresh(request, pk: int):
    obj = selectors.own_share_get_or_404(request.municipality, pk, active=True)
    try:
        obj = services.share_refresh(share=obj, by=request.user)
        if obj.revoked_at is not None:
            messages.error(
                request, _("The item was deleted or restricted; it is no longer shared.")
            )
        else:
            messages.success(request, _("The shared values are up to date."))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("exchange:municipality", code=request.municipality.code)


@municipality_view(Role.EDITOR)
def snapshot(request, session: int):
    """Write (or generate from the plan) the snapshot for a session, and submit it."""
    m = request.municipality
    obj = selectors.session_any_get_or_404(session)
    group_of_municipality(m, obj.group_id)  # 404 unless an active member of its group
    snap = selectors.snapshot_get(municipality=m, session=obj)
    initial = {**snap.values(), "restricted": snap.restricted} if snap else {}
    form = SnapshotForm(request.POST or None, initial=initial)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "generate":
                services.snapshot_generate(municipality=m, session=obj, by=request.user)
                messages.success(
                    request,
                    _(
                        "Snapshot generated from your plan. Check it, "
                        "add your questions, then submit."
                    ),
                )
            elif form.is_valid():
                services.snapshot_save(
                    municipality=m, session=obj, by=request.user, **form.cleaned_data
                )
                if action == "submit":
                    if not request.membership.has_role(Role.OWNER):
                        raise PermissionDenied(_("Only owners can share with a group."))
                    services.snapshot_submit(municipality=m, session=obj, by=request.user)
                    messages.success(request, _("Snapshot submitted to the group."))
                else:
                    messages.success(request, _("Saved."))
            else:
                messages.error(request, _("Check the form."))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _errors(exc))
        return redirect("exchange:snapshot", code=m.code, session=obj.pk)
    submitted = (
        selectors.shared_keys(m, obj.group_id).get((ShareKind.SNAPSHOT, snap.pk)) if snap else None
    )
    return TemplateResponse(
        request,
        "exchange/snapshot_form.html",
        {
            "form": form,
            "session": obj,
            "snapshot": snap,
            "submitted": submitted,
            "municipality": m,
            "is_owner": request.membership.has_role(Role.OWNER),
            "can_generate": selectors.plan_selectors() is not None,
        },
    )


@municipality_view(Role.EDITOR)
def practice_create(request):
    return _practice_form(request, None)


@municipality_view(Role.EDITOR)
def practice_edit(request, pk: int):
    return _practice_form(request, selectors.practice_get_or_404(request.municipality, pk))


def _practice_form(request, practice):
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_save(
                municipality=request.municipality,
                by=request.user,
                practice=practice,
                **form.cleaned_data,
            )
            messages.success(request, _("Saved."))
            return redirect("exchange:municipality", code=request.municipality.code)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    return TemplateResponse(
        request,
        "exchange/practice_form.html",
        {"form": form, "practice": practice, "municipality": request.municipality},
    )
