"""Login rate limiting (django-axes) for sign-ins through the web.

Axes needs the request to count attempts by user name and address. Programmatic
authentication without a request (the CLI, Django's test client) is not a web sign-in and
is passed on to the next backend instead of failing.
"""

from axes.backends import AxesStandaloneBackend


class RateLimitedBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
