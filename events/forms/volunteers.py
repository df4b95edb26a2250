"""The organizer's message to the volunteers of a role."""

from django import forms
from django.utils.translation import gettext_lazy

from ..models import VolunteerRole


class VolunteerMessageForm(forms.Form):
    role = forms.ModelChoiceField(label=gettext_lazy("To the volunteers of"), queryset=VolunteerRole.objects.none())
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = VolunteerRole.objects.filter(event=event)
