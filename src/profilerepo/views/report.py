"""A progress report's page: a section with a heading and a chart per goal, signed by
its counselor; the family acknowledges it and asks questions the counselor answers."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from profilerepo.clock import day_of
from profilerepo.plans.report_replies import (
    AnswerSchema,
    QuestionSchema,
    acknowledge,
    answer,
    ask,
    author,
    has_read,
    last_shared,
    waiting_questions,
)
from profilerepo.plans.reports import ProgressReport
from profilerepo.security.policy import roles_on
from profilerepo.security.roles import VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import Html, person, plain, today
from profilerepo.views.goal_words import GoalInWords, in_words

FAMILY, ANSWERING = "guardian", "counselor"


@dataclass(frozen=True)
class GoalSection:
    told: GoalInWords
    words: list[str]  # the report's paragraphs on this goal (the counselor's own words)


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]


def sections(request, report: ProgressReport) -> tuple[list[GoalSection], list[str]]:
    """One section per goal the report is on (its active goals, and any other whose title
    opens a paragraph), with the paragraphs that open with its title; and the paragraphs
    on no goal. The goals are shown as they stood when the report was shared."""
    plan, paragraphs = report.__parent__.__parent__, _paragraphs(report.body)
    shared = last_shared(report)
    until = day_of(shared, request.registry) if shared else None
    found, used = [], set()
    for goal in plan.goals.values():
        words = [p for p in paragraphs if p.split("\n", 1)[0].strip() == goal.title.strip()]
        if not goal.in_force and not words:
            continue
        used.update(words)
        words = [p.split("\n", 1)[1].strip() if "\n" in p else "" for p in words]
        found.append(GoalSection(in_words(request.site, goal, today(request), until=until),
                                 [w for w in words if w]))
    return found, [p for p in paragraphs if p not in used]


def _is(request, report, role: str) -> bool:
    return request.user is not None and role in roles_on(request, report)


def report_extras(request, report: ProgressReport) -> dict:
    """What the report page shows beyond the document: goal sections, signature, the
    family's acknowledgements and questions, and what this person may do about them."""
    goals, notes = sections(request, report)
    family = _is(request, report, FAMILY)
    return {"goal_sections": goals, "notes": notes, "signed_by": author(report),
            "shared_on": last_shared(report), "replies": report.replies,
            "waiting": waiting_questions(report), "is_family": family,
            "can_acknowledge": family and not has_read(report, request.user.login),
            "can_answer": _is(request, report, ANSWERING)}


def _only(request, report, role: str, why: str) -> None:
    if not _is(request, report, role):
        raise HTTPForbidden(why)


def _back(request, report) -> str:
    return request.resource_url(report) + "#replies-heading"


@view_config(context=ProgressReport, name="acknowledge", permission=VIEW,
             request_method="POST")
def acknowledge_view(context, request):
    _only(request, context, FAMILY, "Only the student's family acknowledges a report.")
    acknowledge(context, request.user.login)
    request.session.flash("Thank you: the school can see that you have read this report.")
    return HTTPSeeOther(_back(request, context))


@view_config(context=ProgressReport, name="ask", permission=VIEW,
             renderer=template("form.pt"))
def ask_view(context, request):
    _only(request, context, FAMILY, "Only the student's family asks questions here.")
    form = forms.build_form(request, QuestionSchema(), button="Send my question")

    def save(values: dict):
        ask(context, values["text"], by=request.user.login)
        request.session.flash("Sent. Your question is on the report, and the counselor sees "
                              "it on their home page.")
        return HTTPSeeOther(_back(request, context))

    return forms.form_page(request, form, heading=f"Ask about the progress report for "
                                                  f"{context.period}",
                           cancel_url=request.resource_url(context), save=save)


def _questions_asked(request, waiting: list[dict]) -> Html | str:
    """The questions waiting for this answer (who asked, when, what), one to a line, for
    the top of the answer form (the form's description, so escaped here)."""
    if not waiting:
        return ""
    tz = request.registry.timezone
    asked = [f"{escape(person(request.site, q['by']))} asked on {escape(plain(q['at'], tz))}: "
             f"“{escape(q['text']).replace(chr(10), '<br>')}”" for q in waiting]
    return Html("Waiting for your answer:<br>" + "<br>".join(asked))


@view_config(context=ProgressReport, name="answer", permission=VIEW,
             renderer=template("form.pt"))
def answer_view(context, request):
    _only(request, context, ANSWERING, "The student's counselor answers the family here.")
    form = forms.build_form(request, AnswerSchema(), button="Send my answer")
    form.description = _questions_asked(request, waiting_questions(context))

    def save(values: dict):
        answer(context, values["text"], by=request.user.login)
        request.session.flash("Sent. The family reads your answer on the report.")
        return HTTPSeeOther(_back(request, context))

    return forms.form_page(request, form, heading="Answer the family",
                           cancel_url=_back(request, context), save=save)
