import time
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal.demo import DEMO_PASSWORD, DemoContext


def demo_modules():
    """(app config, module) for every installed app with a `demo` module defining `seed`, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            module = import_module(f"{app_config.name}.demo")
            if callable(getattr(module, "seed", None)):
                yield app_config, module


class Command(BaseCommand):
    help = (
        "Build the bilingual demo: districts, organizers, venues with photos, staff, a moderator and "
        "residents, then whatever each app's demo.py adds. Safe to run again: objects are found by "
        "natural key and updated, never duplicated. Each app's part runs in its own transaction, in "
        "INSTALLED_APPS order (portal first). Every app may add `<app>/demo.py` with `seed(context)`; "
        "see portal.demo.DemoContext. "
        f"Passwords: with --demo-passwords, or when not in production (DJANGO_DEBUG unset or 1), every "
        f"demo account gets the shared password {DEMO_PASSWORD!r}. Otherwise no demo account keeps a "
        "known password: new accounts get an unusable password, accounts still holding the demo password "
        "lose it, and a password someone set for an account is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-passwords",
            action="store_true",
            help=f"give every demo account the password {DEMO_PASSWORD!r}, even in production",
        )

    def handle(self, *args, demo_passwords=False, verbosity=1, **options):
        context = DemoContext(stdout=self.stdout, demo_passwords=demo_passwords or not settings.PRODUCTION)
        seeded = []
        for app_config, module in demo_modules():
            started = time.perf_counter()
            with transaction.atomic():
                module.seed(context)
            seeded.append(app_config)
            if verbosity:
                self.stdout.write(f"{app_config.label}: demo seeded in {time.perf_counter() - started:.1f} s")
        if verbosity:
            self.write_summary(context, seeded)

    def write_summary(self, context, seeded):
        models = [model for app_config in seeded for model in app_config.get_models()]
        models += [model for model in context.count_models if model not in models]
        self.stdout.write("\nDemo objects:")
        for model in models:
            self.stdout.write(f"  {model._meta.label:<28} {model._default_manager.count():>5}")
        if not context.demo_passwords:
            self.stdout.write(
                "\nNo demo account has a known password (production settings). Run with --demo-passwords "
                "to give them one, or `manage.py changepassword <username>`."
            )
            return
        width = max(len(username) for username, _ in context.accounts)
        role_width = max(len(role) for _, role in context.accounts)
        self.stdout.write(self.style.SUCCESS(f"\nDemo accounts (password {DEMO_PASSWORD}):"))
        self.stdout.write(f"  {'username':<{width}}  {'role':<{role_width}}  password")
        for username, role in context.accounts:
            self.stdout.write(f"  {username:<{width}}  {role:<{role_width}}  {DEMO_PASSWORD}")
