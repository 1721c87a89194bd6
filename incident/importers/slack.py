"""Claims from an incident's Slack channel: `incident import slack`.

What is read: a workspace export (a folder: `users.json`, `channels.json` and a folder per channel
holding a JSON file per day; or one channel's folder of it), one `conversations.history` or
`conversations.replies` answer saved as a file, a day's file, or the channel live from the Web API
(slack_live.py). Each message is a statement by its author at its `ts` (UTC, to the microsecond
Slack writes); statements.py says which give claims and how.

Who speaks (README, "Importing a Slack channel"):
- a bot or an app (`bot_id`, subtype `bot_message`, a member marked `is_bot`): the incident tools'
  status posts, the operator's own systems: `operator`, shown by the bot's name;
- a member of the workspace's own team who is no guest: the operator's staff, `operator`;
- a guest (`is_restricted`, `is_ultra_restricted`) or someone of another team (Slack Connect: the
  user's team is not the one most members belong to): a `witness`.

Threads: a reply is a statement of its own at its own time; when its words name no milestone, the
words of the thread's first message say what it answers ("is checkout down?" — "yes since 09:02").
Edits: an edited message is the later statement: made when it was last edited (`edited.ts`), its
text as edited (Slack keeps no earlier text), the first posting in the note; a `message_changed`
event replaces the message it names. Deleted messages (`message_deleted`, a tombstone, "This
message was deleted.") give nothing. Joins, leaves, topic and purpose changes are no statements.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..model.ids import MAX_ID, slugify
from ..words import counted
from .reading import as_text
from .slack_read import Channel, read_answer, read_export

MAX_TEXT = 40_000  # characters of one message kept (Slack's own limit is 40,000)
NOT_STATEMENTS = {"channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "channel_archive",
                  "channel_unarchive", "group_join", "group_leave", "group_topic", "group_purpose", "group_name",
                  "pinned_item", "unpinned_item", "bot_add", "bot_remove", "reminder_add", "channel_convert_to_private",
                  "channel_convert_to_public", "sh_room_created", "huddle_thread", "joiner_notification"}
_TS = re.compile(r"\d{1,12}(\.\d{1,9})?\Z")


def read(source: str, request) -> list[Channel]:
    """The importer's contract (registry.Source): a folder, a file or an address."""
    import os

    from .fetch import is_address

    if is_address(source):
        from .slack_live import read_live

        return [read_live(source, request)]
    if os.path.isdir(source) and not os.path.islink(source):
        return read_export(Path(source), request.option("channel") or [])
    return [read_answer(source)]



# ---------------------------------------------------------------- messages to statements


def moment_of(ts) -> datetime | None:
    """A Slack `ts` ('1512085950.000216': seconds since 1970, UTC) as a moment; None when it is no
    ts or falls outside the calendar the format takes."""
    text = ts if isinstance(ts, str) else ""
    if not _TS.match(text):
        return None
    try:
        moment = datetime.fromtimestamp(float(text), timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None
    return moment if 1971 <= moment.year <= 9998 else None


@dataclass
class Message:
    ts: str
    posted: datetime
    said: datetime
    author: str  # a user id, or a bot's id
    text: str
    thread: str  # the thread's ts ('' for a message outside any thread)
    bot: bool
    profile: dict
    bot_name: str


def settled(channel: Channel) -> tuple[list[Message], list[str]]:
    """The channel's messages as they stand: edits applied, deletions removed, events that are no
    statement left out; sorted by time. With what was left out, for stderr."""
    by_ts: dict[str, dict] = {}
    changed: dict[str, dict] = {}
    deleted: set[str] = set()
    counts: Counter = Counter()
    for raw in channel.messages:
        subtype = as_text(raw.get("subtype"))
        if subtype == "message_changed" and isinstance(raw.get("message"), dict):
            new = raw["message"]
            ts = as_text(new.get("ts"))
            if ts:
                edited = new.get("edited") if isinstance(new.get("edited"), dict) else {"ts": raw.get("ts")}
                changed[ts] = {**new, "edited": edited}
            continue
        if subtype == "message_deleted":
            deleted.add(as_text(raw.get("deleted_ts")))
            continue
        ts = as_text(raw.get("ts"))
        if subtype in NOT_STATEMENTS:
            counts["channel events"] += 1
        elif subtype == "tombstone" or raw.get("hidden") is True or as_text(raw.get("text")) == "This message was deleted.":
            counts["deleted messages"] += 1
        elif moment_of(ts) is None:
            counts["messages without a readable ts"] += 1
        elif ts in by_ts:
            counts["messages read twice"] += 1
        else:
            by_ts[ts] = raw
    for ts, new in changed.items():
        if ts in by_ts:
            by_ts[ts] = {**by_ts[ts], **new}
    counts["deleted messages"] += len(deleted & set(by_ts))
    messages = [m for ts, raw in sorted(by_ts.items(), key=lambda item: float(item[0])) if ts not in deleted
                for m in [_message(raw)] if m is not None]
    said = [f"{channel.path}: {counted(count, *_LEFT_OUT[what])} left out" for what, count in sorted(counts.items()) if count]
    return messages, said


_LEFT_OUT = {  # what a count of messages left out says: one, and more
    "channel events": ("channel event", "channel events"), "deleted messages": ("deleted message", "deleted messages"),
    "messages without a readable ts": ("message without a readable ts", "messages without a readable ts"),
    "messages read twice": ("message read twice", "messages read twice"),
}


def _message(raw: dict) -> Message | None:
    ts = as_text(raw.get("ts"))
    posted = moment_of(ts)
    edited = raw.get("edited") if isinstance(raw.get("edited"), dict) else {}
    said = moment_of(as_text(edited.get("ts"))) or posted
    bot = bool(as_text(raw.get("bot_id"))) or as_text(raw.get("subtype")) == "bot_message"
    author = as_text(raw.get("user")) or as_text(raw.get("bot_id")) or as_text(raw.get("username"))
    if posted is None or not author:
        return None
    profile = raw.get("user_profile") if isinstance(raw.get("user_profile"), dict) else {}
    bot_profile = raw.get("bot_profile") if isinstance(raw.get("bot_profile"), dict) else {}
    return Message(ts, posted, max(said, posted), author, _text_of(raw), as_text(raw.get("thread_ts")), bot, profile,
                   as_text(bot_profile.get("name")) or as_text(raw.get("username")))


def _text_of(raw: dict) -> str:
    """The message's text; a bot's attachments' words when it has none (PagerDuty, incident tools):
    each attachment's pretext, title and text, else its fallback."""
    text = as_text(raw.get("text"))
    if not text.strip() and isinstance(raw.get("attachments"), list):
        parts: list[str] = []
        for item in (a for a in raw["attachments"][:20] if isinstance(a, dict)):
            own = [as_text(item.get(k)) for k in ("pretext", "title", "text") if as_text(item.get(k)).strip()]
            parts += own or [as_text(item.get("fallback"))]
        text = " — ".join(p for p in dict.fromkeys(parts) if p.strip())
    return text[:MAX_TEXT]


_MARKUP = re.compile(r"<([^<>|\n]{1,500})(?:\|([^<>\n]{0,500}))?>")  # <@U123>, <#C1|name>, <https://x|label>: no nesting, bounded
_CONTROL = {c: " " for c in [*range(32), *range(127, 160)]}


def plain(text: str, name_of) -> str:
    """Slack's markup as plain words: a mention as the person (`name_of(user id)`), a channel as
    #name, a link as its label (or address), &lt; &gt; &amp; as the characters, control
    characters as spaces."""
    def word(m: re.Match) -> str:
        target, label = m[1], m[2]
        if target.startswith("@"):
            return "@" + (name_of(target[1:]) or label or "someone")
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0])
        return label or target

    lines = html.unescape(_MARKUP.sub(word, text)).replace("\r\n", "\n").split("\n")
    return "\n".join(" ".join(line.translate(_CONTROL).split()) for line in lines).strip()


# ---------------------------------------------------------------- claims


def claim_rows(channels: list[Channel], request):
    """The importer's contract: each channel an incident (its name the id), or all of them the
    incident `--incident` names; each message a statement (statements.py)."""
    from .people import Roles
    from .registry import Imported
    from .statements import Claims, Statement

    roles = Roles(bool(request.option("anonymize", False)))
    rows: list[dict] = []
    said: list[str] = []
    incidents = set()
    for channel in channels:
        incident = request.option("incident") or incident_id(channel)
        incidents.add(incident)
        messages, left = settled(channel)
        said += left
        people = _People(channel, messages, roles)
        name = roles.scrub(channel.topic) if channel.topic else (f"#{channel.name}" if channel.name else "")
        claims = Claims(incident, roles.scrub, name)
        texts = {m.ts: plain(m.text, people.name_of) for m in messages}
        where = f"Slack #{channel.name}" if channel.name else "Slack"
        for m in messages:
            witness = people.is_witness(m)
            context = texts.get(m.thread, "") if m.thread and m.thread != m.ts else ""
            claims.add(Statement(texts[m.ts], m.said, f"{people.shown(m)} ({where})", "witness" if witness else "operator",
                                 m.author, f"{channel.ident or channel.name or 'message'}/{m.ts}",
                                 tz=people.zone(m) or request.option("tz"), posted=m.posted, context=context,
                                 acts=not witness and m.author not in people.bots))
        rows += claims.kept()
        said += claims.said
    return Imported(rows, len(incidents), said, ("update_id",))


def incident_id(channel: Channel) -> str:
    """The channel's name as an id ('inc-2025-03-04-checkout'); else its id's; else the file's."""
    for name, prefix in ((channel.name, ""), (channel.ident, "slack-"), (Path(channel.path).stem, "slack-")):
        slug = slugify(name)
        if slug:
            return (prefix + slug)[:MAX_ID].rstrip("-")
    return "slack"


class _People:
    """Who each author is: a bot, the operator's staff, or a witness (the module docstring), with
    their names and zone; every person registered with `roles` in the order they first appear."""

    def __init__(self, channel: Channel, messages: list[Message], roles):
        self.users, self.roles = channel.users, roles
        teams = Counter(as_text(u.get("team_id")) for u in self.users.values() if not u.get("is_bot") and as_text(u.get("team_id")))
        if not teams:
            teams = Counter(as_text(m.profile.get("team")) for m in messages if as_text(m.profile.get("team")))
        self.home = teams.most_common(1)[0][0] if teams else ""
        self.bots = {m.author: m.bot_name for m in messages if m.bot or self.users.get(m.author, {}).get("is_bot") is True}
        self.profiles = {m.author: m.profile for m in messages if m.profile}
        for m in messages:  # every person, in the order they first appear (speaking or mentioned)
            for user in re.findall(r"<@([A-Z0-9]{1,30})[|>]", m.text):
                self.name_of(user)
            if m.author not in self.bots:
                self.name_of(m.author)

    def _entry(self, user: str) -> tuple[dict, dict]:
        entry = self.users.get(user, {})
        profile = entry.get("profile") if isinstance(entry.get("profile"), dict) else {}
        return entry, {**self.profiles.get(user, {}), **profile}

    def _witness(self, user: str) -> bool:
        entry, profile = self._entry(user)
        if any(entry.get(k) is True or profile.get(k) is True for k in ("is_restricted", "is_ultra_restricted", "is_stranger")):
            return True
        team = as_text(entry.get("team_id")) or as_text(profile.get("team"))
        return bool(self.home and team and team != self.home)

    def name_of(self, user: str) -> str:
        """The person as claims show them (name or role), registering them the first time."""
        if user in self.bots:
            return self.bots[user] or "a bot"
        shown = self.roles.shown(user)
        if shown is not None:
            return shown
        entry, profile = self._entry(user)
        names = [as_text(v) for v in (entry.get("real_name"), profile.get("real_name"), profile.get("display_name"),
                                      entry.get("name"), profile.get("name"))]
        return self.roles.person(user, [n for n in names if n.strip()], self._witness(user))

    def shown(self, m: Message) -> str:
        return (m.bot_name or self.bots.get(m.author) or "a bot") if m.author in self.bots else self.name_of(m.author)

    def is_witness(self, m: Message) -> bool:
        return m.author not in self.bots and self._witness(m.author)

    def zone(self, m: Message) -> str | None:
        """The author's own zone (users.json `tz`), for the times they write without one."""
        from ..model import zones

        name = as_text(self.users.get(m.author, {}).get("tz"))
        try:
            return zones.zone(name).name if name else None
        except (ValueError, AttributeError):
            return None
