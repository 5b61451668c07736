"""The number check: every figure of a brief's text held to its fact sheet.

``notation`` reads figures and normalises them, ``sentences`` finds which
citations back each one, ``facts`` indexes the fact sheet's figures,
``rules`` decides what each figure is, and ``check`` reports it.  The page's
links from figures to their cells (``views.number_links``) use the same
index and rules, so what ``check`` calls a match is what the page links.
"""
