"""Small defect 10: every label a person sees in the admin is French — column headers and
field labels are set explicitly, never derived from an English field name."""

from django.contrib import admin
from django.contrib.admin.utils import label_for_field

# Field names that are French words already.
ENGLISH_DEFAULTS_ALLOWED = {"id", "code", "zone", "session", "version", "pages"}


def derived(name):
    return name.replace("_", " ").strip().lower()


def test_admin_column_headers_and_field_labels_are_french():
    untranslated = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("inscrinet",):
            continue
        for name in model_admin.list_display:
            if name == "__str__":
                continue
            label = str(label_for_field(name, model, model_admin))
            if label.lower() == derived(name) and name not in ENGLISH_DEFAULTS_ALLOWED:
                untranslated.append(f"{model.__name__}.{name}")
        for field in model._meta.get_fields():
            if getattr(field, "auto_created", False) or not hasattr(field, "verbose_name"):
                continue
            label = str(field.verbose_name).lower()
            if label == derived(field.name) and field.name not in ENGLISH_DEFAULTS_ALLOWED:
                untranslated.append(f"{model.__name__}.{field.name} (field)")
    assert untranslated == []
