"""Stage 5, write: what leaves the build besides the output folder.

package writes and verifies the distribution zip; records writes the
project's own record of published versions and confirmed translations.
The output folder itself is written by editions/build.py through
editions/files.py.
"""
