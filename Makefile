# The two commands a new user needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lab clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: analyse the seed article and write reports/01_seed_article.html
run: $(STAMP)
	$(BIN)/toolkit render notebooks/01_seed_article.py reports/01_seed_article.html

## test: the whole test suite, notebooks included
test: $(STAMP)
	$(BIN)/python -m pytest

## test-fast: the unit tests only (no slow, notebook or browser tests), a couple of minutes
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not notebook and not browser"

## lab: open JupyterLab on the notebooks; the .py files open as notebooks (the project's Jupyter
## settings in .jupyter/ are added to the user's own; --allow-root only for the root user)
lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab notebooks $$(test "$$(id -u)" = 0 && echo --allow-root)

clean:
	rm -rf $(VENV) reports build *.egg-info
