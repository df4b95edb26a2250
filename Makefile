# Two commands for a newcomer: `make run` and `make test`. Everything else is for maintainers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change, so a second `make run` starts in seconds.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the translation catalogues after changing user-visible strings (needs GNU gettext).
messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans -l en --no-obsolete --ignore=.venv --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

# With DATABASE_URL=postgres://… it also times a crowd registering at once (benchmarks/burst.py).
bench: $(STAMP)
	env -u DATABASE_URL -u REDIS_URL $(PY) benchmarks/pages.py
	case "$$DATABASE_URL" in postgres*) $(PY) benchmarks/burst.py ;; esac

clean:
	rm -rf $(VENV) db.sqlite3 media var staticfiles
