# The two commands of the README:  make report  and  make test.
# Each creates (or reuses) the local environment in .venv/ from the pinned lock.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SANITIZE := tests/nbval_sanitize.cfg

.PHONY: report test env lab voila student clean

env: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@# byte-compile once, so that kernels start fast even where PYTHONDONTWRITEBYTECODE is set
	$(PY) -m compileall -q -j 0 $(VENV)/lib analysis > /dev/null || true
	@touch $(STAMP)

report: $(STAMP)
	$(PY) -m analysis report --out build/report

test: $(STAMP)
	$(PY) -m pytest --nbval --nbval-sanitize-with $(SANITIZE) -p no:randomly

.PHONY: bench
bench: $(STAMP)  # a few minutes: notebooks, stage throughput x1..x1000, overhead, widgets, cache
	$(PY) -m benchmarks --update-readme

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

voila: $(STAMP)
	$(VENV)/bin/voila notebooks/04-compare.ipynb --Voila.ip=127.0.0.1

student: $(STAMP)
	$(PY) -m analysis student --out build/student

clean:
	rm -rf build .pytest_cache
