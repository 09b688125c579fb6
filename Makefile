# bk.plone — Beschlusskontrolle for Plone 6.2
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILDOUT_VENV := .venv-buildout

HOST ?= 127.0.0.1
PORT ?= 8080
SITE ?= Plone
ADMIN_USER ?= admin
ADMIN_PASSWORD ?= admin
# The demo's mail sink (make start): mails land in $(INSTANCE)/var/mail.
MAIL_PORT ?= 8025
INSTANCE := instance
PYTEST_ARGS ?=
# pytest-xdist workers: one per core ("auto"); 0 runs the suite in one process.
PYTEST_WORKERS ?= auto

export ADMIN_USER ADMIN_PASSWORD

PACKAGE_SRC := src/bk/plone
LOCALES := $(PACKAGE_SRC)/locales
ZPRETTY_FILES = $(shell find src -name '*.zcml' -o -name '*.pt' -o -name '*.xml' -path '*profiles*')

.PHONY: help
help: ## Show this help
	@grep -E '^[a-zA-Z_.-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt pip setuptools wheel

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e ".[site,test,lint]"
	@touch $@

.PHONY: debian-packages
debian-packages: ## Install the Debian packages the site needs, when missing (apt-get as root or through sudo)
	@PYTHON=$(PYTHON) bash scripts/debian_packages.sh serve

.PHONY: debian-packages-test
debian-packages-test: ## The same for the tests (adds Chromium)
	@PYTHON=$(PYTHON) bash scripts/debian_packages.sh test

.PHONY: install
install: debian-packages $(VENV)/.installed ## Create .venv and install Plone 6.2 and bk.plone with the pinned versions

$(INSTANCE)/etc/zope.conf: $(VENV)/.installed scripts/make_instance.py
	$(BIN)/python scripts/make_instance.py --dir $(INSTANCE) --host $(HOST) --port $(PORT)

.PHONY: instance
instance: install ## Write the Zope instance configuration (HOST, PORT)
	$(BIN)/python scripts/make_instance.py --dir $(INSTANCE) --host $(HOST) --port $(PORT)

.PHONY: site
site: instance ## Create the Plone site with bk.plone and its demo, or reuse it
	$(BIN)/python scripts/serve.py --instance $(INSTANCE) --site $(SITE) --mail-port $(MAIL_PORT) --setup-only

.PHONY: start
start: instance ## Install everything and serve the demo site in the foreground (ZEO server, mail sink, instance)
	@echo ""
	@echo "  Beschlusskontrolle: http://$(if $(filter 127.0.0.1 0.0.0.0,$(HOST)),localhost,$(HOST)):$(PORT)/$(SITE)"
	@echo "  Login: $(ADMIN_USER) / $(ADMIN_PASSWORD)      Stop with Ctrl+C."
	@echo "  Mail of the demo: $(INSTANCE)/var/mail/*.eml (SMTP sink on 127.0.0.1:$(MAIL_PORT))"
	@echo "  Jobs while it serves: $(BIN)/bk-plone remind --zope-conf $(INSTANCE)/etc/zope.conf"
	@echo ""
	$(BIN)/python scripts/serve.py --instance $(INSTANCE) --site $(SITE) --mail-port $(MAIL_PORT)

.PHONY: test
test: debian-packages-test install ## Run the whole test suite (on every core; PYTEST_WORKERS=0 for one process)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

BENCH_LETTERS ?= 1000
BENCH_RESOLUTIONS ?= 1000,10000

.PHONY: bench
bench: install ## Measure on a throwaway site; writes benchmarks/results.json
	$(BIN)/python benchmarks/bench.py --letters $(BENCH_LETTERS) --resolutions $(BENCH_RESOLUTIONS)

BACKUP_DIR ?= backups

.PHONY: backup
backup: install ## Back up INSTANCE to BACKUP_DIR: repozo and the blobs for a FileStorage, pg_dump for the cluster's RelStorage
	$(BIN)/python scripts/backup.py backup --instance $(INSTANCE) --dir $(BACKUP_DIR)

.PHONY: restore
restore: install ## Restore the newest backup of BACKUP_DIR into INSTANCE (refused while the database is in use)
	$(BIN)/python scripts/backup.py restore --instance $(INSTANCE) --dir $(BACKUP_DIR)

CLUSTER_DIR ?= cluster
PG_PORT ?= 15432

.PHONY: cluster
cluster: install debian-packages-cluster ## PostgreSQL, two instances (PORT+1, PORT+2) on RelStorage and HAProxy on PORT, in the background
	$(BIN)/python scripts/cluster.py start --dir $(CLUSTER_DIR) --host $(HOST) --port $(PORT) --pg-port $(PG_PORT) --site $(SITE)

.PHONY: cluster-stop
cluster-stop: ## Stop HAProxy, the instances and PostgreSQL of make cluster (the data stays in CLUSTER_DIR)
	$(BIN)/python scripts/cluster.py stop --dir $(CLUSTER_DIR)

.PHONY: cluster-migrate
cluster-migrate: install debian-packages-cluster ## Copy INSTANCE's database (FileStorage and blobs; stop make start first) into the cluster with zodbconvert
	$(BIN)/python scripts/cluster.py migrate --from-instance $(INSTANCE) --dir $(CLUSTER_DIR) --host $(HOST) --port $(PORT) --pg-port $(PG_PORT) --site $(SITE)

.PHONY: debian-packages-cluster
debian-packages-cluster: ## The Debian packages make cluster adds (PostgreSQL, HAProxy)
	@PYTHON=$(PYTHON) bash scripts/debian_packages.sh cluster

CLIENTS ?= 20
SECONDS ?= 60

.PHONY: loadtest
loadtest: install ## N concurrent clients (CLIENTS) for T seconds (SECONDS) on a throwaway instance
	$(BIN)/python benchmarks/loadtest.py --clients $(CLIENTS) --seconds $(SECONDS)

.PHONY: loadtest-cluster
loadtest-cluster: install debian-packages-cluster ## The same on a throwaway cluster: one instance, then two behind HAProxy, and the ratio
	$(BIN)/python benchmarks/loadtest.py --cluster --clients $(CLIENTS) --seconds $(SECONDS) --out benchmarks/loadtest-cluster.json

.PHONY: lint
lint: install ## ruff check, ruff format --check, zpretty --check
	$(BIN)/ruff check src tests scripts benchmarks setup.py
	$(BIN)/ruff format --check src tests scripts benchmarks setup.py
	$(BIN)/zpretty --check $(ZPRETTY_FILES)

.PHONY: format
format: install ## Apply ruff and zpretty formatting
	$(BIN)/ruff check --fix src tests scripts benchmarks setup.py
	$(BIN)/ruff format src tests scripts benchmarks setup.py
	$(BIN)/zpretty -i $(ZPRETTY_FILES)

.PHONY: i18n
i18n: install ## Extract messages, sync the .po files, compile the .mo files
	cd $(PACKAGE_SRC) && ../../../$(BIN)/i18ndude rebuild-pot --pot locales/bk.plone.pot --create bk.plone .
	$(BIN)/i18ndude sync --pot $(LOCALES)/bk.plone.pot $(LOCALES)/*/LC_MESSAGES/bk.plone.po
	$(BIN)/pybabel compile -d $(LOCALES) -D bk.plone
	$(BIN)/pybabel compile -d $(LOCALES) -D plone

.PHONY: constraints
constraints: install ## Re-pin constraints.txt from the installed environment, then versions.cfg
	$(BIN)/pip install -q zc.buildout plone.recipe.zope2instance zc.recipe.egg
	$(BIN)/python scripts/pins.py freeze
	$(MAKE) versions.cfg

versions.cfg: constraints.txt scripts/pins.py ## Generate buildout's versions.cfg from constraints.txt
	$(PYTHON) scripts/pins.py versions

$(BUILDOUT_VENV)/bin/buildout: constraints.txt
	$(PYTHON) -m venv $(BUILDOUT_VENV)
	$(BUILDOUT_VENV)/bin/pip install -q -c constraints.txt pip setuptools wheel zc.buildout
	@touch $@

.PHONY: buildout
buildout: $(BUILDOUT_VENV)/bin/buildout ## Build the instance with zc.buildout in its own virtual environment
	$(BUILDOUT_VENV)/bin/buildout -N $(BUILDOUT_ARGS)

.PHONY: clean
clean: ## Remove virtual environments, instance data, build artefacts
	-$(BIN)/python scripts/cluster.py stop --dir $(CLUSTER_DIR) 2>/dev/null
	rm -rf $(VENV) $(BUILDOUT_VENV) $(INSTANCE) $(CLUSTER_DIR) bin develop-eggs eggs parts var .installed.cfg
	rm -rf build dist src/*.egg-info .pytest_cache .ruff_cache artifacts
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
