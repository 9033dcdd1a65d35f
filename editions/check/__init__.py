"""Stage 2, check: what must hold before anything is rendered.

numbering compares each edition with itself (sequence) and each translation
with its original; footnotes, tables and values compare what a translation's
parts call, hold and state; changes checks the amendments; tracking finds the
parts of translations behind their original; names says how messages name
what they report. Checks report every problem, never stop at the first.
"""
