"""The year's generated pages and the template data of every page the plugin knows.

Pages are real MkDocs files (`File.generated`) holding front matter and, for printable
topics, a frame the materials' HTML fills (`printed.py`); everything else is rendered by
`theme/partials/dj-year*.html` from the dictionaries returned by `YearPages.context()`.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
import html
import posixpath
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..content import listing
from ..content.pages import attachment_item, material_id
from ..quiz.embed import placeholder
from . import ics
from .catalogue import Catalogue
from .events import QUARTER_MINIMUM, SANHUI_YIKE, Event, quarter_counts
from .plans import PlanItem, StudyPlan, material_uri, topic_folder
from .printed import PLACE

WEEKDAYS = "一二三四五六日"
CALENDAR_FILE = "zuzhi-shenghuo.ics"
RECORD_PAGE = "record.md"
DOWNLOADS_PAGE = "downloads.md"
PRINT_PAGE = "print.md"


def _front(title: str, *extra: str) -> str:
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "\n".join(["---", f"title: {quoted}", *extra, "---", ""]) + "\n"


def weekday(day: dt.date) -> str:
    return "星期" + WEEKDAYS[day.weekday()]


def print_markdown(topic_title: str, description: str | None, materials: list) -> str:
    """The frame of a page holding every material of a topic in order, each starting a
    printed page: material N's text goes where `printed.PLACE` says (`printed.assemble`).

    Titles and facts are text: escaped, since Markdown passes HTML through.
    """
    lines = [_front(f"{topic_title}（打印版）", "hide: [navigation, toc, footer]")]
    if description:
        lines.append(f'<p class="dj-summary">{html.escape(description)}</p>\n')
    for number, material in enumerate(materials, start=1):
        title = html.escape(material.title)
        lines.append(f'<div class="dj-print-material" markdown="1">\n\n## {number}. {title}\n')
        facts = [material.date.isoformat() if material.date else "", material.source or ""]
        if any(facts):
            text = html.escape(" · ".join(f for f in facts if f))
            lines.append(f'<p class="dj-print-facts">{text}</p>\n')
        lines.append(PLACE.format(number=number) + "\n\n</div>\n")
    return "\n".join(lines)


@dataclass
class YearPages:
    """Everything the year plugin generates, and the data its templates show."""

    config: MkDocsConfig
    files: Files
    catalogue: Catalogue
    events: dict[str, Event]
    plans: dict[str, StudyPlan]
    events_dir: str
    plans_dir: str
    study_dir: str
    quizzes_dir: str
    kinds: tuple[str, ...]
    today: dt.date
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    plan_pages: dict[str, StudyPlan] = field(default_factory=dict)  # page src → plan
    # print page src → its materials' src, in order; and each material's number there
    printed: dict[str, list[str]] = field(default_factory=dict)
    printed_materials: dict[str, int] = field(default_factory=dict)

    def url(self, src_uri: str) -> str:
        file = self.files.get_file_from_path(src_uri)
        return file.url if file else ""

    def _add(self, src_uri: str, content: str | bytes, data: dict[str, Any] | None = None) -> bool:
        """Add a generated page, unless the site has a file of that name; True when added."""
        if data is not None:
            self.pages[src_uri] = data
        if self.files.get_file_from_path(src_uri) is not None:
            return False
        self.files.append(File.generated(self.config, src_uri, content=content))
        return True

    # -- generated files -----------------------------------------------------------

    def generate(self) -> None:
        self._event_pages()
        self._calendars()
        self._plan_pages()
        self._add(RECORD_PAGE, _front("我的学习记录", "hide: [toc]"), {"kind": "record"})
        self._add(DOWNLOADS_PAGE, _front("文件下载", "hide: [toc]"), {"kind": "downloads"})
        for folder, topic in self.catalogue.topics.items():
            if topic.materials:
                content = print_markdown(topic.title, topic.description, topic.materials)
                if not self._add(f"{folder}/{PRINT_PAGE}", content, {"kind": "print"}):
                    continue  # the editor's own page of that name
                sources = [material.src_uri for material in topic.materials]
                self.printed[f"{folder}/{PRINT_PAGE}"] = sources
                self.printed_materials.update((src, n) for n, src in enumerate(sources, start=1))

    def _events_sorted(self) -> list[Event]:
        return sorted(
            self.events.values(), key=lambda e: (e.date, e.start or dt.time(0), e.src_uri)
        )

    def _event_pages(self) -> None:
        base = self.events_dir
        self._add(f"{base}/index.md", _front("组织生活", "hide: [toc]"), {"kind": "events"})
        self._add(f"{base}/calendar.md", _front("活动日历", "hide: [toc]"), {"kind": "calendar"})
        for year in sorted({e.date.year for e in self.events.values()}, reverse=True):
            self._add(
                f"{base}/archive/{year}.md",
                _front(f"{year} 年组织生活"),
                {"kind": "events-year", "year": year},
            )

    def _calendars(self) -> None:
        site_url = self.config.site_url or ""
        stamp = ics.build_stamp(self.today)
        name = f"{self.config.site_name} · 组织生活"
        pairs = [(e, self.url(e.src_uri)) for e in self._events_sorted()]
        for event, url in pairs:
            content = ics.calendar([(event, url)], site_url=site_url, name=name, stamp=stamp)
            self._add(self.ics_uri(event), content)
        whole = ics.calendar(pairs, site_url=site_url, name=name, stamp=stamp)
        self._add(f"{self.events_dir}/{CALENDAR_FILE}", whole)

    def ics_uri(self, event: Event) -> str:
        return event.src_uri.removesuffix(".md") + ".ics"

    def _plan_pages(self) -> None:
        self._add(
            f"{self.plans_dir}/index.md", _front("学习计划", "hide: [toc]"), {"kind": "plans"}
        )
        for plan in self.plans.values():
            src = plan.src_uri.rsplit(".", 1)[0] + ".md"
            self.plan_pages[src] = plan
            self._add(src, _front(plan.title, "hide: [toc]"), {"kind": "plan"})
            for item in plan.items:
                if item.kind == "paper" and item.settings:  # checked (`check` goes on past errors)
                    self._add(self.paper_uri(plan, item), self._paper_page(plan, item))

    def paper_uri(self, plan: StudyPlan, item: PlanItem) -> str:
        return f"{plan.src_uri.rsplit('.', 1)[0]}/paper-{item.number}.md"

    def paper_title(self, item: PlanItem) -> str:
        chosen = item.settings["banks"] if item.settings else []
        banks = "、".join(self.catalogue.banks.get(b, b) for b in chosen)
        return item.title or f"随机组卷：{banks}"

    def _paper_page(self, plan: StudyPlan, item: PlanItem) -> str:
        """The exam of exactly this paper; its results carry the paper id plans.js looks for."""
        title = self.paper_title(item)
        settings = {
            **item.settings,
            "view": "bank",
            "mode": "exam",
            "paper": item.target,
            "pass": item.pass_mark,
            "title": title,
        }
        plan_src = plan.src_uri.rsplit(".", 1)[0] + ".md"
        back = posixpath.relpath(plan_src, posixpath.dirname(self.paper_uri(plan, item)))
        intro = (
            f"本试卷属于学习计划“{html.escape(plan.title)}”第 {item.number} 项任务，"
            f"考试得分达到 {item.pass_mark} 分即算完成。每次打开都是同一份试卷。"
        )
        return (
            _front(title, "hide: [toc]")
            + f'<p class="dj-plan-paper__intro">{intro}</p>\n\n'
            + placeholder(settings)
            + f"\n\n[返回学习计划]({back})\n"
        )

    # -- template data -------------------------------------------------------------

    def event_item(self, event: Event) -> dict[str, Any]:
        return {
            "id": event.id,
            "url": self.url(event.src_uri),
            "title": event.title,
            "kind": event.kind,
            "date": event.date.isoformat(),
            "weekday": weekday(event.date),
            "time": event.time_text(),
            "place": event.place or "",
            "audience": event.audience or "",
            "agenda": event.agenda,
            "ics_url": self.url(self.ics_uri(event)),
            "attachments": [attachment_item(self.files, a) for a in event.attachments],
        }

    def plan_item(self, plan: StudyPlan) -> dict[str, Any]:
        src = plan.src_uri.rsplit(".", 1)[0] + ".md"
        return {
            "id": plan.id,
            "url": self.url(src),
            "title": plan.title,
            "from": plan.start.isoformat(),
            "to": plan.end.isoformat(),
            "audience": plan.audience or "",
            "description": plan.description or "",
            "current": plan.is_current(self.today),
            "items": [self._task(plan, item) for item in plan.items],
        }

    def _task(self, plan: StudyPlan, item) -> dict[str, Any]:
        """One plan item: what to show and what the browser checks to call it done."""
        task: dict[str, Any] = {
            "number": item.number,
            "due": item.due.isoformat(),
            "required": item.required,
            "kind": item.kind,
            "url": "",
            "check": {"kind": item.kind, "due": item.due.isoformat()},
        }
        if item.kind == "material":
            material = self.catalogue.materials[material_uri(item.target, self.study_dir)]
            task.update(title=material.title, url=self.url(material.src_uri), label="学习资料")
            task["check"]["ids"] = [material_id(material)]
            task["hours"] = listing.format_hours(material.hours)
        elif item.kind == "topic":
            folder = topic_folder(item.target, self.study_dir)
            topic = self.catalogue.topics[folder]
            task.update(
                title=f"专题：{topic.title}", url=self.url(f"{folder}/index.md"), label="学完专题"
            )
            task["check"]["ids"] = [material_id(m) for m in topic.materials]
            task["hours"] = listing.format_hours(listing.total_hours(topic.materials))
        elif item.kind == "quiz":
            title = self.catalogue.banks.get(item.target, item.target)
            task.update(
                title=f"{title}（考试 {item.pass_mark} 分及格）",
                url=self.url(f"{self.quizzes_dir}/{item.target}.md"),
                label="自测考试",
            )
            task["check"].update(bank=item.target, pass_mark=item.pass_mark)
        elif item.kind == "paper":
            task.update(
                title=f"{self.paper_title(item)}（考试 {item.pass_mark} 分及格）",
                url=self.url(self.paper_uri(plan, item)) if item.settings else "",
                label="随机组卷",
            )
            task["check"].update(paper=item.target, pass_mark=item.pass_mark)
        else:
            task.update(title=item.target, label="其他任务")
            task["check"]["key"] = f"{plan.id}/{item.number}"
        if item.title:
            task["title"] = item.title
        return task

    def context(self, src_uri: str) -> dict[str, Any] | None:
        """Template data for one page of ours, or None."""
        if src_uri in self.events:
            return {"kind": "event", "event": self.event_item(self.events[src_uri])}
        data = self.pages.get(src_uri)
        if data is None:
            return None
        kind = data["kind"]
        if kind == "plan":
            return {"kind": kind, **self.plan_context(src_uri)}
        builder = getattr(self, "_ctx_" + kind.replace("-", "_"), None)
        return {"kind": kind, **(builder(data) if builder else {})}

    def _links(self) -> dict[str, str]:
        years = sorted({e.date.year for e in self.events.values()}, reverse=True)
        return {
            "events_url": self.url(f"{self.events_dir}/index.md"),
            "calendar_url": self.url(f"{self.events_dir}/calendar.md"),
            "ics_url": self.url(f"{self.events_dir}/{CALENDAR_FILE}"),
            "years": [
                {"year": y, "url": self.url(f"{self.events_dir}/archive/{y}.md")} for y in years
            ],
        }

    def _ctx_events(self, data: dict[str, Any]) -> dict[str, Any]:
        events = self._events_sorted()
        held = [e for e in events if e.date <= self.today]
        return {
            **self._links(),
            "upcoming": [self.event_item(e) for e in events if e.date >= self.today],
            "recent": [self.event_item(e) for e in reversed(held)][:5],
            "kinds": list(SANHUI_YIKE),
            "quarters": quarter_counts(events, self.today),
            "minimums": [QUARTER_MINIMUM[k] for k in SANHUI_YIKE],
        }

    def _ctx_events_year(self, data: dict[str, Any]) -> dict[str, Any]:
        year = data["year"]
        events = [e for e in reversed(self._events_sorted()) if e.date.year == year]
        return {**self._links(), "year": year, "items": [self.event_item(e) for e in events]}

    def _ctx_calendar(self, data: dict[str, Any]) -> dict[str, Any]:
        events = self._events_sorted()
        if not events:
            return {**self._links(), "months": []}
        by_day: dict[dt.date, list[Event]] = {}
        for event in events:
            by_day.setdefault(event.date, []).append(event)
        first, last = events[0].date, events[-1].date
        result = []
        year, month = first.year, first.month
        grid = months.Calendar(firstweekday=0)
        while (year, month) <= (last.year, last.month):
            weeks = [
                [
                    {
                        "day": d.day if d.month == month else 0,
                        "date": d.isoformat(),
                        "events": [self.event_item(e) for e in by_day.get(d, [])]
                        if d.month == month
                        else [],
                    }
                    for d in week
                ]
                for week in grid.monthdatescalendar(year, month)
            ]
            result.append(
                {"id": f"{year}-{month:02d}", "title": f"{year} 年 {month} 月", "weeks": weeks}
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return {**self._links(), "months": result, "weekdays": list(WEEKDAYS)}

    def _ctx_plans(self, data: dict[str, Any]) -> dict[str, Any]:
        plans = sorted(self.plans.values(), key=lambda p: (p.start, p.id), reverse=True)
        current = [p for p in plans if p.end >= self.today]
        past: dict[int, list] = {}
        for plan in plans:
            if plan.end < self.today:
                past.setdefault(plan.end.year, []).append(self.plan_item(plan))
        return {
            "current": [self.plan_item(p) for p in current],
            "past": [
                {"year": y, "items": items} for y, items in sorted(past.items(), reverse=True)
            ],
            "record_url": self.url(RECORD_PAGE),
        }

    def plan_context(self, src_uri: str) -> dict[str, Any]:
        return {
            "plan": self.plan_item(self.plan_pages[src_uri]),
            "plans_url": self.url(f"{self.plans_dir}/index.md"),
            "record_url": self.url(RECORD_PAGE),
        }

    def home_context(self) -> dict[str, Any]:
        """「本月学习任务」: plans not yet ended at build time (the browser re-checks the dates)."""
        plans = sorted(self.plans.values(), key=lambda p: (p.start, p.id))
        return {
            "plans": [self.plan_item(p) for p in plans if p.end >= self.today],
            "plans_url": self.url(f"{self.plans_dir}/index.md"),
            "events": [self.event_item(e) for e in self._events_sorted() if e.date >= self.today][
                :3
            ],
            "events_url": self.url(f"{self.events_dir}/index.md"),
        }

    def _ctx_record(self, data: dict[str, Any]) -> dict[str, Any]:
        materials = []
        for topic in self.catalogue.topics.values():
            for m in topic.materials:
                materials.append(
                    [material_id(m), m.title, topic.title, m.hours or 0, self.url(m.src_uri)]
                )
        plans = []
        for plan in sorted(self.plans.values(), key=lambda p: (p.start, p.id), reverse=True):
            checks = [task["check"] for task in self.plan_item(plan)["items"]]
            ids = sorted({i for check in checks for i in check.get("ids", [])})
            plans.append({"id": plan.id, "title": plan.title, "tasks": checks, "ids": ids})
        return {
            "data": {
                "materials": materials,
                "plans": plans,
                "banks": self.catalogue.banks,
                "papers": {
                    item.target: self.paper_title(item)
                    for plan in self.plans.values()
                    for item in plan.items
                    if item.kind == "paper" and item.settings
                },
            },
            "study_url": self.url(f"{self.study_dir}/index.md"),
        }

    def _ctx_downloads(self, data: dict[str, Any]) -> dict[str, Any]:
        rows = []
        for notice in self.catalogue.notices:
            for attachment in notice.attachments:
                rows.append(
                    self._download(
                        attachment, notice.title, notice.src_uri, notice.category, notice.date
                    )
                )
        for event in self.events.values():
            for attachment in event.attachments:
                rows.append(
                    self._download(attachment, event.title, event.src_uri, "组织生活", event.date)
                )
        rows.sort(key=lambda r: (r["date"], r["name"]), reverse=True)
        return {
            "rows": rows,
            "categories": sorted({r["category"] for r in rows}),
            "years": sorted({r["year"] for r in rows}, reverse=True),
        }

    def _download(
        self, attachment, owner: str, owner_src: str, category: str, date: dt.date
    ) -> dict[str, Any]:
        return {
            **attachment_item(self.files, attachment),
            "owner": owner,
            "owner_url": self.url(owner_src),
            "category": category,
            "date": date.isoformat(),
            "year": date.year,
        }

    def print_url(self, topic_index_src: str) -> str:
        """The 打印本专题 page of a topic, from its index page; '' when it has none."""
        folder = posixpath.dirname(topic_index_src)
        return self.url(f"{folder}/{PRINT_PAGE}") if folder in self.catalogue.topics else ""
