"""Stage 3, plan: which files the build can write, and which of them are stale.

outputs names every output once (one frozen record each); state keeps what
the last build read and wrote and says why an output must be rendered again.
"""
