from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")
    card_provider = "exhibitions.cards.ExhibitionCards"  # portal.cards: its sections on home, /me/ and search
    # Celery: the queue of each task (portal.celery gathers every app's), and the beat entries.
    task_routes = {
        "exhibitions.tasks.publish_scheduled_exhibitions": {"queue": "default"},
        "exhibitions.services.images.process_image_job": {"queue": "media"},
    }
    beat_schedule = {
        # Scheduled exhibitions appear within five minutes of their publication time.
        "publish-scheduled-exhibitions": {"task": "exhibitions.tasks.publish_scheduled_exhibitions", "schedule": 300.0},
    }
    # Permissions each staff role gets for this app's models (see portal.roles); which organizer's
    # exhibitions a member may touch is decided by portal.scoping.
    role_permissions = {
        # Organizer staff curate their organizers' exhibitions: sections, items, images and tags.
        "organizer_staff": [
            "view_exhibition",
            "add_exhibition",
            "change_exhibition",
            "delete_exhibition",
            "view_section",
            "add_section",
            "change_section",
            "delete_section",
            "view_item",
            "add_item",
            "change_item",
            "delete_item",
            "view_itemimage",
            "add_itemimage",
            "change_itemimage",
            "delete_itemimage",
            "view_tag",
            "add_tag",
        ],
    }
    # Long jobs (portal.jobs): each kind's runner; an image's processing is reported on its job.
    job_runners = {"exhibitions.image": "exhibitions.services.images.run_image_job"}

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import ItemImage
        from .services import images

        # Deleting an image (or its item or exhibition) unpublishes its tiles and derivatives.
        post_delete.connect(images.unpublish_deleted, sender=ItemImage, dispatch_uid="exhibitions-image-files")
