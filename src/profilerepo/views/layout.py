"""What every page shares: the base macro, the user, breadcrumbs, flash messages."""
from __future__ import annotations

from pyramid.location import lineage
from pyramid.renderers import get_renderer

from profilerepo.security.roles import VIEW
from profilerepo.views import STATIC, template
from profilerepo.views.display import person, plain


def _page_template(request, name: str):
    """A template of ours, looked up once per application (a lookup checks the file on
    disk: two system calls on every page, taking turns with every other thread)."""
    kept = request.registry.__dict__.setdefault("profilerepo_page_templates", {})
    found = kept.get(name)
    if found is None:
        found = kept[name] = get_renderer(template(name)).implementation()
    return found


class Layout:
    """Handed to every template as ``layout``."""

    def __init__(self, request, context) -> None:
        self.request = request
        self.context = context

    @property
    def macro(self):
        return _page_template(self.request, "layout.pt").macros["page"]

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
        for node in reversed(nodes if self.request.view_name else nodes[1:]):
            if node.__parent__ is None:
                trail.append(("Home", self.request.application_url + "/"))
            elif self.request.has_permission(VIEW, node):
                title = getattr(node, "title", node.__name__)
                trail.append((title, self.request.resource_url(node)))
        return trail

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

    def person(self, login: str) -> str:
        return person(self.request.site, login)

    def url(self, resource, *elements, **kw) -> str:
        return self.request.resource_url(resource, *elements, **kw)
