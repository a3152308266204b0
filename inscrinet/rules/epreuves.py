"""Épreuves (G15): what the candidate chooses, and the final table of the dossier.

Each épreuve of the dossier gets a position (Inscrit, Non inscrit, Bénéfice, Dispense) and,
when inscrit, a mode (Ponctuel or CCF, see rules.epreuve_mode).
"""

from dataclasses import dataclass, field

from inscrinet.rules.acquis import BENEFICE, BilanLine, EpreuveInfo

INSCRIT, NON_INSCRIT = "Inscrit", "Non inscrit"
POSITION_BENEFICE, POSITION_DISPENSE = "Bénéfice", "Dispense"
EPS_DISPENSE = "dispense"
NOTHING_TO_CHOOSE = (
    "Vous n'avez aucun choix à faire pour vos épreuves : cliquez sur « Suite » pour passer "
    "au récapitulatif."
)


@dataclass(frozen=True)
class EpreuveChoices:
    """What the candidate answered on the épreuves screen, by épreuve code."""

    positions: dict[str, str] = field(default_factory=dict)  # Inscrit / Non inscrit
    options: dict[str, str] = field(default_factory=dict)
    # EPS: (activity, activity) or EPS_DISPENSE
    eps: dict[str, tuple[str, str] | str] = field(default_factory=dict)


@dataclass(frozen=True)
class EpreuveQuestions:
    """The questions of the épreuves screen for one candidate."""

    choosable: list[EpreuveInfo]  # answered Inscrit / Non inscrit
    with_options: list[EpreuveInfo]  # an option to choose when inscrit
    eps: list[EpreuveInfo]  # two activities (or « dispensé ») when inscrit

    def __bool__(self):
        return bool(self.choosable or self.with_options or self.eps)

    def follow_ups(self) -> set[str]:
        """Épreuves whose option or EPS activities matter only if the candidate chooses to
        sit them (they, or their parent, are choosable): asked once that choice is made,
        on a following screen (the notices' « dialogue »)."""
        choosable = {e.code for e in self.choosable}
        return {
            e.code
            for e in [*self.with_options, *self.eps]
            if e.code in choosable or e.parent in choosable
        }


def epreuve_questions(
    epreuves: list[EpreuveInfo], bilan: list[BilanLine], *, forme: str, asks_eps: bool
) -> EpreuveQuestions:
    """Optional épreuves are always a choice; in forme progressive, so are the mandatory
    épreuves the candidate may present later. Sub-épreuves follow their parent. Épreuves
    reached by an acquis are not taken, so nothing is asked about them."""
    covered = {line.code for line in bilan}
    open_epreuves = [e for e in epreuves if e.code not in covered]
    choosable = [
        e
        for e in open_epreuves
        if e.parent is None
        and (
            e.kind == "facultative"
            or (forme == "progressive" and e.progressive_choosable and e.kind != "facultative")
        )
    ]
    with_options = [e for e in open_epreuves if e.options]
    eps = [e for e in open_epreuves if e.is_eps and asks_eps]
    return EpreuveQuestions(choosable=choosable, with_options=with_options, eps=eps)


def eps_choice_error(choice, *, pairs: list[tuple[str, str]], is_individual: bool) -> str | None:
    """Seed 001: exactly two activities forming one of the session's pairs, or « dispensé »
    for individual candidates only."""
    if choice == EPS_DISPENSE:
        if not is_individual:
            return "La dispense d'EPS n'est ouverte qu'aux candidats individuels."
        return None
    first, second = choice if isinstance(choice, (tuple, list)) else ("", "")
    if not first or not second:
        return "Choisissez deux activités d'EPS."
    if first == second:
        return "Choisissez deux activités d'EPS différentes."
    allowed = {frozenset(pair) for pair in pairs}
    if frozenset((first, second)) not in allowed:
        listed = " ; ".join(f"{a} + {b}" for a, b in pairs)
        return (
            "Ce couple d'activités n'est pas proposé dans cette session. "
            f"Couples possibles : {listed}."
        )
    return None


def _position_of(epreuve, by_code, choices, bilan_by_code, memo):
    if epreuve.code in memo:
        return memo[epreuve.code]
    line = bilan_by_code.get(epreuve.code)
    if line is not None:
        position = POSITION_BENEFICE if line.position == BENEFICE else POSITION_DISPENSE
    elif epreuve.is_eps and choices.eps.get(epreuve.code) == EPS_DISPENSE:
        position = POSITION_DISPENSE
    elif epreuve.parent and epreuve.parent in by_code:
        parent = _position_of(by_code[epreuve.parent], by_code, choices, bilan_by_code, memo)
        position = NON_INSCRIT if parent == NON_INSCRIT else INSCRIT
    else:
        position = choices.positions.get(epreuve.code, INSCRIT)
    memo[epreuve.code] = position
    return position


def epreuve_choice_errors(
    epreuves: list[EpreuveInfo],
    questions: EpreuveQuestions,
    choices: EpreuveChoices,
    bilan: list[BilanLine],
    *,
    forme: str,
    eps_pairs: list[tuple[str, str]],
    is_individual: bool,
    deferred: frozenset[str] | set[str] = frozenset(),
) -> dict[str, str]:
    """The errors of the épreuves screen, keyed "position:<code>", "option:<code>",
    "eps:<code>", or "" for the whole screen. The option and activities of `deferred`
    épreuves are not checked (their screen comes next)."""
    errors = {}
    for e in questions.choosable:
        if choices.positions.get(e.code) not in (INSCRIT, NON_INSCRIT):
            errors[f"position:{e.code}"] = "Indiquez si vous vous inscrivez à cette épreuve."
    table = epreuve_table(epreuves, bilan, choices, mode="")
    position = {row["code"]: row["position"] for row in table}
    for e in questions.with_options:
        chosen = choices.options.get(e.code, "")
        if e.code in deferred:
            continue
        if position[e.code] == INSCRIT and chosen not in e.options:
            errors[f"option:{e.code}"] = "Choisissez une option dans la liste."
    for e in questions.eps:
        if e.code in deferred:
            continue
        if position[e.code] == INSCRIT or choices.eps.get(e.code) == EPS_DISPENSE:
            error = eps_choice_error(
                choices.eps.get(e.code), pairs=eps_pairs, is_individual=is_individual
            )
            if error:
                errors[f"eps:{e.code}"] = error
    if forme == "progressive" and not errors and INSCRIT not in position.values():
        errors[""] = (
            "En forme progressive, choisissez au moins une épreuve à présenter à cette session."
        )
    return errors


def follow_ups_to_ask(
    epreuves: list[EpreuveInfo],
    questions: EpreuveQuestions,
    choices: EpreuveChoices,
    bilan: list[BilanLine],
) -> set[str]:
    """The follow-up épreuves (EpreuveQuestions.follow_ups) the candidate chose to sit."""
    deferred = questions.follow_ups()
    if not deferred:
        return set()
    table = epreuve_table(epreuves, bilan, choices, mode="")
    return {row["code"] for row in table if row["code"] in deferred and row["position"] == INSCRIT}


def epreuve_table(
    epreuves: list[EpreuveInfo], bilan: list[BilanLine], choices: EpreuveChoices, *, mode: str
) -> list[dict]:
    """The dossier's épreuves, in the specialty's order, as seed 004 prints them:
    code, label (with the option chosen on it or on its parent), position, mode, grade."""
    by_code = {e.code: e for e in epreuves}
    bilan_by_code = {line.code: line for line in bilan}
    memo = {}
    rows = []
    for e in epreuves:
        position = _position_of(e, by_code, choices, bilan_by_code, memo)
        label = e.label
        option = choices.options.get(e.code) or (e.parent and choices.options.get(e.parent))
        if option and position == INSCRIT:
            label = f"{label} - {option}"
        pair = choices.eps.get(e.code)
        if e.is_eps and isinstance(pair, (tuple, list)) and position == INSCRIT:
            label = f"{label} - {pair[0]} + {pair[1]}"
        line = bilan_by_code.get(e.code)
        rows.append(
            {
                "code": e.code,
                "label": label,
                "position": position,
                "mode": mode if position == INSCRIT else "",
                "note": line.grade_text if line is not None else "",
            }
        )
    return rows


def epreuve_title(code: str, label: str, separator: str = "-") -> str:
    """Code and label with one separator: « EG1 -- FRANCAIS », « E1- FRANCAIS » (the code
    of some BTS épreuves ends with a dash already)."""
    code = (code or "").strip()
    if code.endswith("-"):
        return f"{code} {label}"
    return f"{code} {separator} {label}"
