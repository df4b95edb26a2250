from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .categories import Category
from .models import District, Profile


class SignupForm(forms.Form):
    """Extra, optional fields on allauth's sign-up form; allauth calls `signup` after creating the user."""

    display_name = forms.CharField(label=_("Display name"), max_length=80, required=False)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Choose your district (optional)"),
        error_messages={"invalid_choice": _("Choose a district from the list.")},
    )

    def signup(self, request, user):
        profile = user.profile
        profile.display_name = self.cleaned_data.get("display_name", "")
        profile.district = self.cleaned_data.get("district")
        profile.preferred_languages = [request.LANGUAGE_CODE] if getattr(request, "LANGUAGE_CODE", None) else []
        profile.save()


class ProfileForm(forms.ModelForm):
    preferred_languages = forms.MultipleChoiceField(
        label=_("Preferred languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"), choices=Category.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "district",
            "age_band",
            "preferred_languages",
            "interests",
            "large_text",
            "notification_frequency",
            "event_reminders",
            "personalisation_consent",
        ]
        help_texts = {
            "personalisation_consent": _(
                "Use your district, age band, interests and past sign-ups to suggest activities. "
                "You can withdraw this at any time."
            ),
            "notification_frequency": _("Tickets and account mail are always sent."),
        }
        error_messages = {"district": {"invalid_choice": _("Choose a district from the list.")}}
