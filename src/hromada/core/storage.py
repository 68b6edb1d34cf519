"""Static files for slow links: hashed names cached for a year and more, brotli and gzip.

``collectstatic`` (run by ``hromada demo`` and ``hromada serve``) writes each file under a
name carrying a hash of its content, with ``.br`` and ``.gz`` copies beside it; whitenoise
serves those names with ``Cache-Control: max-age=315360000, immutable`` and the smallest
encoding the browser accepts. Where nothing was collected (a developer's ``runserver``),
pages fall back to the plain names, which whitenoise serves from the packages' folders.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Only CSS references are rewritten: the vendored Vega scripts name source maps that
    # are not shipped, and a JS rewrite would stop collectstatic on them.
    patterns = tuple(p for p in CompressedManifestStaticFilesStorage.patterns if p[0] != "*.js")
    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: the plain name, served from the packages
            return name
