from django.contrib import admin

from hromada.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "site_role", "language")
    list_filter = ("site_role",)
