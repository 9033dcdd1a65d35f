"""Stage 1, read: every project file into the immutable content model, with every problem of reading it.

YAML composed with PyYAML's C loader (yamlsource), checked against the
declared schemas (schema), labels parsed into numbers (numerals, the systems a
project declares in numerals/: systems, languages),
inline markup parsed (inline); loader builds a Document, project gathers
every language and document, amendments reads the published versions.
"""
