"""Django admin for the catalog, for superusers only (the DEC's académie-scoped screens are
the `management` app)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from inscrinet import models as m
from inscrinet.actors import SystemActor
from inscrinet.login_guard import client_ip
from inscrinet.services.audit import audit_record


def _is_superuser(request):
    return request.user.is_active and request.user.is_superuser


def administrator(request) -> SystemActor:
    return SystemActor(name=f"administrateur {request.user.get_username()}", ip=client_ip(request))


def _shown(value) -> str:
    return "" if value is None else str(value)[:200]


class AuditedAdminMixin:
    """Every save and delete made in the admin is an audit row (the admin wraps each in a
    transaction: the row goes with the write). Passwords are never among the values."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [f for f in form.changed_data if "password" not in f]
        with transaction.atomic():
            audit_record(
                actor=administrator(request),
                action="admin.modification" if change else "admin.creation",
                target=obj,
                changes={
                    f: [_shown(form.initial.get(f)), _shown(form.cleaned_data.get(f))]
                    for f in changed
                },
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(actor=administrator(request), action="admin.suppression", target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit_record(actor=administrator(request), action="admin.suppression", target=obj)
            super().delete_queryset(request, queryset)


class SuperuserOnlyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    def has_module_permission(self, request):
        return _is_superuser(request)

    def has_view_permission(self, request, obj=None):
        return _is_superuser(request)

    def has_add_permission(self, request):
        return _is_superuser(request)

    def has_change_permission(self, request, obj=None):
        return _is_superuser(request)

    def has_delete_permission(self, request, obj=None):
        return _is_superuser(request)


@admin.register(m.User)
class InscrinetUserAdmin(AuditedAdminMixin, UserAdmin):
    list_display = ["username", "academie", "dec_role", "is_superuser", "is_active"]
    list_filter = ["academie", "dec_role", "is_superuser", "is_active"]
    list_select_related = ["academie"]
    fieldsets = UserAdmin.fieldsets + (("Périmètre", {"fields": ["academie", "dec_role"]}),)

    def has_module_permission(self, request):
        return _is_superuser(request)


@admin.register(m.Academie)
class AcademieAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "code", "dec_email", "dec_phone"]
    search_fields = ["name", "code"]


@admin.register(m.Exam)
class ExamAdmin(SuperuserOnlyAdmin):
    list_display = ["code", "label", "grade_under_10", "mobile_phone_required"]


class EpreuveInline(admin.TabularInline):
    model = m.Epreuve
    fields = ["order", "code", "label", "parent", "kind", "is_eps", "progressive_choosable"]
    extra = 0


@admin.register(m.Specialty)
class SpecialtyAdmin(SuperuserOnlyAdmin):
    list_display = ["label", "code", "exam"]
    list_filter = ["exam"]
    list_select_related = ["exam"]
    search_fields = ["label", "code"]
    inlines = [EpreuveInline]


class EpreuveOptionInline(admin.TabularInline):
    model = m.EpreuveOption
    extra = 0


@admin.register(m.Epreuve)
class EpreuveAdmin(SuperuserOnlyAdmin):
    list_display = ["code", "label", "specialty", "parent", "kind", "is_eps"]
    list_filter = ["specialty__exam", "kind", "is_eps"]
    list_select_related = ["specialty", "specialty__exam", "parent"]
    search_fields = ["code", "label", "specialty__label"]
    inlines = [EpreuveOptionInline]


@admin.register(m.Categorie)
class CategorieAdmin(SuperuserOnlyAdmin):
    list_display = ["label", "code", "exam", "kind", "allows_globale", "allows_progressive"]
    list_filter = ["exam", "kind"]
    list_select_related = ["exam"]


@admin.register(m.Etablissement)
class EtablissementAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "code", "city", "academie", "is_fictitious", "inscription_open"]
    list_filter = ["academie", "is_fictitious", "is_cfa", "ccf_habilitated", "inscription_open"]
    list_select_related = ["academie"]
    search_fields = ["name", "code", "city"]
    filter_horizontal = ["exams"]


class EpsPairInline(admin.TabularInline):
    model = m.EpsPair
    extra = 0


class PieceInline(admin.TabularInline):
    model = m.PieceRequirement
    extra = 0


@admin.register(m.Session)
class SessionAdmin(SuperuserOnlyAdmin):
    list_display = ["__str__", "public_opens_at", "public_closes_at", "locked"]
    list_filter = ["exam", "academie", "locked"]
    list_select_related = ["exam", "academie"]
    inlines = [EpsPairInline, PieceInline]


class DiplomaEpreuveInline(admin.TabularInline):
    model = m.DiplomaEpreuve
    extra = 0


@admin.register(m.Diploma)
class DiplomaAdmin(SuperuserOnlyAdmin):
    list_display = ["label", "code"]
    search_fields = ["label", "code"]
    inlines = [DiplomaEpreuveInline]


@admin.register(m.Right)
class RightAdmin(SuperuserOnlyAdmin):
    list_display = ["source", "target", "kind"]
    list_filter = ["kind", "target__specialty"]
    list_select_related = ["source", "source__diploma", "target", "target__specialty"]
    raw_id_fields = ["source", "target"]


class PreviousResultInline(admin.TabularInline):
    model = m.PreviousResult
    extra = 0
    raw_id_fields = ["source"]


@admin.register(m.PreviousCandidate)
class PreviousCandidateAdmin(SuperuserOnlyAdmin):
    list_display = ["birth_name", "first_names", "academie", "exam", "redoublant_number"]
    list_filter = ["academie", "exam"]
    list_select_related = ["academie", "exam"]
    search_fields = ["birth_name", "redoublant_number", "ivae_number", "ine_number"]
    inlines = [PreviousResultInline]


class ReadOnlyAdmin(SuperuserOnlyAdmin):
    """Rows written only by the services: shown, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.ConfirmationEmail)
class ConfirmationEmailAdmin(ReadOnlyAdmin):
    """Emails that failed after every retry show here for the DEC to follow up."""

    list_display = ["version", "to", "state", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "version__dossier__session__academie"]
    list_select_related = ["version__dossier"]
    search_fields = ["to", "=version__dossier__number"]


@admin.register(m.Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["version", "kind", "pages", "size", "sha256", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["version__dossier"]


@admin.register(m.Dossier)
class DossierAdmin(ReadOnlyAdmin):
    """Dossiers change only through the services (versions, transitions)."""

    list_display = ["numero", "session", "birth_name", "first_names", "specialty", "state"]

    @admin.display(description="numéro", ordering="number")
    def numero(self, obj):
        return obj.display_number

    list_filter = ["session__academie", "session__exam", "state"]
    list_select_related = ["session", "session__exam", "session__academie", "specialty"]
    search_fields = ["birth_name", "=number", "=candidate_number"]


@admin.register(m.Departement)
class DepartementAdmin(SuperuserOnlyAdmin):
    list_display = ["code", "name", "zone", "has_arrondissements"]
    list_filter = ["zone"]


@admin.register(m.Commune)
class CommuneAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "insee_code", "departement", "kind", "postal_codes"]
    list_filter = ["kind", "departement__zone"]
    list_select_related = ["departement"]
    search_fields = ["name", "insee_code", "postal_codes"]


@admin.register(m.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_repr", "ip"]
    list_filter = ["action", "actor_kind", "academie"]
    search_fields = ["actor_label", "object_repr", "=object_id", "action"]
    date_hierarchy = "at"
