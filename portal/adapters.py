from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from .links import absolute_url, public_site
from .mail import queue_email

# The links allauth puts into its mails (confirm, reset, sign up), built from the request's host.
LINK_KEYS = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account mail goes through the outbox too, so a mail-server outage delays it instead of failing sign-up.

        The templates greet with `current_site` and may name `email`: both are given, as allauth's own
        send_mail does, with the portal's name and SITE_URL's host. Links are moved onto SITE_URL, so
        account mail and ticket mail point at the same public address whatever host the request used.
        """
        context = {"request": allauth_context.request, "email": email, "current_site": public_site(), **context}
        for key in LINK_KEYS:
            if context.get(key):
                link = urlsplit(context[key])
                context[key] = absolute_url(link.path + (f"?{link.query}" if link.query else ""))
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        queue_email(to=email, subject=message.subject, body=message.body, html_body=html)

    def format_email_subject(self, subject):
        return f"[{public_site().name}] {subject}"
