"""Middleware of the core plumbing."""

from __future__ import annotations

import logging

from django.template.response import TemplateResponse

from hromada.refdata import ReferenceDataMissingError
from hromada.refdata.locations import ENV_VAR

logger = logging.getLogger(__name__)


class ReferenceDataMissingMiddleware:
    """Turn a reference file found nowhere (a damaged installation, or a user's data folder
    pointing at a file that was removed) into a page that says which file is missing and
    how to add it, in the user's language, instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReferenceDataMissingError):
            return None
        logger.warning("reference data missing on %s: %s", request.path, exception)
        response = TemplateResponse(
            request,
            "core/reference_data_missing.html",
            {
                "relpath": exception.relpath,
                "folder": str(exception.folder),
                "source": exception.source,
                "env_var": ENV_VAR,
            },
        )
        # rendered here: a response from process_exception may skip the template phase
        return response.render()
