from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


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
        "moderator": ["view_user", "view_profile", "view_district", "view_organizer"],
    }

    def ready(self):
        from . import signals
        from .roles import ensure_roles_after_migrate

        post_save.connect(signals.create_profile, sender=self.get_model("User"), dispatch_uid="portal.create_profile")
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="portal.ensure_roles")
