"""The catalog import in the admin: a form on the resources' list that starts an import job (portal.jobs)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.exports import csv_response
from portal.scoping import managed_organizers

from ..errors import LibraryError
from ..models import Resource
from ..services import imports


class ImportForm(forms.Form):
    metadata = forms.FileField(
        label=gettext_lazy("Catalog file"),
        help_text=gettext_lazy("CSV with Dublin Core columns (see the template), MARC 21 (.mrc) or MARCXML (.xml)."),
    )
    files = forms.FileField(
        label=gettext_lazy("Files (ZIP)"),
        required=False,
        help_text=gettext_lazy(
            "Optional: a ZIP archive with the files that the file column names, by their path in it."
        ),
    )
    organizer = forms.ModelChoiceField(label=gettext_lazy("Organizer"), queryset=None)
    access = forms.ChoiceField(
        label=gettext_lazy("Access"),
        choices=Resource.Access.choices,
        initial=Resource.Access.OPEN,
        help_text=gettext_lazy("For new resources whose record gives no access level."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = managed_organizers(user)
        self.fields["organizer"].queryset = organizers
        if len(organizers[:2]) == 1:
            self.fields["organizer"].initial = organizers[0]

    def clean_metadata(self):
        metadata = self.cleaned_data["metadata"]
        imports.check_metadata_file(metadata)  # a LibraryError is a ValidationError: shown on the field
        return metadata

    def clean_files(self):
        archive = self.cleaned_data.get("files")
        if archive:
            imports.check_files_archive(archive)
        return archive


class ImportViewsMixin:
    """On the Resource admin: "Import CSV or MARC" and "Download the CSV template" (change_list.html)."""

    change_list_template = "admin/library/resource/change_list.html"
    import_template = "admin/library/resource/import.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="library_resource_import"),
            path("import/template.csv", wrap(self.import_template_view), name="library_resource_import_template"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                job = imports.start_import(
                    metadata=form.cleaned_data["metadata"],
                    files_archive=form.cleaned_data["files"] or None,
                    organizer=form.cleaned_data["organizer"],
                    access=form.cleaned_data["access"],
                    by_user=request.user,
                )
            except LibraryError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(request, _("The import has started; this page shows its progress."), messages.SUCCESS)
                return redirect(reverse("admin:portal_backgroundjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import CSV or MARC"),
            "form": form,
            "columns": imports.COLUMNS,
            "max_file_mb": settings.LIBRARY_MAX_FILE_MB,
        }
        return TemplateResponse(request, self.import_template, context)

    def import_template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return csv_response(imports.template_rows(), "library-import-template.csv")
