from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")
    card_provider = "exhibitions.cards.ExhibitionCards"  # portal.cards: its sections on home, /me/ and search
    # Celery: the queue of each task (portal.celery gathers every app's).
    task_routes = {
        "exhibitions.services.images.process_image_job": {"queue": "media"},
    }
    # Long jobs (portal.jobs): each kind's runner; an image's processing is reported on its job.
    job_runners = {"exhibitions.image": "exhibitions.services.images.run_image_job"}
    # Permissions each staff role gets for this app's models (see portal.roles).
    role_permissions = {}

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import ItemImage
        from .services import images

        # Deleting an image (or its item or exhibition) unpublishes its tiles and derivatives.
        post_delete.connect(images.unpublish_deleted, sender=ItemImage, dispatch_uid="exhibitions-image-files")
