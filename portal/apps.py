from allauth.account.signals import email_confirmed
from celery.schedules import crontab
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
            "view_backgroundjob",
        ],
        "moderator": ["view_user", "view_profile", "view_district", "view_organizer", "view_accountblock"],
    }
    # Celery: the queue of each task (portal.celery gathers every app's), and the beat entries.
    task_routes = {
        "portal.tasks.deliver_email": {"queue": "email"},
        "portal.tasks.send_pending_emails": {"queue": "email"},
        "portal.tasks.send_daily_digests": {"queue": "email"},
        "portal.tasks.send_weekly_digests": {"queue": "email"},
        "portal.media.make_thumbnail": {"queue": "media"},
        "portal.tasks.make_venue_thumbnail": {"queue": "media"},
        "portal.interactions.flush_interactions": {"queue": "analytics"},
        "portal.jobs.run_job": {"queue": "default"},
    }
    beat_schedule = {
        # Mail that could not be handed to the broker or the mail server is retried from the database.
        "send-pending-emails": {"task": "portal.tasks.send_pending_emails", "schedule": 60.0},
        # Reading and borrowing traces buffered in Redis are written to the database in batches.
        "flush-interactions": {"task": "portal.interactions.flush_interactions", "schedule": 60.0},
        # Residents who chose a daily or weekly digest get their updates gathered into one email.
        "send-daily-digests": {"task": "portal.tasks.send_daily_digests", "schedule": crontab(hour=7, minute=30)},
        "send-weekly-digests": {
            "task": "portal.tasks.send_weekly_digests",
            "schedule": crontab(day_of_week=1, hour=8, minute=0),
        },
    }

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)
        from .roles import ensure_roles_after_migrate

        post_save.connect(signals.create_profile, sender=self.get_model("User"), dispatch_uid="portal.create_profile")
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="portal.ensure_roles")
        email_confirmed.connect(signals.drop_unconfirmed_copies, dispatch_uid="portal.drop_unconfirmed_copies")
