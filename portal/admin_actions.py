"""Admin actions that call services: one object at a time, refusals reported, input asked on a page of its own."""

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse


class ServiceActionsMixin:
    def _each(self, request, queryset, action, done_message):
        """Run `action` on every selected object; a refusal (a service's ValidationError) skips that one."""
        done = 0
        for obj in queryset:
            try:
                action(obj)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{obj}: {' '.join(exc.messages)}", messages.WARNING)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        return done

    def _ask_first(self, request, queryset, form_class, *, action, title, intro, submit_label, then, **form_kwargs):
        """Ask for the action's input on a page of its own; once it comes back valid, `then(cleaned_data)`."""
        form = form_class(request.POST if "apply" in request.POST else None, **form_kwargs)
        if form.is_valid():
            then(form.cleaned_data)
            return None
        return self._intermediate(
            request, queryset, action=action, form=form, title=title, intro=intro, submit_label=submit_label
        )

    def _intermediate(self, request, queryset, *, action, form, title, intro, submit_label):
        """The page that asks for an action's input (a reason, a message) before it runs."""
        return TemplateResponse(
            request,
            "admin/service_action_form.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "intro": intro,
                "submit_label": submit_label,
                "form": form,
                "queryset": queryset,
                "action": action,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )
