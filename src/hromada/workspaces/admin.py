from django.contrib import admin

from hromada.workspaces.models import Invitation, Membership, Municipality


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name_uk", "name_en", "oblast_uk", "population")
    search_fields = ("code", "name_uk", "name_en")
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("municipality", "role", "email", "created_at", "expires_at", "accepted_at")
    exclude = ("token_hash",)
