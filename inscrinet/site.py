"""The DSFR site configuration row: created by a data migration, recreated by `load_demo`
and by tests that flush tables (without it the header loses « République française »)."""

SITE_CONFIG_VALUES = {
    "language": "fr",
    "site_title": "Inscrinet — Inscription aux examens professionnels",
    "site_tagline": "CAP, BEP, Bac pro, BP, BTS, MC : pré-inscription en ligne",
    "header_brand": "République française",
    "header_brand_html": "République<br />française",
    "footer_brand": "République française",
    "footer_brand_html": "République<br />française",
    "footer_description": (
        "Inscrinet est le service de pré-inscription aux examens professionnels des "
        "académies. Pour toute question sur votre inscription, adressez-vous au service "
        "des examens et concours (DEC) de votre académie."
    ),
    "accessibility_status": "PART",
}


def site_config_ensure(DsfrConfig):  # noqa: N803 — the model class, historical or live
    """Create or update the single configuration row; returns it."""
    config = DsfrConfig.objects.filter(language="fr").first() or DsfrConfig(language="fr")
    for field, value in SITE_CONFIG_VALUES.items():
        setattr(config, field, value)
    config.save()
    return config
