"""The event vocabulary: our kinds, ACLED's types and codes, in one table.

Each kind maps onto one ACLED sub-event type (``ONTOLOGY.md``): the 25 of
ACLED's codebook plus ``displacement`` (ACLED's Strategic developments / Other;
IDMC's conflict displacement). ``disorder_type`` is the one ACLED gives every
row of the sub-event type. ACLED's actor type codes (``inter1``/``inter2``)
and the ``interaction`` code built from them live here too, so the data model,
the extractor and the writers share one definition.

>>> KINDS["air_strike"].sub_event_type
'Air/drone strike'
>>> interaction(7, 1), interaction(6, 0), interaction(None, None)
(17, 60, None)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CIVILIAN_TARGETING",
    "EVENT_TYPES",
    "INTER_CODES",
    "KINDS",
    "Kind",
    "civilian_targeting",
    "interaction",
]

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"
CIVILIAN_TARGETING = "Civilian targeting"


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    event_type: str  # ACLED
    sub_event_type: str  # ACLED
    disorder_type: str  # ACLED


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        # Battles
        Kind("armed_clash", "Battles", "Armed clash", POLITICAL_VIOLENCE),
        Kind(
            "territory_regained_gov", "Battles", "Government regains territory", POLITICAL_VIOLENCE
        ),
        Kind(
            "territory_taken_nonstate",
            "Battles",
            "Non-state actor overtakes territory",
            POLITICAL_VIOLENCE,
        ),
        # Explosions/Remote violence
        Kind(
            "chemical_weapon", "Explosions/Remote violence", "Chemical weapon", POLITICAL_VIOLENCE
        ),
        Kind("air_strike", "Explosions/Remote violence", "Air/drone strike", POLITICAL_VIOLENCE),
        Kind("suicide_bombing", "Explosions/Remote violence", "Suicide bomb", POLITICAL_VIOLENCE),
        Kind(
            "shelling",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            POLITICAL_VIOLENCE,
        ),
        Kind(
            "explosive_device",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
            POLITICAL_VIOLENCE,
        ),
        Kind("grenade", "Explosions/Remote violence", "Grenade", POLITICAL_VIOLENCE),
        # Violence against civilians
        Kind(
            "sexual_violence", "Violence against civilians", "Sexual violence", POLITICAL_VIOLENCE
        ),
        Kind("attack_on_civilians", "Violence against civilians", "Attack", POLITICAL_VIOLENCE),
        Kind(
            "abduction",
            "Violence against civilians",
            "Abduction/forced disappearance",
            POLITICAL_VIOLENCE,
        ),
        # Protests
        Kind("protest", "Protests", "Peaceful protest", DEMONSTRATIONS),
        Kind("protest_with_intervention", "Protests", "Protest with intervention", DEMONSTRATIONS),
        Kind(
            "excessive_force",
            "Protests",
            "Excessive force against protesters",
            f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
        ),
        # Riots
        Kind("riot", "Riots", "Violent demonstration", DEMONSTRATIONS),
        Kind("mob_violence", "Riots", "Mob violence", POLITICAL_VIOLENCE),
        # Strategic developments
        Kind("agreement", STRATEGIC, "Agreement", STRATEGIC),
        Kind("arrest", STRATEGIC, "Arrests", STRATEGIC),
        Kind("change_to_group", STRATEGIC, "Change to group/activity", STRATEGIC),
        Kind("disrupted_weapons", STRATEGIC, "Disrupted weapons use", STRATEGIC),
        Kind("base_established", STRATEGIC, "Headquarters or base established", STRATEGIC),
        Kind("looting", STRATEGIC, "Looting/property destruction", STRATEGIC),
        Kind("territory_transfer", STRATEGIC, "Non-violent transfer of territory", STRATEGIC),
        Kind("other_strategic", STRATEGIC, "Other", STRATEGIC),
        Kind("displacement", STRATEGIC, "Other", STRATEGIC),
    )
}

#: ACLED's six event types, in the codebook's order.
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(k.event_type for k in KINDS.values()))

#: ACLED's actor type codes (``inter1`` / ``inter2``); 0: no such actor.
INTER_CODES: dict[int, str] = {
    0: "",
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two actor types, the smaller first
    (an actor alone: its code then 0, as ACLED writes 60 for protesters alone)."""
    if not inter1 and not inter2:
        return None
    codes = sorted(c for c in (inter1 or 0, inter2 or 0) if c)
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def civilian_targeting(kind: str, inter2: int | None) -> str:
    """``"Civilian targeting"`` where civilians are the primary target (ACLED):
    violence against civilians, and any political violence whose second actor
    is civilians (an air strike on a market); else empty."""
    info = KINDS.get(kind)
    if info is None:
        return ""
    if info.event_type == "Violence against civilians" or kind == "excessive_force":
        return CIVILIAN_TARGETING
    if inter2 == 7 and POLITICAL_VIOLENCE in info.disorder_type:
        return CIVILIAN_TARGETING
    return ""
