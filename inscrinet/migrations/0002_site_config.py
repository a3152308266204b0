from django.db import migrations


def create_site_config(apps, schema_editor):
    from inscrinet.site import site_config_ensure

    site_config_ensure(apps.get_model("dsfr", "DsfrConfig"))


class Migration(migrations.Migration):
    dependencies = [
        ("inscrinet", "0001_initial"),
        ("dsfr", "0012_dsfrconfig_notice_description_and_more"),
    ]

    operations = [migrations.RunPython(create_site_config, migrations.RunPython.noop)]
