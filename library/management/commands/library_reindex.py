from django.core.management.base import BaseCommand

from library.services import search_index


class Command(BaseCommand):
    help = "Index every library resource for search again (after a restore, or when subjects were renamed)."

    def handle(self, *args, **options):
        count = search_index.rebuild()
        self.stdout.write(f"Indexed {count} resources.")
