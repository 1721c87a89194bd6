"""The words that say what happened at a time, by kind (the cues `kinds.classify` weighs): the English
table, with the other languages' cues of the same layout appended (europe.py)."""

from __future__ import annotations

import re

from . import europe

# What a clause says happened, by its words. Each cue is (kind, phrases, where): `where` is None for
# any incident, "live" only for a live event (something scheduled to start: a launch, a broadcast),
# "outage" only for an outage. A phrase ending in '*' is a stem ("acknowledg*"); the others are whole
# words. The cue nearest the expression wins; one before it, in its own clause, counts five times as
# near as one after it; on a tie, the earlier cue of this table.
# a recovery said to be whole ("full recovery", "fully restored") is the end of the incident: its resolution
_WHOLE = ("full", "fully", "complete", "completely")
_RECOVERED = ("recovery", "recovered", "restored", "restoration", "recovering", "restoring", "mitigated")
WHOLE_RECOVERY = "a whole recovery: the end of the incident"  # the note's words, read again by the draft
WHOLE_RECOVERY_WORDS = tuple(f"{whole} {word}" for whole in _WHOLE for word in _RECOVERED)
_STARTING = ("stream", "air", "open", "launch", "go live", "premiere", "kick off", "begin", "start")  # a past plan: "was set to air"
CUES = (
    ("scheduled_start", ("scheduled to", "scheduled start", "scheduled for", "scheduled starting", "was due", "were due",
                         "due to begin", "due to start", "set to begin", "set to start", "planned to start", "billed to",
                         "due at", "due on", "set for", "slated for", "planned for", "was to take place",
                         "initial plan", "would commence", "was to start", "was to begin", "was to stream", "was to air", "was supposed to",
                         "were supposed to", *(f"{was} set to {start}" for was in ("was", "were") for start in _STARTING),
                         "was slated to", "were slated to", "opened for registration",
                         "registration opened", "registrations opened", "opening bell", "kick-off", "kickoff"), None),
    ("resolution", (*WHOLE_RECOVERY_WORDS, "full capacity", "resolved", "resolving", "resolution", "closed the incident", "incident closed", "all clear",
                    "all-clear", "normal operations", "outage ended", "incident ended", "incident is over", "outage is over",
                    "incident end", "end of incident", "end of the incident"), None),
    ("recovery", ("recover*", "subsided", "reports dropped", "reports fell", "complaints dropped", "complaints fell", "able to restore", "managed to restore", "did restore", "restored", "restoring", "back online", "back up", "put back up", "back in action",
                  "to normal", "normal levels", "operating normally", "operate normally", "working again",
                  "came back", "coming back", "come back", "fully operational", "normal operation", "processing normally",
                  "reconnected", "back to normal", "returned to normal", "returning to normal", "allowing some users",
                  "been fixed", "was fixed", "were fixed", "is fixed", "up and running", "service returned",
                  "return until",  # "did not return until 4pm": the service's return then
                  "remained so until", "stayed so until", "remained that way until", "stayed that way until",
                  "remained like that until",  # the sentence before's failure, lasting until then
                  "payments succeed", "payments succeeding", "transactions succeed", "transactions succeeding",
                  "going through again", "went through again", "reopened", "reopening of", "reopens",
                  "began allowing", *(f"{began} {back}" for began in ("began", "started") for back in ("returning", "to return", "coming back",
                                                                                "to come back", "flowing again")),
                  "entered the ring", "got started", "finally began", "finally started", "resum*",
                  "cleared", "to baseline", "been mitigated", "was mitigated", "is mitigated", "confirmed mitigated",
                  "fully mitigated", "full mitigation", "rectified", "remedied", "repaired", "fix was in place", "fix is in place",
                  "as normal", "flowing normally", "functioning normally", "running normally", "working normally",
                  "restoration", "no longer observe", "no longer observing", "no longer see", "no longer seeing",
                  "no longer experiencing", "no longer affected", "no longer impacted", "coming online", "impact end",
                  "impact ended", "end of impact", "end of customer impact", "impact ends",
                  "services online", "service online", "now be able to", "now able to", "available to end users again", "available to users again", "available to customers again",
                  "available to all users again", "is responsive", "are responsive", "are now able", "is now able", "can now access",
                  "can now log in", "can now connect", "can now use", "brought online", "online again", "connect again", "log in again", "access again", "available again", "accessible again", "reachable again", "responsive again", "usable again", "back in service",
                  "returned to service", "brought back", "bringing back", "bring back", "was back", "were back",
                  "is back", "are back", "is now back", "are now back", "began improving", "started improving",
                  "see improvement", "see improvements", "seeing improvement", "seeing improvements",
                  "seen improvement", "seen improvements", "saw improvement", "saw improvements", "regions stable", "systems stable",
                  "services stable", "service stable", "all stable", "stable again", "stabilized", "stabilised", "reached stability", "regained stability", "traffic healthy", "errors drop", "errors dropped", "error rates dropped"), None),
    ("mitigation", ("mitigat*", "rolled back", "roll back", "rolls back", "rolling back", "rollback", "fails over",
                    "deploying a fix", "deploying the fix", "deploying fixes", "deploying solutions", "deploying a solution",
                    "deploy a fix", "deploy the fix", "apply a fix", "apply the fix", "roll out a fix", "roll out the fix",
                    "rolling out a fix", "rolled out a fix", "reverted", "revert*", "reversed", "remediat*",
                    "failed over", "failover", "workaround", "deployed a fix", "applied a fix", "fix was", "disabled",
                    "disabling", "throttl*", "restarted", "relaunch*", "rebooted", "rebooting", "reboot", "bypass*",
                    "rolled out a fix", "rolled out the fix", "implemented a fix", "implemented the fix", "deployed the fix",
                    "applied the fix", "fix has been implemented", "fix has been deployed", "fix has been applied",
                    "implementing fixes", "implementing a fix", "implementing the fix", "implemented fixes",
                    "rolling out a fix", "rolling out the fix", "deploying a fix", "deploying the fix",
                    # a patch under way ("are implementing a patch"); one done says what it did ("… and put the server back online")
                    *(f"{verb} {thing} patch" for verb in ("implementing", "deploying", "applying", "rolling out") for thing in ("a", "the"))),
     None),
    ("detection", ("detect", "detects", "detected", "detecting", "detection", "alerted", "alerts fired", "alert fired", "alert fires", "alerts fire", "alert triggered",
                   "alerts triggered", "alert went off", "alarm", "alarms", "alarmed", "monitoring detected", "alerting", "noticed", "notices",
                   "spotted", "became known", "opened an internal incident", "opened an incident",
                   "made aware", "became aware", "made aware of", "became aware of", "first signs", "first alert", "alert received",
                   "alertmanager page", "alert page", "identified by", "flagged by", "caught by"), None),  # "identified by Fastly monitoring"
    ("acknowledgement", ("acknowledg*", "admitted", "aware of", "are aware", "is aware", "began investigating",
                         "first public notice", "first notice", "status alert",
                         "started investigating", "investigating", "is currently experiencing", "are currently experiencing",
                         # a state written in the present at the time: the operator says what is broken now
                         *(f"{verb} currently {state}" for verb in ("is", "are") for state in (
                             "impaired", "degraded", "unavailable", "down", "affected", "unable", "seeing", "failing")),
                         "having issues", "experiencing issues", "declared an incident", "paged", "engaged",
                         "investigation is underway", "investigation is under way", "continuing our investigation",
                         "continuing to investigate", "continue to investigate", "public incident", "investigation initiated",
                         "investigation started", "investigation began", "investigation begins", "initial investigation",
                         "incident response protocol", "incident response process"), None),
    ("cause", ("caused by", "issue was identified", "problem was identified", "identified the issue", "identified the problem",
               "identified the cause", "traced to", "traced the problem", "traced the issue", "traced the outage", "root cause", "root issue*", "root problem", "the cause", "underlying cause", "proximate cause", "not caused", "because of",
               "attack*", "triggered by", "blamed", "due to a", "due to an"), None),
    ("report", ("reports of", "reported problems", "users reported", "reporting problems", "reporting issues",
                "complain*", "downdetector", "users said", "customers said", "flood in", "took to twitter",
                "took to social media", "social media"), None),
    ("end", ("ended", "wrapped up", "concluded", "finished", "signed off", "came to an end", "went off air", "tko",
             "knockout", "final whistle", "full-time", "final bell", "curtain"), "live"),
    # an outage that ended at a time: its resolution ("Incident began at 10:51 and ended at 18:18"; not "ended up")
    ("resolution", ("ended at", "ended on", "ended around", "ended about", "ended by", "ended shortly", "ended just",
                    "ended late", "ended early"), "outage"),
    ("communication", ("statement", "said", "says", "stated", "noted that", "declared", "told", "communicates", "communicated", "posted", "tweeted", "a tweet", "in a tweet", "announced",
                       "an update", "another update", "latest update", "status update", "update from", "updates from",
                       "provided an update", "notified", "informs", "informed", "wrote", "emailed", "confirmed", "suggested", "indicated",
                       "issued", "explained", "apologi*", "blog post", "press release", "news conference", "status page",
                       "status-page", "published a", "published an", "published its", "published our", "we published",
                       "status post", "post is published", "post was published"), None),
    *europe.CUES,  # the same kinds in French, German and Spanish
)
# the words that say something was due to start ("was to", "scheduled to", "due to begin"), in every language of the table
SCHEDULED = tuple(word for kind, words, _ in CUES if kind == "scheduled_start" for word in words)

# "Optus issues first statement": the verb, a statement made (not "issues" the problems); a bounded phrase: linear
_ISSUES_VERB = re.compile(r"\bissues (?=(?:a|an|the|its|their|first|second|new|further|nationwide|statement|update|alert|apology|"
                          r"warning|notice)\b)")


def cue_text(words: str) -> str:
    """The words cues are looked for in: lower case, curly apostrophes straight ("couldn’t pay" as
    "couldn't pay"), the verb "issues" written as its past, a statement's cue."""
    return _ISSUES_VERB.sub("issued ", words.lower().replace("’", "'"))
