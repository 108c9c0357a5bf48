"""What a counselor asks of their caseload table: filters, search, sort and page, read
from the address (a GET form and links: no JavaScript), anything odd read as unset."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

PAGE_SIZE = 25
# sort -> (its order in words, the other way in words); "risk" counts down by nature
SORTS = {"risk": ("most goals at risk first", "fewest goals at risk first"),
         "name": ("A to Z", "Z to A"), "review": ("soonest first", "latest first"),
         "grade": ("lowest first", "highest first")}
LONGEST = 100  # characters kept of a search


def _text(params, name: str, limit: int = LONGEST) -> str:
    values = params.getall(name) if hasattr(params, "getall") else [params.get(name, "")]
    value = values[-1] if values else ""
    return value.strip()[:limit] if isinstance(value, str) else ""


@dataclass(frozen=True)
class CaseloadQuery:
    """The table's filters (empty: any), its order and the page shown."""

    search: str = ""
    school: str = ""
    grade: str = ""
    status: str = ""  # the plan's lifecycle state
    at_risk: bool = False
    review_due: bool = False
    sort: str = "risk"
    descending: bool = False
    page: int = 1

    @classmethod
    def read(cls, params) -> CaseloadQuery:
        sort = _text(params, "sort", 20)
        try:
            page = max(1, min(int(_text(params, "page", 9) or 1), 10**6))
        except ValueError:
            page = 1
        return cls(search=_text(params, "q"), school=_text(params, "school", 80),
                   grade=_text(params, "grade", 10), status=_text(params, "status", 40),
                   at_risk=_text(params, "risk", 5) == "1",
                   review_due=_text(params, "review", 5) == "1",
                   sort=sort if sort in SORTS else "risk",
                   descending=_text(params, "dir", 5) == "desc", page=page)

    @property
    def filtered(self) -> bool:
        return any((self.search, self.school, self.grade, self.status, self.at_risk,
                    self.review_due))

    def params(self, **changes) -> dict[str, str]:
        """The address's query for this table, changed as given (defaults left out)."""
        values = asdict(replace(self, **changes))
        names = {"search": "q", "at_risk": "risk", "review_due": "review",
                 "descending": "dir"}
        found = {}
        for key, value in values.items():
            if value in ("", False) or (key, value) in (("sort", "risk"), ("page", 1)):
                continue
            found[names.get(key, key)] = ("desc" if key == "descending" else
                                          "1" if value is True else str(value))
        return found

    def sorted_by(self, key: str) -> dict[str, str]:
        """The link of a column heading: sort by it, or the other way if it sorts now."""
        return self.params(sort=key, descending=self.sort == key and not self.descending,
                           page=1)

    def aria_sort(self, key: str) -> str | None:
        if self.sort != key:
            return None
        return "descending" if self.descending != (key == "risk") else "ascending"

    def said(self, key: str) -> str:
        """The column's order in words: how it sorts now, or how a click would sort it."""
        natural, other = SORTS[key]
        if self.sort != key:
            return f"sort {natural}"
        now, then = (other, natural) if self.descending else (natural, other)
        return f"sorted {now}; sort {then}"
