# Two commands: `make` sets up and builds every edition; `make test` sets up and runs the tests.
VENV := .venv
STAMP := $(VENV)/.setup-done

.PHONY: editions test check golden catalog bench clean

editions: $(STAMP)
	$(VENV)/bin/python build.py

# mypy strict and ruff first: CI runs this very target.
test: $(STAMP)
	$(VENV)/bin/python -m mypy editions
	$(VENV)/bin/python -m ruff check .
	$(VENV)/bin/python -m pytest

check: $(STAMP)
	$(VENV)/bin/python build.py check

# Figures, not a test: check, HTML, full and incremental builds of DSC/1 and of
# generated documents beside plain WeasyPrint on the same HTML (docs/performance.md).
bench: $(STAMP)
	$(VENV)/bin/python bench/run.py

# Regenerate the golden HTML of the sample project after an intended change.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(VENV)/bin/python -m pytest tests/test_html.py -q

# Extract the templates' strings and merge them into every catalog.
catalog: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg --sort-by-file --project=editions -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales

$(STAMP): pyproject.toml scripts/setup
	./scripts/setup
	touch $(STAMP)

clean:
	rm -rf output $(VENV)
