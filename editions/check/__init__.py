"""Stage 2, check: what must hold before anything is rendered.

numbering compares each edition with itself and each translation with its
original; changes checks the amendments; tracking finds the parts of
translations behind their original. Checks report every problem, never stop
at the first.
"""
