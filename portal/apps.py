from allauth.account.signals import email_confirmed
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site, on which every admin accepts only its declared lookups."""

    default = False  # named in INSTALLED_APPS; "portal" itself is PortalConfig
    default_site = "portal.admin_lookups.AdminSite"


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal: people and places")
    role_permissions = {
        "organizer_staff": [
            "view_district",
            "view_organizer",
            "change_organizer",
            "view_venue",
            "add_venue",
            "change_venue",
            "delete_venue",
            "view_assistedaction",
        ],
        "moderator": ["view_user", "view_profile", "view_district", "view_organizer", "view_accountblock"],
    }

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)
        from .roles import ensure_roles_after_migrate

        post_save.connect(signals.create_profile, sender=self.get_model("User"), dispatch_uid="portal.create_profile")
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="portal.ensure_roles")
        email_confirmed.connect(signals.drop_unconfirmed_copies, dispatch_uid="portal.drop_unconfirmed_copies")
