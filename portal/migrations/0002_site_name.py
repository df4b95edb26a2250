from django.db import migrations


def name_the_site(apps, schema_editor):
    # allauth greets residents with the site's name ("Hello from …"); example.com is no name for a portal.
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(pk=1, defaults={"domain": "127.0.0.1:8000", "name": "文化云 · Culture Portal"})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
