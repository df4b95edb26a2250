from .models import Profile


def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile, however the account was made (sign-up, admin, create_user, fixtures)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


def drop_unconfirmed_copies(sender, email_address, **kwargs):
    """Once someone confirms an address, other accounts' unconfirmed copies of it go (see account_forms)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(email__iexact=email_address.email, verified=False).exclude(
        user_id=email_address.user_id
    ).delete()
