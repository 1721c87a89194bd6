"""An incident tool's API read live: the token from the environment variable the importer names
(never from a flag or a file, never shown), each answer through the one bounded fetch (fetch.py:
deadline, minimum rate, size cap, redirects), a bounded number of pages, every failure one message
naming the address — never the token."""

from __future__ import annotations

import urllib.parse

from ..diagnostics import ImportFailed, UsageError, printable

MAX_ANSWER = 64 << 20  # bytes of one answer, as a saved file
MAX_PAGES = 100  # pages of one list (a channel's history at 200 messages a page: 20,000 messages)
MAX_REQUESTS = 1_000  # requests of one import (a channel's pages, its threads, its members)
LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")


class Api:
    """One tool's API: how its token is sent, and what an answer of it is called in messages."""

    def __init__(self, token: str | None, variable: str, template: str = "Bearer {}", accept: str = "application/json",
                 what: str = "an API answer"):
        self.token, self.variable, self.template, self.accept, self.what = token, variable, template, accept, what
        self.pages = 0

    def headers(self, url: str) -> dict[str, str]:
        if not self.token:
            raise UsageError(f"{printable(url[:200])}: the API needs a token: set the environment variable {self.variable} "
                             "(it is read from there only, never from an option or a file)")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() != "https" and (parts.hostname or "") not in LOCAL_HOSTS:
            raise UsageError(f"{printable(url[:200])}: a token is sent over https only (or to this machine): not sent")
        return {"Authorization": self.template.format(self.token), "Accept": self.accept}

    def get(self, url: str):
        """The JSON value at `url`, the token sent with the request."""
        from .reading import parse_json
        from .fetch import fetch

        self.pages += 1
        if self.pages > MAX_REQUESTS:
            raise ImportFailed(f"{printable(url[:200])}: more than {MAX_REQUESTS:,} requests for one import: given up")
        return parse_json(fetch(url, MAX_ANSWER, accept=self.accept, headers=self.headers(url)), printable(url[:300]), self.what)


def with_query(url: str, **params) -> str:
    """`url` with these query parameters set (replacing any of the same name)."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items() if v is not None]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))


def base_before(url: str, marker: str) -> str | None:
    """The address up to `marker` in its path ('https://api.x.com/v1/' for '/v1/incidents/42' and
    marker '/v1/'), or None when the path has no such part."""
    parts = urllib.parse.urlsplit(url)
    at = parts.path.find(marker)
    if at < 0:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path[: at + len(marker)], "", ""))


def path_after(url: str, marker: str) -> list[str]:
    """The path's parts after `marker`: ['PT4KHLK', 'log_entries'] of '…/incidents/PT4KHLK/log_entries'."""
    path = urllib.parse.urlsplit(url).path
    at = path.find(marker)
    return [urllib.parse.unquote(p) for p in path[at + len(marker):].split("/") if p] if at >= 0 else []


def incident_address(url: str, shape: str) -> tuple[str, list[str]]:
    """An incident's API address read: the address up to its '/incidents/' and the path's parts after
    it ('https://api.x.com/v1/incidents/', ['PT4KHLK', 'log_entries']); ImportFailed when it is not
    one, naming the `shape` it should have."""
    base, rest = base_before(url, "/incidents/"), path_after(url, "/incidents/")
    if base is None or not rest:
        raise ImportFailed(f"{url}: not {shape}")
    return base, rest


def query_value(url: str, name: str) -> str | None:
    values = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get(name)
    return values[0] if values else None
