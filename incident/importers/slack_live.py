"""An incident channel read live from Slack's Web API, the token in SLACK_TOKEN: its history page by
page (`conversations.history`, following `response_metadata.next_cursor`), each thread's replies
(`conversations.replies`), the channel's name (`conversations.info`) and each author's name, team,
guest status and zone (`users.info`). Every answer through the bounded fetch (api.py)."""

from __future__ import annotations

from ..diagnostics import ImportFailed, printable
from .reading import as_text

MAX_THREADS = 500  # threads whose replies are read
MAX_USERS = 300  # authors looked up


def read_live(url: str, request):
    from .api import Api, MAX_PAGES, query_value, with_query
    from .slack_read import Channel, messages_of

    base, channel = _api_base(url)
    api = Api(request.token, "SLACK_TOKEN", what="a Slack answer")

    def call(method: str, **params):
        answer = api.get(with_query(base + method, **params))
        if not isinstance(answer, dict):
            raise ImportFailed(f"{printable(url[:200])}: {method}: not a Slack answer")
        if answer.get("ok") is False:
            raise ImportFailed(f"{printable(url[:200])}: {method}: Slack says {printable(as_text(answer.get('error'))[:100]) or 'no'}")
        return answer

    messages: list[dict] = []
    cursor = query_value(url, "cursor")
    for _ in range(MAX_PAGES):
        page = call("conversations.history", channel=channel, limit=200, cursor=cursor)
        messages += messages_of(page.get("messages") if isinstance(page.get("messages"), list) else [], url)
        cursor = _next(page)
        if not cursor:
            break
    threads = [m["ts"] for m in messages if isinstance(m.get("ts"), str) and (m.get("reply_count") or 0) and m.get("thread_ts") == m["ts"]]
    for ts in threads[:MAX_THREADS]:
        cursor = None
        for _ in range(MAX_PAGES):
            page = call("conversations.replies", channel=channel, ts=ts, limit=200, cursor=cursor)
            messages += [m for m in messages_of(page.get("messages") or [], url) if m.get("ts") != ts]
            cursor = _next(page)
            if not cursor:
                break
    from .slack_read import topic_of

    info = _quietly(lambda: call("conversations.info", channel=channel).get("channel"), None)
    info = info if isinstance(info, dict) else {}
    users = {}
    authors = sorted({as_text(m.get("user")) for m in messages if as_text(m.get("user")) and not m.get("bot_id")})
    for user in authors[:MAX_USERS]:
        found = _quietly(lambda user=user: call("users.info", user=user).get("user"), None)
        if isinstance(found, dict):
            users[user] = found
    return Channel(url, as_text(info.get("name")), channel, messages, users, topic_of(info))


def _api_base(url: str) -> tuple[str, str]:
    """The Web API's base ('https://slack.com/api/') and the channel's id, from the address of an
    API method (…/api/conversations.history?channel=C123) or of the channel (…/archives/C123)."""
    from .api import base_before, path_after, query_value

    base = base_before(url, "/api/")
    channel = query_value(url, "channel")
    if base is None:
        archived = path_after(url, "/archives/")
        if archived:
            return "https://slack.com/api/", archived[0]
        raise ImportFailed(f"{printable(url[:200])}: not a Slack channel's address (…/api/conversations.history?channel=ID, "
                           "or …/archives/ID)")
    if not channel:
        raise ImportFailed(f"{printable(url[:200])}: the address names no channel (?channel=ID)")
    return base, channel


def _next(page: dict) -> str | None:
    meta = page.get("response_metadata") if isinstance(page.get("response_metadata"), dict) else {}
    return as_text(meta.get("next_cursor")) or None


def _quietly(get, default):
    """What a lookup gives, or `default` when Slack refuses it (a token without users:read): the
    import goes on with ids for names."""
    try:
        return get()
    except ImportFailed:
        return default
