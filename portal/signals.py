from .models import Profile


def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile, however the account was made (sign-up, admin, create_user, fixtures)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
