"""The documented file formats (docs/formats/): their description and example file, from
the DEC space, so a gestionnaire prepares a file without leaving it."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

from management.base import DecView

FORMATS_DIR = Path(settings.BASE_DIR) / "docs" / "formats"
FORMATS = {
    "candidats-precedents": "Candidats des sessions précédentes",
    "etablissements": "Établissements",
    "dechargement": "Déchargement des pré-inscriptions",
}


class FileFormat(DecView):
    def get(self, request, slug):
        if slug not in FORMATS:
            raise Http404
        text = (FORMATS_DIR / f"{slug}.md").read_text(encoding="utf-8")
        return self.page(
            "management/format.html", f"Format : {FORMATS[slug]}", text=text, slug=slug
        )


class FileFormatExample(DecView):
    def get(self, request, slug):
        if slug not in FORMATS:
            raise Http404
        return FileResponse(
            (FORMATS_DIR / f"{slug}.csv").open("rb"),
            as_attachment=True,
            filename=f"exemple-{slug}.csv",
            content_type="text/csv; charset=utf-8",
        )
