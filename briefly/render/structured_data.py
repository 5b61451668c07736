"""JSON-LD for search engines: ``NewsArticle`` for every brief, ``FAQPage`` for its FAQ.

Built from the model and the brief's view only, so it says exactly what the
page says: the citations are the brief's sources (with a URL only when the
brief gives one), the dates are the brief's own.  Blocks are data, not code
(``type="application/ld+json"`` is never executed, so the strict CSP allows
it).  Templates write each block with Jinja's ``tojson`` filter, which
escapes ``<``, ``>``, ``&`` and ``'`` as ``\\u`` sequences, so no text can
close the script element early; no Markup is made here.
"""

from __future__ import annotations

import re
from typing import Any

from briefly.content.model import SiteConfig, Source
from briefly.render.cards import HEIGHT, WIDTH
from briefly.render.urls import absolute_url, brief_url, card_url
from briefly.views.brief_view import BriefView, plain_text

CONTEXT = "https://schema.org"
# A citation (with its claim badge) and the space before it: "before [@a]." must
# read "before." once the number is gone, as in the description and feeds.
_CITES_AND_BADGES = re.compile(r'\s*(?:<span class="claim">.*?</sup></span>|<sup class="cite">.*?</sup>'
                               r'|<span class="status[^"]*">[^<]*</span>)', re.S)


def _organisation(name: str, url: str | None = None) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    return org


def _citation(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title,
                            "publisher": _organisation(source.publisher),
                            "datePublished": source.date.isoformat()}
    if source.url:
        work["url"] = source.url
    return work


def news_article(config: SiteConfig, view: BriefView) -> dict[str, Any]:
    brief = view.brief
    url = absolute_url(config.base_url, brief_url(brief.slug))
    card = absolute_url(config.base_url, card_url(brief.slug))
    article = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": brief.headline,
        "description": view.description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": brief.published.isoformat(),
        "dateModified": brief.updated.isoformat(),
        "inLanguage": config.language,
        "articleSection": brief.kicker,
        "keywords": [t.name for t in brief.topics],
        "publisher": _organisation(config.publisher, config.publisher_url),
        "image": {"@type": "ImageObject", "url": card, "width": WIDTH, "height": HEIGHT},
        "citation": [_citation(s.source) for s in view.sources],
    }
    if view.corrections:
        # schema.org's way to say the article was corrected, and when: dateModified
        # is on or after every correction, as check keeps 'updated' after each update.
        article["correction"] = [{
            "@type": "CorrectionComment", "datePublished": c.date.isoformat(),
            "text": plain_text(_CITES_AND_BADGES.sub("", str(c.text))),
        } for c in view.corrections]
    return article


def faq_page(view: BriefView) -> dict[str, Any] | None:
    """The FAQ as questions and plain-text answers (no citation numbers), or None."""
    if not view.faq:
        return None
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "mainEntity": [{
            "@type": "Question",
            "name": item.question,
            "acceptedAnswer": {"@type": "Answer",
                               "text": plain_text(_CITES_AND_BADGES.sub("", str(item.answer)))},
        } for item in view.faq],
    }


def brief_structured_data(config: SiteConfig, view: BriefView) -> list[dict[str, Any]]:
    """Every JSON-LD block of a brief's page (a template global; write with ``tojson``)."""
    blocks = [news_article(config, view), faq_page(view)]
    return [b for b in blocks if b is not None]
