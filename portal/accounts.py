from allauth.account.models import EmailAddress


def has_verified_email(user):
    """Registering, voting and borrowing need a confirmed address: allauth's EmailAddress.verified, nothing else."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()
