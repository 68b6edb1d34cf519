"""Ukrainian-to-Latin transliteration by the official rules of 2010.

Implements the table of Resolution No. 55 of the Cabinet of Ministers of Ukraine of
27 January 2010 ("Про впорядкування транслітерації українського алфавіту латиницею"),
used for geographical names and names in passports.

Rules applied (Notes of the resolution):

* є, ї, й, ю, я are written ``ye, yi, y, yu, ya`` at the beginning of a word and
  ``ie, i, i, iu, ia`` elsewhere;
* the combination "зг" is written ``zgh`` (Згорани -> Zghorany), to tell it from "ж" (zh);
* the soft sign (ь) and the apostrophe are not transliterated;
* letters keep their case: an upper-case Cyrillic letter becomes a capitalised Latin
  group (Щ -> Shch), or a fully upper-case group inside an upper-case word (ЩО -> SHCHO).

Characters outside the Ukrainian alphabet (Latin letters, digits, punctuation, spaces)
are kept as they are.

References
----------
Постанова Кабінету Міністрів України від 27 січня 2010 р. № 55 "Про впорядкування
транслітерації українського алфавіту латиницею",
https://zakon.rada.gov.ua/laws/show/55-2010-%D0%BF

Examples
--------
>>> transliterate("Біла Церква")
'Bila Tserkva'
>>> transliterate("Згорани"), transliterate("Знам'янка"), transliterate("Єнакієве")
('Zghorany', 'Znamianka', 'Yenakiieve')
"""

from __future__ import annotations

__all__ = ["transliterate", "TABLE"]

#: Cyrillic lower-case letter -> (Latin at the beginning of a word, Latin elsewhere).
TABLE: dict[str, tuple[str, str]] = {
    "а": ("a", "a"),
    "б": ("b", "b"),
    "в": ("v", "v"),
    "г": ("h", "h"),
    "ґ": ("g", "g"),
    "д": ("d", "d"),
    "е": ("e", "e"),
    "є": ("ye", "ie"),
    "ж": ("zh", "zh"),
    "з": ("z", "z"),
    "и": ("y", "y"),
    "і": ("i", "i"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "к": ("k", "k"),
    "л": ("l", "l"),
    "м": ("m", "m"),
    "н": ("n", "n"),
    "о": ("o", "o"),
    "п": ("p", "p"),
    "р": ("r", "r"),
    "с": ("s", "s"),
    "т": ("t", "t"),
    "у": ("u", "u"),
    "ф": ("f", "f"),
    "х": ("kh", "kh"),
    "ц": ("ts", "ts"),
    "ч": ("ch", "ch"),
    "ш": ("sh", "sh"),
    "щ": ("shch", "shch"),
    "ь": ("", ""),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}

_APOSTROPHES = frozenset("'\u2019\u02bc\u2018`\u00b4")


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def transliterate(text: str) -> str:
    """Return ``text`` transliterated into Latin letters by the 2010 official table.

    Parameters
    ----------
    text : str
        Ukrainian text (names of places or persons); other characters pass through.

    Returns
    -------
    str
        The Latin transliteration.

    Notes
    -----
    A letter is *word-initial* when the character before it is not a letter and not an
    apostrophe (start of text, space, hyphen, digit, punctuation). Apostrophes between
    two Cyrillic letters are dropped; elsewhere they are kept.

    Examples
    --------
    >>> transliterate("Розгон"), transliterate("Короп'є"), transliterate("Їжакевич")
    ('Rozghon', 'Koropie', 'Yizhakevych')
    """
    if not isinstance(text, str):
        raise TypeError(f"transliterate() expects a str; got {type(text).__name__}")
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        if ch in _APOSTROPHES:
            prev_c = i > 0 and text[i - 1].lower() in TABLE
            next_c = i + 1 < n and text[i + 1].lower() in TABLE
            if prev_c and next_c:
                continue
            out.append(ch)
            continue
        if low not in TABLE:
            out.append(ch)
            continue
        prev = text[i - 1] if i > 0 else ""
        initial = not (prev and (_is_letter(prev) or prev in _APOSTROPHES))
        latin = TABLE[low][0 if initial else 1]
        if low == "г" and prev.lower() == "з":
            latin = "gh"
        if ch != low and latin:  # upper case
            nxt = text[i + 1] if i + 1 < n else ""
            word_upper = (nxt.isalpha() and nxt.isupper()) or (
                prev.isalpha() and prev.isupper() and not (nxt.isalpha() and nxt.islower())
            )
            latin = latin.upper() if word_upper else latin.capitalize()
        out.append(latin)
    return "".join(out)
