"""Sniffing the text of an uploaded or user-supplied table, one way everywhere.

What Excel in a Ukrainian locale writes, and what OpenBudget answers, is windows-1251 text
separated by ``;``; other tools write UTF-8 (with or without a byte-order mark) separated
by ``,`` or tabs. Every CSV reader of the product (the CLI, IO tables, Assess and budget
imports, Diversify panels) decodes and picks the separator through these two functions.

Examples
--------
>>> decode_text("Рік;Значення".encode("cp1251"))
'Рік;Значення'
>>> csv_separator("region;sector;year;value")
';'
"""

from __future__ import annotations

import gzip

__all__ = ["csv_separator", "decode_text"]


def decode_text(raw: bytes) -> str:
    r"""Return ``raw`` as text: gunzipped if gzip, UTF-8 (byte-order mark dropped), else cp1251.

    cp1251 decodes any byte string, so this never fails; a file in yet another encoding
    comes out garbled and is caught by the column checks that follow.

    Examples
    --------
    >>> decode_text(b"\xef\xbb\xbfa,b")
    'a,b'
    """
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1251")


def csv_separator(first_line: str) -> str:
    r"""Return the separator of a CSV whose header line is ``first_line``.

    ``;`` when it outnumbers ``,``; else a tab if there is one; else ``,``.

    Examples
    --------
    >>> csv_separator("a\tb"), csv_separator("a,b;c,d")
    ('\t', ',')
    """
    if first_line.count(";") > first_line.count(","):
        return ";"
    return "\t" if "\t" in first_line else ","
