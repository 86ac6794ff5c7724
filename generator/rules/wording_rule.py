"""Rule forbidden-term: promises education material must not make, unless quoted to warn against them."""

from __future__ import annotations

from generator.i18n import _
from generator.model import Site
from generator.problems import Problems
from generator.rules.wording import find_forbidden_terms, terms_for
from generator.yamlsource import Source


def check(sources: dict[str, Source], site: Site) -> Problems:
    problems = Problems()
    terms = terms_for(site.forbidden_terms.add, site.forbidden_terms.allow)
    for file, source in sources.items():
        for path, value in source.strings():
            if file.endswith("site.yaml") and path[:1] == ("forbidden_terms",):
                continue  # the bank's own list of words not to use
            for hit in find_forbidden_terms(value, terms, warning=path[:1] == ("red_flags",)):
                line, column = source.locate(path, value, hit.start, hit.length)
                problems.add(
                    file,
                    line,
                    column,
                    "forbidden-term",
                    _(
                        "'{term}': {reason}. To warn against it, put it in quotation marks: “{term}”",
                        term=hit.term,
                        reason=_(hit.reason),  # the site's own terms' reason; the defaults' are in their language
                    ),
                )
    return problems
