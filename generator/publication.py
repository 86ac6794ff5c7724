"""Where each case version goes, decided once for every output (in the style of MkDocs' InclusionLevel).

The site, the lobby screens and the app each ask this one object, so "approved and unexpired" is stated
here and nowhere else. A case whose own words have an error is not in the content handed to the
renderers at all (checking.publishable); a problem only one output has is asked of here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.alert import AlertVersion, by_urgency
from generator.model import CaseVersion, Content, ReviewStatus
from generator.problems import SMS, WECHAT, Problems


@dataclass(frozen=True)
class Publication:
    today: dt.date
    drafts: bool = False  # a preview: cases not approved yet are shown, under a banner
    no_sms: frozenset[str] = field(default_factory=frozenset)  # files whose text message is withheld
    no_wechat: frozenset[str] = field(default_factory=frozenset)  # files whose WeChat article is withheld
    now: dt.datetime | None = None  # the build's moment: which alerts are live (None: none is)

    @classmethod
    def decide(
        cls, problems: Problems, today: dt.date, drafts: bool = False, now: dt.datetime | None = None
    ) -> Publication:
        return cls(today, drafts, frozenset(problems.withheld(SMS)), frozenset(problems.withheld(WECHAT)), now)

    def alert_live(self, version: AlertVersion) -> bool:
        """An alert is shown only approved, from its `from` up to its `until` (or its approval's end): a build
        after that leaves it out of every output."""
        return version.approved and self.now is not None and version.live(self.now)

    def live_alerts(self, content: Content, lang: str) -> list[AlertVersion]:
        """The alerts shown now in `lang`, the most urgent first."""
        return by_urgency([v for v in content.alerts_in(lang) if self.alert_live(v)])

    def alert_sms(self, version: AlertVersion) -> bool:
        return self.alert_live(version) and version.file not in self.no_sms

    def on_site(self, version: CaseVersion) -> bool:
        """The case has a page: approved, or in a preview anything but withdrawn."""
        status = version.case.review.status
        return status is ReviewStatus.approved or (self.drafts and status is not ReviewStatus.withdrawn)

    def in_preview_only(self, version: CaseVersion) -> bool:
        return self.on_site(version) and version.case.review.status is not ReviewStatus.approved

    def listed(self, version: CaseVersion) -> bool:
        """On the month, category and home lists: on the site and still valid (expired ones: the archive)."""
        return self.on_site(version) and not version.expired(self.today)

    def on_screens(self, version: CaseVersion) -> bool:
        """Only approved, unexpired cases ever reach a lobby screen (a slide that does not fit is the
        planner's to leave out)."""
        return version.case.review.status is ReviewStatus.approved and not version.expired(self.today)

    def in_app(self, version: CaseVersion) -> bool:
        """Only approved, unexpired cases ever reach the app."""
        return version.case.review.status is ReviewStatus.approved and not version.expired(self.today)

    def sms(self, version: CaseVersion) -> bool:
        return self.in_app(version) and version.file not in self.no_sms

    def wechat(self, version: CaseVersion) -> bool:
        """A WeChat article goes out as the app's files do: approved and unexpired, within the draft API's limits."""
        return self.in_app(version) and version.file not in self.no_wechat
