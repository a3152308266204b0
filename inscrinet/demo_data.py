"""Demo content taken from the seeds (user notices 000–004). Plain data: the loader in
inscrinet/services/demo.py turns it into rows, idempotently."""

ACADEMIES = [
    {
        "code": "022",
        "name": "Limoges",
        "dec_address": "Rectorat de Limoges — DEC\n13 rue François Chénieux\n87031 LIMOGES CEDEX 1",
        "dec_email": "dec@ac-limoges.fr",
        "dec_phone": "05 55 11 40 40",
    },
    {
        "code": "016",
        "name": "Toulouse",
        "dec_address": "Rectorat de Toulouse — DEC\n75 rue Saint-Roch\n31400 TOULOUSE",
        "dec_email": "dec@ac-toulouse.fr",
        "dec_phone": "05 36 25 70 00",
    },
    {
        "code": "014",
        "name": "Rennes",
        "dec_address": "Rectorat de Rennes — DEC\n96 rue d'Antrain\n35705 RENNES CEDEX 7",
        "dec_email": "dec@ac-rennes.fr",
        "dec_phone": "02 23 21 77 77",
    },
]

EXAMS = [
    {"code": "CAP", "label": "Certificat d'aptitude professionnelle", "order": 1},
    {"code": "BEP", "label": "Brevet d'études professionnelles", "order": 2},
    # Seed 002: the BTS asks only the former candidate number, says nothing of the mobile,
    # lets only forme progressive keep a grade under 10 and makes the dispense place optional.
    {
        "code": "BCP",
        "label": "Baccalauréat professionnel",
        "order": 3,
        "has_section_europeenne": True,
    },
    {"code": "BP", "label": "Brevet professionnel", "order": 4},
    {
        "code": "BTS",
        "label": "Brevet de technicien supérieur",
        "order": 5,
        "asks_ivae_number": False,
        "asks_ine_number": False,
        "mobile_phone_required": False,
        "grade_under_10": "progressive",
        "dispense_place_required": False,
    },
    {"code": "MC4", "label": "Mention complémentaire de niveau 4", "order": 6},
    {"code": "MC5", "label": "Mention complémentaire de niveau 3", "order": 7},
]

_CAP_CATEGORIES = [
    ("SCO", "SCOLAIRE", "scolaire", True, False, False),
    ("APP", "APPRENTI", "apprenti", True, False, False),
    ("EXS", "EX. SCOLAIRE", "individuel", True, True, True),
    ("IS", "INDIVIDUEL SALARIE", "individuel", True, True, True),
    ("AI", "AUTRE INDIVIDUEL", "individuel", True, True, True),
    ("EXP", "EXPERIENCE PROFESSIONNELLE", "individuel", True, True, True),
    ("FC", "FORMATION CONTINUE", "formation_continue", True, True, False),
    ("CNED", "ENSEIGNEMENT A DISTANCE", "distance", True, True, False),
]
# code, label, kind, globale, progressive, fictitious establishments
CATEGORIES = {
    "CAP": _CAP_CATEGORIES,
    "BCP": [
        ("SCO", "SCOLAIRE", "scolaire", True, False, False),
        ("APP", "APPRENTI", "apprenti", True, False, False),
        ("AI", "AUTRE INDIVIDUEL", "individuel", True, True, True),
        ("FC", "FORMATION CONTINUE", "formation_continue", True, True, False),
    ],
    "BTS": [
        ("SCO", "SCOLAIRE", "scolaire", True, False, False),
        ("APP", "APPRENTI", "apprenti", True, False, False),
        ("AI", "AUTRE INDIVIDUEL", "individuel", True, True, True),
        ("FC", "FORMATION CONTINUE", "formation_continue", True, True, False),
    ],
}

# Épreuves: (code, label, parent code, kind, is_eps, options)
_M, _F = "obligatoire", "facultative"
SPECIALTIES = [
    {
        "exam": "CAP",
        "code": "22132",
        "label": "Boulanger",
        "epreuves": [  # seed 000
            ("EP1", "PREPARATION D'UNE PRODUCTION", None, _M, False, []),
            ("EP2", "PRODUCTION", None, _M, False, []),
            ("EG1", "FRANCAIS,HISTOIRE-GEO&EDUC.CIV", None, _M, False, []),
            ("EG2", "MATH&SCIENCES PHYS. ET CHIMIQ.", None, _M, False, []),
            ("EG3", "EDUCATION PHYSIQUE ET SPORTIVE", None, _M, True, []),
            ("EFL", "EPREUVE FACULTATIVE", None, _F, False, ["Anglais", "Allemand", "Espagnol"]),
        ],
    },
    {
        "exam": "CAP",
        "code": "24209",
        "label": "Arts de la broderie",
        "epreuves": [  # seed 004
            ("EP1", "Arts appliqués et histoire de la broderie", None, _M, False, []),
            ("EP2", "Mise en oeuvre", None, _M, False, []),
            (
                "EP2A",
                "Mise en oeuvre",
                "EP2",
                _M,
                False,
                ["Broderie machine guidée main", "Broderie à la main"],
            ),
            (
                "EG1",
                "Français, histoire-géographie, enseignement moral et civique",
                None,
                _M,
                False,
                [],
            ),
            ("EG1A", "Français écrit", "EG1", _M, False, []),
            ("EG1B", "Français oral", "EG1", _M, False, []),
            ("EG1C", "Histoire-géographie et enseignement moral et civique", "EG1", _M, False, []),
            ("EG2", "Etude mathématique et scientifique", None, _M, False, []),
            ("EG3", "Education physique et sportive", None, _M, True, []),
            (
                "EG4",
                "Langue Vivante Etrangère",
                None,
                _M,
                False,
                ["Allemand", "Anglais", "Espagnol", "Italien"],
            ),
            ("EG4A", "Langue vivante : écrite", "EG4", _M, False, []),
            ("EG4B", "Langue vivante : orale", "EG4", _M, False, []),
            ("EG5", "Prévention, santé, environnement", None, _M, False, []),
        ],
    },
    {
        "exam": "CAP",
        "code": "33204",
        "label": "Accompagnant éducatif petite enfance",
        "extra_questions": [
            {
                "code": "situation_professionnelle",
                "label": "Situation professionnelle",
                "choices": ["Assistant(e) maternel(le)", "Employée à domicile", "Autre cas"],
            }
        ],
        "epreuves": [  # seed 004
            ("EP1", "Accompagner le développement du jeune enfant", None, _M, False, []),
            ("EP2", "Exercer son activité en accueil collectif", None, _M, False, []),
            ("EP3", "Exercer son activité en accueil individuel", None, _M, False, []),
            (
                "EG1",
                "Français, histoire-géographie, enseignement moral et civique",
                None,
                _M,
                False,
                [],
            ),
            ("EG2", "Etude mathématique et scientifique", None, _M, False, []),
            ("EG3", "Education physique et sportive", None, _M, True, []),
            ("EG5", "Prévention, santé, environnement", None, _M, False, []),
        ],
    },
    {
        "exam": "CAP",
        "code": "33205",
        "label": (
            "Accompagnant éducatif petite enfance ep1,ep3 pour l'acquisition de l'agrément "
            "assistant(e) maternel(le)"
        ),
        "extra_questions": [
            {
                "code": "situation_professionnelle",
                "label": "Situation professionnelle",
                "choices": ["Assistant(e) maternel(le)", "Employée à domicile", "Autre cas"],
            }
        ],
        "epreuves": [
            ("EP1", "Accompagner le développement du jeune enfant", None, _M, False, []),
            ("EP3", "Exercer son activité en accueil individuel", None, _M, False, []),
        ],
    },
    {
        "exam": "CAP",
        "code": "23322",
        "label": "Maçon",
        "epreuves": [  # a specialty of seed 001's scaffold-training list
            ("EP1", "Analyse d'une situation professionnelle", None, _M, False, []),
            ("EP2", "Réalisation d'ouvrages courants", None, _M, False, []),
            (
                "EG1",
                "Français, histoire-géographie, enseignement moral et civique",
                None,
                _M,
                False,
                [],
            ),
            ("EG2", "Mathématiques et physique-chimie", None, _M, False, []),
            ("EG3", "Education physique et sportive", None, _M, True, []),
        ],
    },
    {
        "exam": "BTS",
        "code": "AEA",
        "label": "Agencement de l'environnement architectural",
        "epreuves": [  # seed 002
            ("E1-", "CULTURE GENERALE ET EXPRESSION", None, _M, False, []),
            (
                "E2-",
                "LANGUE VIVANTE ETRANGERE",
                None,
                _M,
                False,
                ["Anglais", "Allemand", "Espagnol"],
            ),
            ("E3-", "MATHEMATIQUES-SCIENCES PHYSIQ.", None, _M, False, []),
            ("E3-A", "MATHEMATIQUES", "E3-", _M, False, []),
            ("E3-B", "SCIENCES PHYSIQUES", "E3-", _M, False, []),
            ("E4-", "ANALYSE ET EXPRESSION PLASTIQUE ET ARCHITECTURALE", None, _M, False, []),
            ("E5-", "PROJET D'AGENCEMENT", None, _M, False, []),
            ("EF1", "LANGUE VIVANTE FACULTATIVE", None, _F, False, ["Anglais", "Allemand"]),
        ],
    },
    {
        "exam": "BCP",
        "code": "MCV",
        "label": "Métiers du commerce et de la vente",
        "epreuves": [
            ("E1", "Epreuve scientifique : économie-droit", None, _M, False, []),
            ("E2", "Analyse et préparation d'une action commerciale", None, _M, False, []),
            ("E3", "Vente-conseil et suivi de la clientèle", None, _M, False, []),
            ("E4", "Langues vivantes", None, _M, False, ["Anglais", "Espagnol", "Allemand"]),
            ("E5", "Français et histoire-géographie-EMC", None, _M, False, []),
            ("E6", "Arts appliqués et cultures artistiques", None, _M, False, []),
            ("E7", "Education physique et sportive", None, _M, True, []),
        ],
    },
]

# Diplomas: code, label, épreuves (code, label), rights {(source): [(specialty code, target, kind)]}
_B, _D = "BENEFICE", "DISPENSE"
DIPLOMAS = [
    {
        "code": "500 - 22132",
        "label": "CAP EDUCATION NATIONALE - BOULANGER A PARTIR DE 2005",
        "epreuves": [
            ("EFL", "EPREUVE FACULTATIVE"),
            ("EG1", "FRANCAIS,HISTOIRE-GEO&EDUC.CIV"),
            ("EG2", "MATH&SCIENCES PHYS. ET CHIMIQ."),
            ("EG3", "EDUCATION PHYSIQUE ET SPORTIVE"),
            ("EP1", "PREPARATION D'UNE PRODUCTION"),
            ("EP2", "PRODUCTION"),
        ],
        "rights": {
            "EFL": [("22132", "EFL", _B)],
            "EG1": [("22132", "EG1", _B)],
            "EG2": [("22132", "EG2", _B)],
            "EG3": [("22132", "EG3", _B)],
            "EP1": [("22132", "EP1", _B)],
            "EP2": [("22132", "EP2", _B)],
        },
    },
    {
        "code": "49Z - 90000",
        "label": "BAC,BP,BT,ACCES ETUDES UNIVERSITE.. - TOUTE SPECIALITE",
        "epreuves": [("EG1", "FRANCAIS,HISTOIRE-GEO&EDUC.CIV"), ("EG2", "MATH&SCIENCES")],
        "rights": {"EG1": [("22132", "EG1", _D)], "EG2": [("22132", "EG2", _D)]},
    },
    {
        "code": "500 - 90000",
        "label": "CAP EDUCATION NATIONALE - ACQUIS PROF. (VAP/VAE)",
        "epreuves": [("EP1", "PREPARATION D'UNE PRODUCTION"), ("EP2", "PRODUCTION")],
        "rights": {"EP1": [("22132", "EP1", _D)], "EP2": [("22132", "EP2", _D)]},
    },
    {
        "code": "500 - 99999",
        "label": "CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP",
        "epreuves": [  # seed 004: numbered as on the source CAP
            ("EG1", "Français, histoire-géographie, enseignement moral et civique"),
            ("EG2", "Mathématiques et sciences"),
            ("EG3", "Education physique et sportive"),
            ("EG4", "Prévention, santé, environnement"),
        ],
        "rights": {
            "EG1": [("24209", "EG1", _D), ("33204", "EG1", _D), ("23322", "EG1", _D)],
            "EG2": [("24209", "EG2", _D), ("33204", "EG2", _D), ("23322", "EG2", _D)],
            "EG3": [("24209", "EG3", _D), ("33204", "EG3", _D), ("23322", "EG3", _D)],
            "EG4": [("24209", "EG5", _D), ("33204", "EG5", _D)],
        },
    },
    {
        "code": "400 - 99999",
        "label": "BACCALAURÉAT PROFESSIONNEL Toute spécialité",
        "epreuves": [("EG1", "Français, histoire-géographie, EMC"), ("EG2", "Mathématiques")],
        "rights": {"EG1": [("24209", "EG1", _D)], "EG2": [("24209", "EG2", _D)]},
    },
    {
        "code": "501 - 99999",
        "label": "CAP AGRICOLE, CAP MARITIME",
        "epreuves": [
            ("EG1", "Français, histoire-géographie"),
            ("EG3", "Education physique et sportive"),
        ],
        "rights": {"EG1": [("24209", "EG1", _D)], "EG3": [("24209", "EG3", _D)]},
    },
    {
        "code": "4XX - 99999",
        "label": "BACCALAUREAT, BREVET PROFESSIONNEL, AUTRES DIPLOMES DE NIVEAU 4",
        "epreuves": [("EG1", "Français, histoire-géographie"), ("EG2", "Mathématiques")],
        "rights": {"EG1": [("24209", "EG1", _D)], "EG2": [("24209", "EG2", _D)]},
    },
    {
        "code": "VAE - CAP",
        "label": (
            "J'ai des dispenses d'épreuve au titre de la validation des acquis de l'expérience"
        ),
        "epreuves": [
            ("EP1", "Arts appliqués et histoire de la broderie"),
            ("EP2", "Mise en oeuvre"),
        ],
        "rights": {"EP1": [("24209", "EP1", _D)], "EP2": [("24209", "EP2", _D)]},
    },
    {
        "code": "320 - 22402",
        "label": "BREVET DE TECHNICIEN SUPERIEUR - AGENCEM.ENVIRONNEM. ARCHITECTURAL",
        "epreuves": [  # seed 002
            ("E1-", "FRANCAIS"),
            ("E2-", "LANGUE VIVANTE ETRANGERE"),
            ("E3-", "MATHEMATIQUES-SCIENCES PHYSIQ."),
            ("E3-A", "MATHEMATIQUES"),
            ("E3-B", "SCIENCES PHYSIQUES"),
        ],
        "rights": {
            "E1-": [("AEA", "E1-", _B)],
            "E2-": [("AEA", "E2-", _B)],
            "E3-": [("AEA", "E3-", _B)],
            "E3-A": [("AEA", "E3-A", _B)],
            "E3-B": [("AEA", "E3-B", _B)],
        },
    },
    *[
        {
            "code": code,
            "label": f"BREVET DE TECHNICIEN SUPERIEUR - {label}",
            "epreuves": [("E1-", "FRANCAIS"), ("E2-", "LANGUE VIVANTE ETRANGERE")],
            "rights": {"E1-": [("AEA", "E1-", _B)], "E2-": [("AEA", "E2-", _B)]},
        }
        for code, label in [  # seed 002's other BTS diplomas
            ("320 - 31304", "ASSURANCE (2004-2008)"),
            ("320 - 00002", "AUTRE SPE SECTEUR TERTIAIRE"),
            ("320 - 00012", "AGRICOLE TERTIAIRE"),
            ("320 - 20008", "TECHNICO-COMMERCIAL"),
        ]
    ],
]

# Establishments: code, name, city, académie code, fictitious, CFA, exams, CCF, extra
ETABLISSEMENTS = [
    ("01900001", "Individuels Corrèze", "TULLE", "022", True, False, ["CAP"], False, {}),
    ("02300001", "Individuels Creuse", "GUERET", "022", True, False, ["CAP"], False, {}),
    ("08700001", "Individuels Haute-Vienne", "LIMOGES", "022", True, False, ["CAP"], False, {}),
    ("03100003", "INDIV TOULOUSE", "TOULOUSE", "016", True, False, ["CAP", "BCP"], False, {}),
    (
        "0310038Y",
        "LYC BELLEVUE",
        "TOULOUSE",
        "016",
        False,
        False,
        ["CAP", "BCP"],
        True,
        {
            "inscription_password": "Bellevue-2026",
            "inscription_open": True,
            "address": "135 ROUTE DE NARBONNE\n31031 TOULOUSE",
            "phone": "0562173000",
        },
    ),
    (
        "0310044E",
        "LYC PRO GALLIENI",
        "TOULOUSE",
        "016",
        False,
        False,
        ["BCP"],
        True,
        {"sections_europeennes": "oui"},
    ),
    ("03500001", "INDIV RENNES", "RENNES", "014", True, False, ["CAP", "BTS"], False, {}),
    ("0350030K", "LYC PRO LOUIS GUILLOUX", "RENNES", "014", False, False, ["CAP"], True, {}),
    ("0352000X", "CFA DES METIERS RENNES", "RENNES", "014", False, True, ["CAP", "BTS"], True, {}),
    ("0350710G", "LYC CHATEAUBRIAND", "RENNES", "014", False, False, ["BTS"], True, {}),
]

LIMOGES_EPS_PAIRS = [  # seed 001
    ("Demi-fond (3x500m)", "Badminton simple"),
    ("Demi-fond (3x500m)", "Tennis de table simple"),
    ("Sauvetage", "Badminton"),
    ("Gymnastique au sol", "Badminton"),
    ("Gymnastique au sol", "Tennis de table"),
]
TOULOUSE_EPS_PAIRS = [
    ("Demi-fond (3x500m)", "Badminton simple"),
    ("Gymnastique au sol", "Tennis de table"),
]

PIECES = [  # seed 001: (case, specialty code or None, label)
    ("toujours", None, "Photocopie d'une pièce d'identité en cours de validité"),
    ("dispense", None, "Photocopie du diplôme et du relevé de notes justifiant chaque dispense"),
    ("benefice", None, "Photocopie du relevé de notes justifiant chaque note conservée"),
    ("handicap", None, "Copie de la décision d'aménagement d'épreuves précédente, le cas échéant"),
    (
        "specialite",
        "23322",
        "Attestation de formation au montage, à l'utilisation et au démontage des échafaudages",
    ),
]

# The account session's pieces (seed 004 § 12): (case, specialty, label, code, deposit).
ACCOUNT_PIECES = [
    ("toujours", None, "Confirmation d'inscription signée", "CINSIG02", "en_ligne"),
    ("toujours", None, "Document justifiant la nationalité française", "NATIDE04", "en_ligne"),
    (
        "dispense",
        None,
        "Photocopie du diplôme et du relevé de notes justifiant chaque dispense",
        "DISPEN01",
        "en_ligne",
    ),
    (
        "benefice",
        None,
        "Photocopie du relevé de notes justifiant chaque note conservée",
        "BENEFI01",
        "en_ligne",
    ),
    (
        "handicap",
        None,
        "Copie de la décision d'aménagement d'épreuves précédente, le cas échéant",
        "AMENAG01",
        "courrier",
    ),
]

# Seed 000: a redoublant of CAP Boulanger in Rennes, EG1 13/20 in 2011 at RENNES.
PREVIOUS_CANDIDATES = [
    {
        "academie": "014",
        "exam": "CAP",
        "specialty": "22132",
        "redoublant_number": "R1400175",
        "ine_number": "",
        "ivae_number": "",
        "birth": (1993, 3, 12),
        "civilite": "M",
        "birth_name": "LE GALL",
        "usage_name": "",
        "first_names": "Erwan, Yann",
        "address": {
            "line1": "4 rue de Saint-Malo",
            "line2": "",
            "lieu_dit": "",
            "postal_code": "35000",
            "city": "RENNES",
            "country": "FR",
        },
        "email": "erwan.legall@example.org",
        "mobile_phone": "0611223344",
        "results": [("500 - 22132", "EG1", 2011, "RENNES", "13.00")],
    },
    {
        "academie": "014",
        "exam": "BTS",
        "specialty": "AEA",
        "redoublant_number": "R1400210",
        "ine_number": "",
        "ivae_number": "",
        "birth": (1990, 6, 5),
        "civilite": "Mme",
        "birth_name": "QUEMENER",
        "usage_name": "",
        "first_names": "Anne",
        "address": {
            "line1": "12 boulevard de la Liberté",
            "line2": "",
            "lieu_dit": "",
            "postal_code": "35000",
            "city": "RENNES",
            "country": "FR",
        },
        "email": "anne.quemener@example.org",
        "mobile_phone": "",
        "results": [
            ("320 - 22402", "E1-", 2010, "RENNES", "12.00"),
            ("320 - 22402", "E2-", 2010, "RENNES", "15.00"),
        ],
    },
]

MANAGERS = [  # DEC logins (username, académie, role); the password is printed by `make demo`
    ("dec-limoges", "022", "gestionnaire"),
    ("dec-toulouse", "016", "gestionnaire"),
    ("dec-rennes", "014", "gestionnaire"),
    ("dec-limoges-consultation", "022", "consultation"),
]
DEMO_PASSWORD = "Demo-Inscrinet-2026"
