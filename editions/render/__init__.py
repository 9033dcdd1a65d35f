"""Stage 4, render: every stale output's bytes, in memory.

html, bilingual, corrigendum and marked make the HTML of each kind of
edition through Jinja (pages chooses among them), localise formats for a
locale, site makes the index; pdf turns print HTML into PDF/A with
WeasyPrint, in worker processes (workers, preload, lifetime).
"""
