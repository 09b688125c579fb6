"""Installer for the bk.plone package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


VERSION = "1.0.0a1"

long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.md", "CHANGES.md")
)


setup(
    name="bk.plone",
    version=VERSION,
    description="Beschlusskontrolle for Plone: follow up council resolutions point by point.",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Framework :: Zope",
        "Framework :: Zope :: 5",
        "Intended Audience :: System Administrators",
        "Natural Language :: German",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
    keywords="Python Plone CMS Beschlusskontrolle council resolutions",
    author="bk.plone developers",
    license="GPL-2.0-only",
    license_files=["LICENSE"],
    packages=find_namespace_packages("src", include=["bk.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone>=6.2,<6.3",
        "plone.app.layout>=6.0,<7",
        "plone.classicui",
        "plone.distribution",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.registry",
        "plone.restapi",
        "Zope[wsgi]>=5.13,<6",
        # ZODB 6.3 declares the `class-factory` key that Zope 5.14's own schema
        # declares too, and Zope then refuses to start (zopefoundation/Zope#1291).
        "ZODB<6.3",
        # the database server `make start` runs; the commands are its clients
        "ZEO",
        "Chameleon",
        "babel",
        "natsort",
        "lxml",
        "lxml_html_clean",
        "weasyprint",
        "python-docx",
        "pypdf",
        "tqdm",
        "openpyxl",
        "cachetools",
        # the OParl import reads council information systems over HTTP
        "requests",
        # the importer reads PDF letters by where their words stand
        "pdfplumber",
    ],
    extras_require={
        # What a site running bk.plone needs beside it (Plone's own upgrades).
        # RelStorage on PostgreSQL for `make cluster` (psycopg2's wheel: no compiler).
        "site": ["plone.app.upgrade", "RelStorage", "psycopg2-binary"],
        "test": [
            "build",
            "plone.app.testing",
            "plone.testing",
            "plone.app.contenttypes",
            "pytest",
            "pytest-plone>=1.1",
            "pytest-xdist",
            "zope.testbrowser",
            "requests",
            "aiosmtpd",
            "playwright",
            "axe-playwright-python",
            # reading the letter's PDF back: structure tree, word positions, PDF/UA
            "pikepdf",
            "pdfua",
            # the OParl output checked against the official schemas
            "jsonschema",
        ],
        "lint": [
            "ruff",
            "zpretty",
            "i18ndude",
        ],
    },
    entry_points={
        "plone.autoinclude.plugin": ["target = plone"],
        "console_scripts": ["bk-plone = bk.plone.cli:main"],
    },
)
