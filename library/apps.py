import logging

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")
    card_provider = "library.cards.LibraryCards"  # portal.cards: its sections on home, /me/ and search
    # Permissions each staff role gets for this app's models (see portal.roles).
    role_permissions = {
        "organizer_staff": [
            # The catalog (library.admin.catalog): staff describe and withdraw their organizers' resources
            # (never delete them: loans keep their history) and add subjects to the shared vocabulary.
            "view_resource",
            "add_resource",
            "change_resource",
            "view_resourceimage",
            "add_resourceimage",
            "change_resourceimage",
            "delete_resourceimage",
            "view_collection",
            "add_collection",
            "change_collection",
            "view_subject",
            "add_subject",
        ],
    }
    # Long jobs this app runs (portal.jobs): kind -> runner.
    job_runners = {"library.import": "library.services.imports.run_import"}

    def ready(self):
        import jieba

        from .models import Resource
        from .services import search_index

        # jieba's dictionary is loaded once per process, here, not by the first search or save.
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        post_delete.connect(search_index.on_resource_deleted, sender=Resource, dispatch_uid="library_search_index")
