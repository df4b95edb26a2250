from allauth.account.adapter import DefaultAccountAdapter

from .mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account mail goes through the outbox too, so a mail-server outage delays it instead of failing sign-up."""
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        queue_email(to=email, subject=message.subject, body=message.body, html_body=html)
