"""Staff roles as groups with permissions.

Each app lists what its roles may do in `role_permissions` on its AppConfig, so a new app adds
its permissions without touching this module. Which organizer's objects a member of a role may
touch is decided by portal.scoping, not by the group.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

ORGANIZER_STAFF = "Organizer staff"
MODERATOR = "Moderator"
ROLES = {"organizer_staff": ORGANIZER_STAFF, "moderator": MODERATOR}


def ensure_roles():
    """Create or update the role groups; safe to run again at any time."""
    for key, group_name in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for app_config in apps.get_app_configs():
            for codename in getattr(app_config, "role_permissions", {}).get(key, []):
                wanted.append((app_config.label, codename))
        permissions = [
            Permission.objects.get(content_type__app_label=label, codename=codename) for label, codename in wanted
        ]
        group.permissions.set(permissions)


def ensure_roles_after_migrate(app_config, **kwargs):
    # post_migrate fires once per app that has a models module (apps without models get none);
    # permissions of every app exist only after the last of those.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is with_models[-1]:
        ensure_roles()


def is_moderator(user):
    """Moderators review proposals, hide comments and block accounts: the Moderator group, or a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATOR).exists()
