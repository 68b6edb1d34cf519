"""About the data: every reference file, whether it is present, what it holds and whose it
is, for the site's about page and the territory step's data page (both include
``territory/partials/data_sources.html``)."""

from __future__ import annotations

from django.utils.translation import gettext

from hromada.refdata.locations import REFERENCE_FILES, data_dir, reference_status


def data_sources() -> list[dict]:
    """Each reference file: path, whether present, what it holds, source, attribution,
    licence, required (for the "About the data" pages). What a file holds and its vintage
    are in the user's language (:mod:`hromada.core.refdata_text`); source, attribution and
    licence are citations, kept as published."""
    status = {s.file: s for s in reference_status()}
    return [
        {
            "file": e.path,
            "present": status[e.path].present,
            "what": gettext(e.what),
            "source": e.source,
            "attribution": e.attribution,
            "licence": e.licence,
            "required": e.required,
            "origin": status[e.path].origin,
            "vintage": gettext(e.vintage) if e.vintage else "",
            "kind": e.kind,
        }
        for e in REFERENCE_FILES
    ]


def data_sources_context() -> dict:
    """Template context of ``territory/partials/data_sources.html``."""
    files = data_sources()
    return {
        "data_folder": str(data_dir()),
        "data_files": files,
        "data_files_present": sum(f["present"] for f in files),
    }
