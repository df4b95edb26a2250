import logging

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")
    card_provider = "library.cards.LibraryCards"  # portal.cards: its sections on home, /me/ and search
    # Mail this app sends by reference (portal.messaging), rendered when it is delivered or digested.
    messages = {
        "hold_ready": "library.services.notifications.hold_ready",
        "loan_due_soon": "library.services.notifications.loan_due_soon",
        "loan_ended": "library.services.notifications.loan_ended",
    }
    # Celery: the queue of each task (portal.celery gathers every app's), and the beat entries.
    task_routes = {
        "library.tasks.expire_loans": {"queue": "default"},
        "library.tasks.expire_reservations": {"queue": "default"},
        "library.tasks.send_loan_due_soon_notices": {"queue": "email"},
    }
    beat_schedule = {
        # Loans past their due date end; their copies go to the first hold in each queue.
        "library-expire-loans": {"task": "library.tasks.expire_loans", "schedule": 300.0},
        # Reservations nobody used in LIBRARY_HOLD_HOURS end; the copy goes to the next in line.
        "library-expire-reservations": {"task": "library.tasks.expire_reservations", "schedule": 300.0},
        # "Your loan ends soon", once per loan, a day before its due date.
        "library-loan-due-soon": {"task": "library.tasks.send_loan_due_soon_notices", "schedule": 3600.0},
    }
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
            # Lending (library.admin.lending): their organizers' loans and holds, and ending a loan ("return").
            "view_loan",
            "change_loan",
            "view_hold",
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
