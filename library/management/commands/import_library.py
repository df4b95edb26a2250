"""manage.py import_library FILE --organizer SLUG [--files ZIP_OR_DIR] [--access open].

The admin's import (library.services.imports), run in process: it needs no worker.
"""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from library.errors import LibraryError
from library.models import Resource
from library.services import imports
from portal import jobs
from portal.models import BackgroundJob, Organizer


class Command(BaseCommand):
    help = (
        "Import a CSV (Dublin Core columns), MARC 21 (.mrc) or MARCXML file into an organizer's catalog, "
        "here and now (no worker needed); prints the report of every record and a summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV, .mrc or MARCXML file.")
        parser.add_argument("--organizer", required=True, help="The slug of the organizer whose catalog it fills.")
        parser.add_argument(
            "--files",
            default="",
            help="A ZIP archive or a folder with the files that the file column names (paths relative to it).",
        )
        parser.add_argument(
            "--access",
            default=Resource.Access.OPEN,
            choices=Resource.Access.values,
            help="Access of new resources whose record gives none (default: open).",
        )

    def handle(self, *args, **options):
        organizer = Organizer.objects.filter(slug=options["organizer"]).first()
        if organizer is None:
            raise CommandError(f"No organizer with the slug {options['organizer']!r}.")
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"No file {source}.")
        if options["files"] and not Path(options["files"]).exists():
            raise CommandError(f"No ZIP archive or folder {options['files']}.")
        try:
            with source.open("rb") as handle:
                job = imports.import_now(
                    metadata=File(handle, name=source.name),
                    organizer=organizer,
                    access=options["access"],
                    files_path=options["files"],
                )
        except LibraryError as exc:
            raise CommandError(exc.message) from exc
        for entry in job.report:
            line = f"{entry['row']:>6}  {entry['outcome']:<8} {entry.get('label', '')}"
            if entry["message"]:
                line += f"  {entry['message']}"
            self.stdout.write(self.style.ERROR(line) if entry["outcome"] == jobs.REFUSED else line)
        tally = jobs.counts(job)
        if job.message:
            self.stdout.write(job.message)
        summary = (
            f"Job {job.pk}: {job.get_status_display()}. {tally[jobs.CREATED]} created, "
            f"{tally[jobs.UPDATED]} updated, {tally[jobs.REFUSED]} refused."
        )
        if job.status == BackgroundJob.Status.FAILED:
            raise CommandError(f"{summary} {job.message}")
        self.stdout.write(self.style.SUCCESS(summary) if not tally[jobs.REFUSED] else self.style.WARNING(summary))
