"""What every page shares: the base macro, the user, breadcrumbs, flash messages."""
from __future__ import annotations

from pyramid.interfaces import IMultiView, ISecuredView, IView, IViewClassifier
from pyramid.location import lineage
from pyramid.renderers import get_renderer
from zope.interface import providedBy

from profilerepo.security.roles import VIEW
from profilerepo.views import STATIC, template
from profilerepo.views.display import Html, paragraphs, person, plain


def _page_template(request, name: str):
    """A template of ours, looked up once per application (a lookup checks the file on
    disk: two system calls on every page, taking turns with every other thread)."""
    kept = request.registry.__dict__.setdefault("profilerepo_page_templates", {})
    found = kept.get(name)
    if found is None:
        found = kept[name] = get_renderer(template(name)).implementation()
    return found


def has_page(request, resource) -> bool:
    """Whether ``resource`` has a page of its own (a default view): a container that only
    holds documents (a plan's progress reports) gets no breadcrumb that would lead to a 404."""
    context = providedBy(resource)
    return any(request.registry.adapters.lookup((IViewClassifier, request.request_iface, context),
                                                kind, name="") is not None
               for kind in (IView, ISecuredView, IMultiView))


class Layout:
    """Handed to every template as ``layout``."""

    def __init__(self, request, context) -> None:
        self.request = request
        self.context = context

    @property
    def macro(self):
        return _page_template(self.request, "layout.pt").macros["page"]

    @property
    def form_macro(self):
        """The form page (``form.pt``), for a page that adds to it in its ``after_form`` slot."""
        return _page_template(self.request, "form.pt").macros["form_page"]

    @property
    def _view_name(self) -> str:
        """The view's name ("" on an error page, drawn before any view was found)."""
        return getattr(self.request, "view_name", "")

    @property
    def on_search_page(self) -> bool:
        """The search page has its own search form: the header's is left out there."""
        return self._view_name == "search"

    @property
    def user(self):
        return self.request.user

    def static(self, path: str) -> str:
        return self.request.static_url(str(STATIC / path))

    def breadcrumbs(self) -> list[tuple[str, str]]:
        """(title, url) from the site down to the context's parent."""
        context = self.context
        if context is None or context is self.request.site or not hasattr(context, "__parent__"):
            return []
        trail = []
        nodes = list(lineage(context))
        # On a named view (edit, versions, team...) the context itself is a step back.
        for node in reversed(nodes if self._view_name else nodes[1:]):
            if node.__parent__ is None:
                trail.append(("Home", self.request.application_url + "/"))
            elif self.request.has_permission(VIEW, node) and has_page(self.request, node):
                title = getattr(node, "title", node.__name__)
                trail.append((title, self.request.resource_url(node)))
        return trail

    def provenance(self) -> list[str]:
        """Where an imported document came from, and (a plan from the last school not
        yet adopted) which services hold meanwhile: a line each, none for our own."""
        if getattr(self.context, "provenance", None) is None or self._view_name:
            return []
        from profilerepo.portability.imported import comparable_services, provenance_line

        return list(filter(None, (provenance_line(self.context),
                                  comparable_services(self.context))))

    def adoption(self) -> dict | None:
        """The button adopting a draft from the last school, for those who may."""
        if getattr(self.context, "provenance", None) is None or self._view_name:
            return None
        from profilerepo.portability.import_pages import adoption

        return adoption(self.request, self.context)

    def whose(self, student) -> str:
        """"your" to the student who holds their own rights (from 18), who reads these
        pages about themself; "<first name>'s" to anyone else."""
        from profilerepo.views.family_access import whose

        return whose(self.request, student)

    def flashes(self) -> list[str]:
        return self.request.session.pop_flash() if self.request.user else []

    def csrf_token(self) -> str:
        from pyramid.csrf import get_csrf_token

        return get_csrf_token(self.request)

    @property
    def macros(self):
        return _page_template(self.request, "macros.pt").macros

    def home_panel(self, role: str):
        """The home page's panel for a role (``templates/home/<role>.pt``)."""
        return _page_template(self.request, f"home/{role}.pt").macros["panel"]

    def plain(self, value) -> str:
        return plain(value, self.request.registry.timezone)

    def paragraphs(self, text, quoted: bool = False) -> Html:
        """Typed text as it was typed: paragraphs and line breaks, escaped."""
        return paragraphs(text, quoted=quoted)

    def person(self, login: str) -> str:
        return person(self.request.site, login)

    def url(self, resource, *elements, **kw) -> str:
        return self.request.resource_url(resource, *elements, **kw)
